import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { link, mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { ClearinghouseConnectorException, ClearinghouseConnectorExceptionCode as Code } from './clearinghouse-connector.exception';

export interface FolderExchangeOptions {
  /** Where this side writes files for the other side. */
  outbox: string;
  /** Where the other side writes files for this side. */
  inbox: string;
  /**
   * A file counts as complete once it has not been modified for this long. Writers that rename a
   * finished temporary file into place (as `deliver` does) need 0; writers that write in place need
   * the longest pause they may make mid-file.
   */
  settleMs?: number;
}

/** A file taken from the inbox. */
export interface InboundFile {
  name: string;
  content: Buffer;
  /** Modification time of the file when it was taken (ISO 8601). */
  modifiedAt: string;
}

export type PickUpOutcome = 'processed' | 'failed';

export interface PickUpResult {
  processed: string[];
  failed: string[];
}

/** Names a file may have: no path separators, not hidden, no temporary suffix. */
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$/;
const PARTIAL = /\.(tmp|part|filepart|partial)$/i;
/** Folders of the exchange inside an inbox: files being handled, then where they end up. */
const WORK = '.work';
export const PROCESSED_FOLDER = 'processed';
export const FAILED_FOLDER = 'failed';

/** Whether `name` is a file the exchange may write or take. */
export function isExchangeFileName(name: string): boolean {
  return FILE_NAME.test(name) && !PARTIAL.test(name);
}

/**
 * Files exchanged through two folders, as clearinghouses do over a mailbox or SFTP drop: `deliver`
 * writes a file atomically (a temporary file, fsynced, then linked into place, never overwriting),
 * and `pickUp` hands over each complete inbox file exactly once: it is first claimed by an atomic
 * rename into a work folder (so two instances never take the same file), then moved to
 * `processed/` or `failed/`. Files claimed by a run that crashed are handled again on the next
 * pick-up; the handler is expected to be idempotent (system-api stores each interchange by hash).
 */
export class FolderExchange {
  private readonly settleMs: number;

  constructor(private readonly options: FolderExchangeOptions) {
    this.settleMs = options.settleMs ?? 0;
  }

  get outbox(): string {
    return this.options.outbox;
  }

  get inbox(): string {
    return this.options.inbox;
  }

  /** Writes a file into the outbox atomically; refuses a name already waiting there. Returns its path. */
  async deliver(name: string, content: string | Buffer): Promise<string> {
    if (!isExchangeFileName(name))
      throw new ClearinghouseConnectorException(
        Code.INVALID_FILE_NAME,
        'A file name is 1-120 letters, digits, ".", "_" or "-", not hidden or temporary',
      );
    const target = join(this.options.outbox, name);
    const temporary = join(this.options.outbox, '.tmp', `${name}.${randomBytes(6).toString('hex')}`);
    try {
      await mkdir(join(this.options.outbox, '.tmp'), { recursive: true });
      const handle = await open(temporary, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o640);
      try {
        await handle.writeFile(content);
        await handle.sync();
      } finally {
        await handle.close();
      }
      // link() fails when the target exists, so a waiting file is never replaced (rename would).
      await link(temporary, target);
      await unlink(temporary);
      await syncDirectory(this.options.outbox);
      return target;
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      if ((error as NodeJS.ErrnoException).code === 'EEXIST')
        throw new ClearinghouseConnectorException(Code.FILE_EXISTS, `A file named ${name} is already waiting in the outbound folder`);
      throw new ClearinghouseConnectorException(Code.DELIVERY_FAILED, 'The outbound folder could not be written', [], { cause: error });
    }
  }

  /** Whether a file of this name is still waiting in the outbox (not yet taken by the other side). */
  async isWaiting(name: string): Promise<boolean> {
    return stat(join(this.options.outbox, name)).then(
      () => true,
      () => false,
    );
  }

  /**
   * Hands each complete inbox file to `handler`, oldest name first, and files it under `processed/`
   * or `failed/` by the outcome (a throw counts as failed). At most `limit` files per call.
   */
  async pickUp(handler: (file: InboundFile) => Promise<PickUpOutcome>, limit = 100): Promise<PickUpResult> {
    const result: PickUpResult = { processed: [], failed: [] };
    let candidates: string[];
    try {
      await mkdir(join(this.options.inbox, WORK), { recursive: true });
      // Files a crashed run had claimed come first: they arrived before anything still in the inbox.
      const orphans = (await readdir(join(this.options.inbox, WORK))).filter(isExchangeFileName).sort();
      candidates = [...orphans.map((name) => `${WORK}/${name}`), ...(await this.completeFiles())];
    } catch (error) {
      throw new ClearinghouseConnectorException(Code.COLLECTION_FAILED, 'The inbound folder could not be read', [], { cause: error });
    }
    for (const candidate of candidates.slice(0, limit)) {
      const name = candidate.startsWith(`${WORK}/`) ? candidate.slice(WORK.length + 1) : candidate;
      const claimed = join(this.options.inbox, WORK, name);
      if (candidate === name) {
        try {
          await rename(join(this.options.inbox, name), claimed);
        } catch {
          continue; // another instance claimed it first
        }
      }
      let outcome: PickUpOutcome;
      try {
        const [content, info] = await Promise.all([readFile(claimed), stat(claimed)]);
        outcome = await handler({ name, content, modifiedAt: info.mtime.toISOString() });
      } catch {
        outcome = 'failed';
      }
      await this.file(claimed, name, outcome === 'processed' ? PROCESSED_FOLDER : FAILED_FOLDER);
      result[outcome].push(name);
    }
    return result;
  }

  /** Polls the inbox every `intervalMs` until the returned stop function is called; errors go to `onError`. */
  poll(
    handler: (file: InboundFile) => Promise<PickUpOutcome>,
    intervalMs: number,
    onError: (error: unknown) => void,
  ): { stop(): Promise<void>; nudge(): Promise<PickUpResult> } {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let running: Promise<PickUpResult> = Promise.resolve({ processed: [], failed: [] });
    const runOnce = (): Promise<PickUpResult> => {
      // One pick-up at a time: a nudge waits for the pick-up in flight, then runs another.
      running = running
        .catch(() => ({ processed: [], failed: [] }))
        .then(() => this.pickUp(handler))
        .catch((error: unknown) => {
          onError(error);
          return { processed: [], failed: [] };
        });
      return running;
    };
    const schedule = () => {
      if (stopped) return;
      timer = setTimeout(() => {
        void runOnce().finally(schedule);
      }, intervalMs);
      timer.unref();
    };
    schedule();
    return {
      async stop() {
        stopped = true;
        clearTimeout(timer);
        await running.catch(() => undefined);
      },
      nudge: runOnce,
    };
  }

  private async completeFiles(): Promise<string[]> {
    const names = (await readdir(this.options.inbox, { withFileTypes: true }))
      .filter((entry) => entry.isFile() && isExchangeFileName(entry.name))
      .map((entry) => entry.name)
      .sort();
    if (this.settleMs === 0) return names;
    const now = Date.now();
    const complete: string[] = [];
    for (const name of names) {
      const info = await stat(join(this.options.inbox, name)).catch(() => undefined);
      if (info && now - info.mtimeMs >= this.settleMs) complete.push(name);
    }
    return complete;
  }

  /** Moves a handled file to its folder; a name already there gets a time suffix, so nothing is lost. */
  private async file(claimed: string, name: string, folder: string): Promise<void> {
    const directory = join(this.options.inbox, folder);
    await mkdir(directory, { recursive: true });
    let target = join(directory, name);
    if (
      await stat(target).then(
        () => true,
        () => false,
      )
    )
      target = join(directory, `${name}.${Date.now()}-${randomBytes(3).toString('hex')}`);
    await rename(claimed, target);
  }
}

/** fsyncs a directory so a rename or link in it survives a crash (a no-op where directories cannot be opened). */
async function syncDirectory(path: string): Promise<void> {
  const handle = await open(path, constants.O_RDONLY).catch(() => undefined);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on directories; the rename is still atomic.
  } finally {
    await handle.close();
  }
}
