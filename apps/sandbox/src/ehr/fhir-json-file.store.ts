import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Resource } from '@medplum/fhirtypes';
import type { RepositoryListener } from './sandbox-fhir.repository';

const FORMAT = 'concord-sandbox-ehr/1';

interface StoreFile {
  format: string;
  resources: Resource[];
}

/**
 * Keeps the sandbox EHR's current resources in one JSON file, so a restart finds what was written
 * (history is not kept). Writes are coalesced (many writes in a burst make one file write), and
 * each file write goes to a temporary file that is flushed to disk and renamed over the old one:
 * a crash leaves the previous or the new file, never half of one. A file that cannot be read stops
 * the start-up with its path rather than being silently replaced.
 */
export class FhirJsonFileStore implements RepositoryListener {
  private readonly resources = new Map<string, Resource>();
  private timer?: NodeJS.Timeout;
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;

  constructor(
    readonly file: string,
    private readonly coalesceMs = 50,
  ) {}

  /** The resources in the file (none when there is no file yet). */
  load(): Resource[] {
    if (!existsSync(this.file)) return [];
    let parsed: StoreFile;
    try {
      parsed = JSON.parse(readFileSync(this.file, 'utf8')) as StoreFile;
    } catch (error) {
      throw new Error(`The sandbox EHR store ${this.file} is not readable JSON; move it away to start empty`, { cause: error });
    }
    if (parsed?.format !== FORMAT || !Array.isArray(parsed.resources)) {
      throw new Error(`The sandbox EHR store ${this.file} is not a ${FORMAT} file; move it away to start empty`);
    }
    for (const resource of parsed.resources) this.resources.set(`${resource.resourceType}/${resource.id}`, resource);
    return parsed.resources;
  }

  stored(resource: Resource): void {
    this.resources.set(`${resource.resourceType}/${resource.id}`, resource);
    this.schedule();
  }

  deleted(resourceType: string, id: string): void {
    this.resources.delete(`${resourceType}/${id}`);
    this.schedule();
  }

  /** Writes pending changes now; resolves once they are on disk. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.dirty) {
      this.dirty = false;
      const snapshot = JSON.stringify({ format: FORMAT, resources: [...this.resources.values()] } satisfies StoreFile);
      this.writing = this.writing
        .catch(() => undefined)
        .then(() => writeAtomically(this.file, snapshot))
        .catch((error: unknown) => {
          this.dirty = true;
          throw error;
        });
    }
    await this.writing;
  }

  private schedule(): void {
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // A failed write stays pending: the next change or flush() writes again, and flush() reports it.
      this.flush().catch(() => undefined);
    }, this.coalesceMs);
    this.timer.unref();
  }
}

async function writeAtomically(file: string, content: string): Promise<void> {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  const handle = await open(temporary, 'w', 0o600);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
}
