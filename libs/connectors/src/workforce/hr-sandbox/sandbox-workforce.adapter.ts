import type {
  CreateEmployeeDto,
  CredentialDto,
  CredentialQueryDto,
  EmployeeDto,
  EmployeeQueryDto,
  PositionDto,
  TerminateEmployeeDto,
  UpdateEmployeeDto,
} from '@concord/contracts';
import { pathSegment, readRecord, WorkforceHttp, type WorkforceHttpOptions } from '../workforce-http';
import { WorkforcePort, type WorkforceCapabilities, type WorkforceWriteOptions } from '../workforce.port';
import type { PwJob, PwLicense, PwWorker, PwWorkerPage } from './peoplewise-api.types';
import * as map from './peoplewise.mapping';

const DAY_MS = 86_400_000;

export interface SandboxWorkforceOptions extends WorkforceHttpOptions {
  /** Today, for "expiring within n days"; the system clock when absent. */
  clock?: () => Date;
}

/** WorkforcePort on the sandbox HR system's REST API (Peoplewise): employees, positions, credentials. */
export class SandboxWorkforceAdapter extends WorkforcePort {
  readonly capabilities: WorkforceCapabilities = { positions: true, credentials: true, idempotentWrites: true };
  readonly http: WorkforceHttp;
  private readonly clock: () => Date;

  constructor(options: SandboxWorkforceOptions) {
    super();
    this.http = new WorkforceHttp(options, 'application/json', map.errorFromPeoplewise, 'HR system');
    this.clock = options.clock ?? (() => new Date());
  }

  async listEmployees(query: EmployeeQueryDto = {}): Promise<EmployeeDto[]> {
    const workers: PwWorker[] = [];
    for (let page = 1; ; page += 1) {
      const { body } = await this.http.send('GET', '/workers', {
        query: {
          page,
          pageSize: 200,
          personNumber: query.employeeNumber,
          department: query.costCentre,
          status: query.status === undefined ? undefined : query.status === 'active' ? 'ACTIVE' : 'TERMINATED',
        },
      });
      const result = body as PwWorkerPage;
      const items = readRecord(result, (value) => [...value.items], 'worker list');
      workers.push(...items);
      if (!items.length || workers.length >= result.totalItems) break;
    }
    return workers.map((worker) => readRecord(worker, map.employeeFromWorker, 'worker'));
  }

  async getEmployee(id: string): Promise<EmployeeDto> {
    const { body } = await this.http.send('GET', `/workers/${pathSegment(id, 'employee id')}`);
    return readRecord(body as PwWorker, map.employeeFromWorker, 'worker');
  }

  async findEmployeeByNumber(employeeNumber: string): Promise<EmployeeDto | undefined> {
    const [employee] = await this.listEmployees({ employeeNumber });
    return employee;
  }

  async hireEmployee(input: CreateEmployeeDto, options: WorkforceWriteOptions): Promise<EmployeeDto> {
    const { body } = await this.http.send('POST', '/workers', {
      body: map.hireToPeoplewise(input),
      headers: { 'idempotency-key': options.idempotencyKey },
    });
    return readRecord(body as PwWorker, map.employeeFromWorker, 'worker');
  }

  async updateEmployee(id: string, change: UpdateEmployeeDto, options: WorkforceWriteOptions): Promise<EmployeeDto> {
    const { body } = await this.http.send('PATCH', `/workers/${pathSegment(id, 'employee id')}`, {
      body: map.updateToPeoplewise(change),
      headers: writeHeaders(options),
    });
    return readRecord(body as PwWorker, map.employeeFromWorker, 'worker');
  }

  async terminateEmployee(id: string, input: TerminateEmployeeDto, options: WorkforceWriteOptions): Promise<EmployeeDto> {
    const { body } = await this.http.send('POST', `/workers/${pathSegment(id, 'employee id')}/terminate`, {
      body: map.terminationToPeoplewise(input),
      headers: writeHeaders(options),
    });
    return readRecord(body as PwWorker, map.employeeFromWorker, 'worker');
  }

  async listPositions(): Promise<PositionDto[]> {
    const { body } = await this.http.send('GET', '/jobs');
    return readRecord(body as { items: PwJob[] }, (value) => value.items.map(map.positionFromJob), 'job list');
  }

  async listCredentials(query: CredentialQueryDto = {}): Promise<CredentialDto[]> {
    const asOf = query.asOf ?? this.clock().toISOString().slice(0, 10);
    const expiringBefore =
      query.expiringWithinDays === undefined
        ? undefined
        : new Date(Date.parse(`${asOf}T00:00:00Z`) + query.expiringWithinDays * DAY_MS).toISOString().slice(0, 10);
    const { body } = await this.http.send('GET', '/licenses', {
      query: {
        workerId: query.employeeId,
        expiringBefore,
        licenseType: query.type === undefined ? undefined : map.LICENSE_CODES[query.type],
      },
    });
    return readRecord(body as { items: PwLicense[] }, (value) => value.items.map(map.credentialFromLicense), 'licence list');
  }
}

function writeHeaders(options: WorkforceWriteOptions): Record<string, string> {
  return { 'idempotency-key': options.idempotencyKey, ...(options.ifMatch === undefined ? {} : { 'if-match': `W/"${options.ifMatch}"` }) };
}
