import { join } from 'node:path';
import type { AppLogger } from '@concord/platform';
import { CommandLog } from '../../erp/persistence/command-log';
import { CommandLogReplayError } from '../../erp/persistence/erp-store';
import { type HrCommand, SandboxHr } from '../domain/sandbox-hr';

export interface HrStore {
  hr: SandboxHr;
  close(): void;
}

/**
 * The sandbox HR system, durable when given a data folder: its command log (`hr-commands.jsonl`)
 * records the seed date in its header, so dates seeded relative to it (an RN licence expiring in 20
 * days) stay put across restarts, and replays every hire, change and termination over the seed.
 */
export function openHrStore(options: { dataDir?: string; clock?: () => Date; durable?: boolean; logger?: AppLogger }): HrStore {
  const clock = options.clock ?? (() => new Date());
  if (!options.dataDir) return { hr: new SandboxHr(clock().toISOString().slice(0, 10), clock), close: () => undefined };
  const path = join(options.dataDir, 'hr-commands.jsonl');
  const opened = CommandLog.open<HrCommand, { seedDate: string }>(
    path,
    'hr',
    { seedDate: clock().toISOString().slice(0, 10) },
    { durable: options.durable, now: clock() },
  );
  if (opened.truncatedBytes > 0)
    options.logger?.warn({ path, truncatedBytes: opened.truncatedBytes }, 'HR command log ended in a torn line; it was cut off');
  const hr = new SandboxHr(opened.header.meta.seedDate, clock);
  for (const entry of opened.entries) {
    try {
      hr.execute(entry.command, { idempotencyKey: entry.key, at: new Date(entry.at) });
    } catch (error) {
      opened.log.close();
      throw new CommandLogReplayError(entry.seq, error);
    }
  }
  hr.onCommitted(({ command, idempotencyKey, at }) => opened.log.append({ at, key: idempotencyKey, command }));
  return { hr, close: () => opened.log.close() };
}
