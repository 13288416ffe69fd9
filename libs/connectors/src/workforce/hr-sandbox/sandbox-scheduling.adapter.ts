import type { SchedulingAccessDto } from '@concord/contracts';
import { type SchedulingProvision, SchedulingPort, type SchedulingWriteOptions } from '../scheduling.port';
import { WorkforceConnectorException, WorkforceConnectorExceptionCode } from '../workforce-connector.exception';
import { pathSegment, readRecord, WorkforceHttp, type WorkforceHttpOptions } from '../workforce-http';
import * as map from './peoplewise.mapping';

/** The sandbox scheduling roster's wire shape (Peoplewise style). */
export interface PwRosterEntry {
  personNumber: string;
  department: string;
  jobTitle?: string;
  status: 'ACTIVE' | 'DEPROVISIONED';
  accessEndDate?: string;
  lastModified: string;
}

/** Maps a roster entry to the canonical scheduling access. */
export function schedulingAccessFromRoster(entry: PwRosterEntry): SchedulingAccessDto {
  return {
    employeeNumber: entry.personNumber,
    costCentre: entry.department,
    ...(entry.jobTitle ? { positionTitle: entry.jobTitle } : {}),
    status: entry.status === 'ACTIVE' ? 'active' : 'deprovisioned',
    ...(entry.accessEndDate ? { accessEndsOn: entry.accessEndDate } : {}),
    updatedAt: entry.lastModified,
  };
}

/** SchedulingPort on the sandbox HR system's scheduling API (/scheduling/staff). */
export class SandboxSchedulingAdapter extends SchedulingPort {
  private readonly http: WorkforceHttp;

  constructor(options: WorkforceHttpOptions) {
    super();
    this.http = new WorkforceHttp(options, 'application/json', map.errorFromPeoplewise, 'scheduling system');
  }

  async provision(input: SchedulingProvision, options: SchedulingWriteOptions): Promise<SchedulingAccessDto> {
    const { body } = await this.http.send('PUT', `/scheduling/staff/${pathSegment(input.employeeNumber, 'employee number')}`, {
      body: { department: input.costCentre, ...(input.positionTitle ? { jobTitle: input.positionTitle } : {}) },
      headers: { 'idempotency-key': options.idempotencyKey },
    });
    return readRecord(body as PwRosterEntry, schedulingAccessFromRoster, 'roster entry');
  }

  async deprovision(employeeNumber: string, accessEndsOn: string, options: SchedulingWriteOptions): Promise<SchedulingAccessDto> {
    const { body } = await this.http.send('POST', `/scheduling/staff/${pathSegment(employeeNumber, 'employee number')}/deprovision`, {
      body: { accessEndDate: accessEndsOn },
      headers: { 'idempotency-key': options.idempotencyKey },
    });
    return readRecord(body as PwRosterEntry, schedulingAccessFromRoster, 'roster entry');
  }

  async get(employeeNumber: string): Promise<SchedulingAccessDto | undefined> {
    try {
      const { body } = await this.http.send('GET', `/scheduling/staff/${pathSegment(employeeNumber, 'employee number')}`);
      return readRecord(body as PwRosterEntry, schedulingAccessFromRoster, 'roster entry');
    } catch (error) {
      if (error instanceof WorkforceConnectorException && error.code === WorkforceConnectorExceptionCode.NOT_FOUND) return undefined;
      throw error;
    }
  }
}
