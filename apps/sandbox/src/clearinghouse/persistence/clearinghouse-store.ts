import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync, openSync, fsyncSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { type ClearinghouseState, emptyClearinghouseState } from '../domain/sandbox-clearinghouse';

export class ClearinghouseStateError extends Error {
  constructor(path: string, cause: unknown) {
    super(`Clearinghouse state ${path} is unreadable; move it aside to start empty`, { cause });
    this.name = 'ClearinghouseStateError';
  }
}

/**
 * The clearinghouse's memory (payer claim numbers, adjudications, queued answers, sequences) as one
 * JSON file, replaced atomically (temporary file, fsync, rename) after every change, so a restart
 * answers replacements and duplicates as before and never reuses a control number.
 */
export class ClearinghouseStore {
  private constructor(private readonly path: string | undefined) {}

  static open(dataDir: string | undefined): { store: ClearinghouseStore; state: ClearinghouseState } {
    if (!dataDir) return { store: new ClearinghouseStore(undefined), state: emptyClearinghouseState() };
    mkdirSync(dataDir, { recursive: true });
    const path = join(dataDir, 'clearinghouse-state.json');
    if (!existsSync(path)) return { store: new ClearinghouseStore(path), state: emptyClearinghouseState() };
    try {
      const state = JSON.parse(readFileSync(path, 'utf8')) as ClearinghouseState;
      if (state.version !== 1) throw new Error(`version ${String(state.version)}`);
      return { store: new ClearinghouseStore(path), state };
    } catch (error) {
      throw new ClearinghouseStateError(path, error);
    }
  }

  save(state: ClearinghouseState): void {
    if (!this.path) return;
    const temporary = `${this.path}.tmp`;
    writeFileSync(temporary, JSON.stringify(state));
    const fd = openSync(temporary, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, this.path);
  }
}
