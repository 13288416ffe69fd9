import { join } from 'node:path';
import type { AppLogger } from '@concord/platform';
import { canonicalJson } from '../domain/idempotency';
import { DEFAULT_ERP_SETTINGS, type ErpCommand, type ErpSettings, SandboxErp } from '../domain/sandbox-erp';
import { CommandLog } from './command-log';

export class CommandLogReplayError extends Error {
  constructor(seq: number, cause: unknown) {
    super(`Command ${seq} of the ERP log no longer applies; move the log aside to start from the seed`, { cause });
    this.name = 'CommandLogReplayError';
  }
}

export interface ErpStore {
  erp: SandboxErp;
  close(): void;
}

/**
 * The sandbox ERP, durable when given a data folder: its command log (`erp-commands.jsonl`) is
 * replayed over the seed at start, then every accepted command is appended and fsynced before the
 * answer goes out. The settings in force when the log was created stay in force for it, because a
 * different tolerance would replay an invoice match differently.
 */
export function openErpStore(options: {
  dataDir?: string;
  settings?: ErpSettings;
  clock?: () => Date;
  durable?: boolean;
  logger?: AppLogger;
}): ErpStore {
  const wanted = options.settings ?? DEFAULT_ERP_SETTINGS;
  if (!options.dataDir) {
    const erp = new SandboxErp(wanted, options.clock);
    return { erp, close: () => undefined };
  }
  const path = join(options.dataDir, 'erp-commands.jsonl');
  const opened = CommandLog.open<ErpCommand, ErpSettings>(path, 'erp', wanted, { durable: options.durable, now: options.clock?.() });
  if (opened.truncatedBytes > 0)
    options.logger?.warn({ path, truncatedBytes: opened.truncatedBytes }, 'ERP command log ended in a torn line; it was cut off');
  if (canonicalJson(opened.header.meta) !== canonicalJson(wanted)) {
    options.logger?.warn(
      { path, inForce: opened.header.meta },
      'ERP settings differ from those the command log was created with; the log’s settings stay in force',
    );
  }
  const erp = new SandboxErp(opened.header.meta, options.clock);
  for (const entry of opened.entries) {
    try {
      erp.execute(entry.command, { idempotencyKey: entry.key, at: new Date(entry.at) });
    } catch (error) {
      opened.log.close();
      throw new CommandLogReplayError(entry.seq, error);
    }
  }
  erp.onCommitted(({ command, idempotencyKey, at }) => opened.log.append({ at, key: idempotencyKey, command }));
  return { erp, close: () => opened.log.close() };
}
