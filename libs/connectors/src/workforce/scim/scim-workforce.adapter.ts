import type {
  CreateEmployeeDto,
  CredentialDto,
  EmployeeDto,
  EmployeeQueryDto,
  PositionDto,
  TerminateEmployeeDto,
  UpdateEmployeeDto,
} from '@concord/contracts';
import { WorkforceConnectorException, WorkforceConnectorExceptionCode as Code } from '../workforce-connector.exception';
import { readRecord, type WorkforceHttpOptions } from '../workforce-http';
import { WorkforcePort, type WorkforceCapabilities, type WorkforceWriteOptions } from '../workforce.port';
import { ScimClient } from './scim.client';
import {
  employeeFromScimUser,
  scimFilterFor,
  scimPatchForTermination,
  scimPatchForUpdate,
  scimString,
  scimUserForHire,
} from './scim-user.mapping';

/**
 * WorkforcePort on an HR SaaS's SCIM 2.0 endpoint (users with the enterprise extension and
 * Concord's workforce extension). SCIM carries no positions or credentials, and no idempotency keys:
 * a hire retried after an ambiguous failure meets userName uniqueness (CONFLICT) instead of hiring twice.
 */
export class ScimWorkforceAdapter extends WorkforcePort {
  readonly capabilities: WorkforceCapabilities = { positions: false, credentials: false, idempotentWrites: false };
  readonly client: ScimClient;

  constructor(options: WorkforceHttpOptions | ScimClient) {
    super();
    this.client = options instanceof ScimClient ? options : new ScimClient(options);
  }

  async listEmployees(query: EmployeeQueryDto = {}): Promise<EmployeeDto[]> {
    const users = await this.client.listAllUsers(scimFilterFor(query));
    return users.map((user) => readRecord(user, employeeFromScimUser, 'SCIM user'));
  }

  async getEmployee(id: string): Promise<EmployeeDto> {
    return readRecord(await this.client.getUser(id), employeeFromScimUser, 'SCIM user');
  }

  async findEmployeeByNumber(employeeNumber: string): Promise<EmployeeDto | undefined> {
    const [employee] = await this.listEmployees({ employeeNumber });
    return employee;
  }

  /** Finds a user by userName (the work email), e.g. to settle a hire whose answer was lost. */
  async findEmployeeByUserName(userName: string): Promise<EmployeeDto | undefined> {
    const [user] = await this.client.listAllUsers(`userName eq ${scimString(userName)}`);
    return user ? readRecord(user, employeeFromScimUser, 'SCIM user') : undefined;
  }

  async hireEmployee(input: CreateEmployeeDto, _options: WorkforceWriteOptions): Promise<EmployeeDto> {
    return readRecord(await this.client.createUser(scimUserForHire(input)), employeeFromScimUser, 'SCIM user');
  }

  async updateEmployee(id: string, change: UpdateEmployeeDto, options: WorkforceWriteOptions): Promise<EmployeeDto> {
    const operations = scimPatchForUpdate(change);
    if (!operations.length) return this.getEmployee(id);
    return readRecord(await this.client.patchUser(id, operations, etag(options.ifMatch)), employeeFromScimUser, 'SCIM user');
  }

  async terminateEmployee(id: string, input: TerminateEmployeeDto, options: WorkforceWriteOptions): Promise<EmployeeDto> {
    return readRecord(
      await this.client.patchUser(id, scimPatchForTermination(input), etag(options.ifMatch)),
      employeeFromScimUser,
      'SCIM user',
    );
  }

  listPositions(): Promise<PositionDto[]> {
    return Promise.reject(
      new WorkforceConnectorException(Code.NOT_SUPPORTED, 'SCIM carries no positions; read them from the HR system’s own API'),
    );
  }

  listCredentials(): Promise<CredentialDto[]> {
    return Promise.reject(
      new WorkforceConnectorException(Code.NOT_SUPPORTED, 'SCIM carries no credentials; read them from the HR system’s own API'),
    );
  }
}

const etag = (versionId: string | undefined) => (versionId === undefined ? undefined : `W/"${versionId}"`);
