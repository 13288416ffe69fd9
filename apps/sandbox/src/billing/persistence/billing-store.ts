import { join } from 'node:path';
import type { AppLogger } from '@concord/platform';
import { CommandLog } from '../../erp/persistence/command-log';
import { type BillingCommand, SandboxBilling } from '../domain/sandbox-billing';

export class BillingLogReplayError extends Error {
  constructor(seq: number, cause: unknown) {
    super(`Command ${seq} of the billing log no longer applies; move the log aside to start from the seed`, { cause });
    this.name = 'BillingLogReplayError';
  }
}

export interface BillingStore {
  billing: SandboxBilling;
  close(): void;
}

/**
 * The sandbox billing platform, durable when given a data folder: its command log
 * (`billing-commands.jsonl`, the ERP's append-only checksummed format) is replayed over the seed at
 * start, then every accepted command is appended and fsynced before the answer goes out.
 */
export function openBillingStore(options: { dataDir?: string; clock?: () => Date; durable?: boolean; logger?: AppLogger }): BillingStore {
  if (!options.dataDir) return { billing: new SandboxBilling(options.clock), close: () => undefined };
  const path = join(options.dataDir, 'billing-commands.jsonl');
  const opened = CommandLog.open<BillingCommand, Record<string, never>>(
    path,
    'billing',
    {},
    { durable: options.durable, now: options.clock?.() },
  );
  if (opened.truncatedBytes > 0)
    options.logger?.warn({ path, truncatedBytes: opened.truncatedBytes }, 'billing command log ended in a torn line; it was cut off');
  const billing = new SandboxBilling(options.clock);
  for (const entry of opened.entries) {
    try {
      billing.execute(entry.command, { idempotencyKey: entry.key, at: new Date(entry.at) });
    } catch (error) {
      opened.log.close();
      throw new BillingLogReplayError(entry.seq, error);
    }
  }
  billing.onCommitted(({ command, idempotencyKey, at }) => opened.log.append({ at, key: idempotencyKey, command }));
  return { billing, close: () => opened.log.close() };
}
