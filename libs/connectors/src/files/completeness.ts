import type { SourceEntry } from './file-source';

/**
 * How a poller tells a complete file from one still being written: `stable` waits until a file
 * has the same size and modification time on two consecutive polls; `marker` waits for the
 * sender's `<name>.done` file.
 */
export type CompletenessRule = 'stable' | 'marker';

/** Remembers what the previous poll saw, per source. One instance per poller. */
export class CompletenessTracker {
  private previous = new Map<string, string>();

  constructor(readonly rule: CompletenessRule) {}

  /** The entries of this poll that are complete. */
  complete(entries: readonly SourceEntry[], markers: ReadonlySet<string>): SourceEntry[] {
    if (this.rule === 'marker') return entries.filter((entry) => markers.has(entry.name));
    const seen = new Map(entries.map((entry) => [entry.name, `${entry.size}:${entry.modifiedMs}`]));
    const ready = entries.filter((entry) => this.previous.get(entry.name) === seen.get(entry.name));
    this.previous = seen;
    return ready;
  }

  /** Forgets a file once handled, so a new file of the same name needs two polls again. */
  forget(name: string): void {
    this.previous.delete(name);
  }
}
