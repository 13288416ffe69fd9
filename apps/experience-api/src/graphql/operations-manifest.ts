import { readFileSync } from 'node:fs';
import { OperationAllowList } from './graphql-limits.plugin';

/** Reads the registered operations file; a missing or malformed file stops start-up rather than opening the API. */
export function loadAllowList(path: string | undefined): OperationAllowList {
  if (!path) throw new Error('GRAPHQL_OPERATIONS_MODE=allow-list needs GRAPHQL_OPERATIONS_FILE');
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as { operations?: { name?: unknown; query?: unknown }[] };
  const queries = (parsed.operations ?? []).map((operation, index) => {
    if (typeof operation.query !== 'string' || !operation.query.trim()) throw new Error(`${path}: operations[${index}] has no query`);
    return operation.query;
  });
  return new OperationAllowList(queries);
}
