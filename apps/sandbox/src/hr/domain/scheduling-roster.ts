import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { HrDomainError, HrErrorCode } from './hr-domain.error';

export interface RosterEntry {
  personNumber: string;
  department: string;
  jobTitle?: string;
  status: 'ACTIVE' | 'DEPROVISIONED';
  accessEndDate?: string;
  lastModified: string;
}

/**
 * The sandbox's staff-scheduling system (rosters and shift bids, as a workforce-management product
 * holds them): who may be scheduled, on which department's rosters, until when. Provisioning is a
 * PUT of the whole entry (repeatable); deprovisioning keeps the entry with its last day. With a file
 * the roster survives restarts (written whole, then renamed, so a crash leaves the previous one).
 */
export class SchedulingRoster {
  private readonly entries = new Map<string, RosterEntry>();

  constructor(
    private readonly file?: string,
    private readonly clock: () => Date = () => new Date(),
  ) {
    if (file && existsSync(file))
      for (const entry of JSON.parse(readFileSync(file, 'utf8')) as RosterEntry[]) this.entries.set(entry.personNumber, entry);
  }

  get(personNumber: string): RosterEntry {
    const entry = this.entries.get(personNumber);
    if (!entry) throw new HrDomainError(HrErrorCode.NOT_FOUND, `No scheduling record for person ${personNumber}`);
    return entry;
  }

  provision(personNumber: string, input: { department: string; jobTitle?: string }): RosterEntry {
    const current = this.entries.get(personNumber);
    if (current?.status === 'ACTIVE' && current.department === input.department && current.jobTitle === input.jobTitle) return current;
    return this.save({
      personNumber,
      department: input.department,
      ...(input.jobTitle ? { jobTitle: input.jobTitle } : {}),
      status: 'ACTIVE',
      lastModified: this.clock().toISOString(),
    });
  }

  deprovision(personNumber: string, accessEndDate: string): RosterEntry {
    const current = this.get(personNumber);
    if (current.status === 'DEPROVISIONED' && current.accessEndDate === accessEndDate) return current;
    return this.save({ ...current, status: 'DEPROVISIONED', accessEndDate, lastModified: this.clock().toISOString() });
  }

  private save(entry: RosterEntry): RosterEntry {
    this.entries.set(entry.personNumber, entry);
    if (this.file) {
      writeFileSync(`${this.file}.tmp`, JSON.stringify([...this.entries.values()]));
      renameSync(`${this.file}.tmp`, this.file);
    }
    return entry;
  }
}
