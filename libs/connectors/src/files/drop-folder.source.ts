import { constants } from 'node:fs';
import { copyFile, link, mkdir, readdir, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FileConnectorException, FileConnectorExceptionCode as Code } from './file-connector.exception';
import {
  alternativeName,
  DONE_MARKER_SUFFIX,
  type FileDisposition,
  type FileSource,
  isCandidateFileName,
  REPORT_SUFFIX,
  type SourceEntry,
} from './file-source';

/** A local (or mounted) drop folder. */
export class DropFolderSource implements FileSource {
  constructor(readonly directory: string) {}

  get description(): string {
    return this.directory;
  }

  async list(): Promise<SourceEntry[]> {
    const entries = await this.guard(() => readdir(this.directory, { withFileTypes: true }));
    const files: SourceEntry[] = [];
    for (const entry of entries) {
      if (!entry.isFile() || !isCandidateFileName(entry.name)) continue;
      const info = await stat(join(this.directory, entry.name)).catch(() => undefined);
      if (info) files.push({ name: entry.name, size: info.size, modifiedMs: Math.trunc(info.mtimeMs) });
    }
    return files.sort((a, b) => a.modifiedMs - b.modifiedMs || a.name.localeCompare(b.name));
  }

  async markers(): Promise<Set<string>> {
    const names = await this.guard(() => readdir(this.directory));
    return new Set(names.filter((n) => n.endsWith(DONE_MARKER_SUFFIX)).map((n) => n.slice(0, -DONE_MARKER_SUFFIX.length)));
  }

  read(name: string): Promise<Buffer> {
    return this.guard(() => readFile(join(this.directory, name)));
  }

  async dispose(name: string, disposition: FileDisposition, report: string): Promise<string> {
    const folder = join(this.directory, disposition);
    await this.guard(() => mkdir(folder, { recursive: true }));
    let target = name;
    for (let attempt = 1; ; attempt++) {
      // The report goes first: a file in processed/ always has its report beside it.
      await this.guard(() => writeFile(join(folder, target + REPORT_SUFFIX), report));
      try {
        // A hard link never overwrites (a plain rename would silently replace an earlier file of the same
        // name); the original is removed after. Where links are not allowed, an exclusive copy does the same.
        await link(join(this.directory, name), join(folder, target)).catch((error: NodeJS.ErrnoException) => {
          if (error.code === 'EEXIST') throw error;
          return copyFile(join(this.directory, name), join(folder, target), constants.COPYFILE_EXCL);
        });
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw this.unavailable(error);
        await rm(join(folder, target + REPORT_SUFFIX), { force: true });
        target = alternativeName(name, attempt);
      }
    }
    await this.guard(() => unlink(join(this.directory, name)));
    await rm(join(this.directory, name + DONE_MARKER_SUFFIX), { force: true });
    return target;
  }

  /** Drops a file the way a well-behaved sender does: written under a temporary name, then renamed. */
  async drop(name: string, content: string | Buffer): Promise<void> {
    const temporary = join(this.directory, `${name}.tmp`);
    await writeFile(temporary, content);
    await rename(temporary, join(this.directory, name));
  }

  async close(): Promise<void> {}

  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw this.unavailable(error);
    }
  }

  private unavailable(error: unknown): FileConnectorException {
    return new FileConnectorException(
      Code.SOURCE_UNAVAILABLE,
      `Drop folder ${this.directory}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`,
      [],
      { cause: error },
    );
  }
}
