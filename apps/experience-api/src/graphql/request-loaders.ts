import DataLoader from 'dataloader';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The DataLoaders of one GraphQL request, created on first use. Each batches the keys asked for in
 * one tick into one upstream call and caches answers for the rest of the request only, so nothing
 * fetched for one caller (with that caller's scopes and masking) is ever served to another.
 */
export class RequestLoaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  /** The loader called `name` in this request; `batch` must answer one value (or Error) per key, in order. */
  get<K, V>(name: string, batch: (keys: readonly K[]) => Promise<ReadonlyArray<V | Error>>, maxBatchSize = 100): DataLoader<K, V> {
    let loader = this.loaders.get(name);
    if (!loader) {
      // Batches close after the current I/O turn, so every sibling field resolved in it joins the batch.
      loader = new DataLoader<K, V>(batch, { maxBatchSize, batchScheduleFn: (run) => setImmediate(run) });
      this.loaders.set(name, loader);
    }
    return loader as DataLoader<K, V>;
  }
}

/** What every resolver receives as its GraphQL context. */
export interface GraphqlContext {
  req: FastifyRequest;
  reply?: FastifyReply;
  loaders: RequestLoaders;
}

/** Groups `items` by `keyOf` and answers them in the order of `keys` (an empty list for keys without items). */
export function groupByKeys<K, T>(keys: readonly K[], items: readonly T[], keyOf: (item: T) => K): T[][] {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return keys.map((key) => groups.get(key) ?? []);
}
