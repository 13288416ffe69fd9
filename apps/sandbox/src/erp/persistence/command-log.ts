import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, ftruncateSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * An append-only log of the commands a sandbox system accepted, one JSON line each, so its state is
 * rebuilt after a restart by replaying them over the seed. Each line carries a checksum of its
 * payload. A torn last line (the process died mid-write) is cut off on open; damage anywhere before
 * the last line refuses the open instead of silently dropping history.
 */
export interface CommandLogHeader<Meta> {
  format: 'concord-sandbox-command-log';
  version: 1;
  system: string;
  createdAt: string;
  meta: Meta;
}

export interface CommandLogEntry<Command> {
  seq: number;
  at: string;
  key: string;
  command: Command;
}

export class CommandLogCorruptError extends Error {
  constructor(
    readonly path: string,
    readonly line: number,
    reason: string,
  ) {
    super(`Command log ${path} is damaged at line ${line} (${reason}); move it aside to start from the seed`);
    this.name = 'CommandLogCorruptError';
  }
}

export interface OpenedCommandLog<Command, Meta> {
  log: CommandLog<Command>;
  header: CommandLogHeader<Meta>;
  entries: CommandLogEntry<Command>[];
  /** Bytes of a torn last line that were cut off (0 when the log was clean). */
  truncatedBytes: number;
}

const checksum = (payload: string) => createHash('sha256').update(payload).digest('hex').slice(0, 16);
const line = (payload: unknown) => {
  const json = JSON.stringify(payload);
  return `${checksum(json)} ${json}\n`;
};

function parseLine(text: string): unknown {
  const space = text.indexOf(' ');
  if (space !== 16) throw new Error('no checksum');
  const json = text.slice(17);
  if (checksum(json) !== text.slice(0, 16)) throw new Error('checksum mismatch');
  return JSON.parse(json);
}

export class CommandLog<Command> {
  private seq: number;

  private constructor(
    private readonly fd: number,
    private readonly durable: boolean,
    lastSeq: number,
  ) {
    this.seq = lastSeq;
  }

  /** Opens (or creates with `meta`) the log at `path` and reads back what it holds. */
  static open<Command, Meta>(
    path: string,
    system: string,
    meta: Meta,
    options: { durable?: boolean; now?: Date } = {},
  ): OpenedCommandLog<Command, Meta> {
    const durable = options.durable ?? true;
    mkdirSync(dirname(path), { recursive: true });
    if (!existsSync(path)) {
      const header: CommandLogHeader<Meta> = {
        format: 'concord-sandbox-command-log',
        version: 1,
        system,
        createdAt: (options.now ?? new Date()).toISOString(),
        meta,
      };
      const fd = openSync(path, 'a');
      writeSync(fd, line(header));
      if (durable) fsyncSync(fd);
      return { log: new CommandLog<Command>(fd, durable, 0), header, entries: [], truncatedBytes: 0 };
    }
    const content = readFileSync(path);
    const text = content.toString('utf8');
    const lastNewline = text.lastIndexOf('\n');
    const complete = lastNewline < 0 ? '' : text.slice(0, lastNewline + 1);
    let keptBytes = Buffer.byteLength(complete, 'utf8');
    const lines = complete.split('\n').slice(0, -1);
    if (!lines.length) throw new CommandLogCorruptError(path, 1, 'no header');
    let header: CommandLogHeader<Meta>;
    try {
      header = parseLine(lines[0]) as CommandLogHeader<Meta>;
    } catch (error) {
      throw new CommandLogCorruptError(path, 1, (error as Error).message);
    }
    if (header.format !== 'concord-sandbox-command-log' || header.version !== 1 || header.system !== system) {
      throw new CommandLogCorruptError(path, 1, `not a version 1 ${system} command log`);
    }
    const entries: CommandLogEntry<Command>[] = [];
    for (let index = 1; index < lines.length; index += 1) {
      try {
        const entry = parseLine(lines[index]) as CommandLogEntry<Command>;
        if (entry.seq !== entries.length + 1) throw new Error(`sequence ${entry.seq} where ${entries.length + 1} was expected`);
        entries.push(entry);
      } catch (error) {
        // Only the very last line may be damaged: that is a write cut short, not lost history.
        if (index !== lines.length - 1) throw new CommandLogCorruptError(path, index + 1, (error as Error).message);
        keptBytes -= Buffer.byteLength(`${lines[index]}\n`, 'utf8');
      }
    }
    const truncatedBytes = content.length - keptBytes;
    const fd = openSync(path, 'r+');
    if (truncatedBytes > 0) {
      ftruncateSync(fd, keptBytes);
      if (durable) fsyncSync(fd);
    }
    closeSync(fd);
    return { log: new CommandLog<Command>(openSync(path, 'a'), durable, entries.length), header, entries, truncatedBytes };
  }

  /** Appends one accepted command; durable (fsync) before it returns unless opened otherwise. */
  append(entry: Omit<CommandLogEntry<Command>, 'seq'>): number {
    const seq = this.seq + 1;
    writeSync(this.fd, line({ seq, ...entry }));
    if (this.durable) fsyncSync(this.fd);
    this.seq = seq;
    return seq;
  }

  close(): void {
    closeSync(this.fd);
  }
}
