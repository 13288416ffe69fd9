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

export interface WorkforceWriteOptions {
  /** Sent where the protocol has idempotency keys (the sandbox REST API); SCIM relies on userName uniqueness instead. */
  idempotencyKey: string;
  /** The employee's `source.versionId` the change was decided on; a stale one is refused (VERSION_CONFLICT). */
  ifMatch?: string;
}

/** What an adapter can do beyond employees: SCIM carries neither positions nor credentials. */
export interface WorkforceCapabilities {
  positions: boolean;
  credentials: boolean;
  /** Writes carry an idempotency key, so a retried hire cannot hire twice. */
  idempotentWrites: boolean;
}

/**
 * What Concord needs from the HR system of record (hire-to-payroll), in the canonical model: staff,
 * their positions and credentials, and hire, change and termination. One adapter per protocol
 * (the sandbox HR REST API, SCIM 2.0); adapters throw WorkforceConnectorException.
 */
export abstract class WorkforcePort {
  abstract readonly capabilities: WorkforceCapabilities;

  abstract listEmployees(query?: EmployeeQueryDto): Promise<EmployeeDto[]>;
  abstract getEmployee(id: string): Promise<EmployeeDto>;
  /** The employee with this number, or undefined. */
  abstract findEmployeeByNumber(employeeNumber: string): Promise<EmployeeDto | undefined>;

  abstract hireEmployee(input: CreateEmployeeDto, options: WorkforceWriteOptions): Promise<EmployeeDto>;
  abstract updateEmployee(id: string, change: UpdateEmployeeDto, options: WorkforceWriteOptions): Promise<EmployeeDto>;
  abstract terminateEmployee(id: string, input: TerminateEmployeeDto, options: WorkforceWriteOptions): Promise<EmployeeDto>;

  /** Throws NOT_SUPPORTED when `capabilities.positions` is false. */
  abstract listPositions(): Promise<PositionDto[]>;
  /** Throws NOT_SUPPORTED when `capabilities.credentials` is false. `expiringWithinDays` includes expired ones. */
  abstract listCredentials(query?: CredentialQueryDto): Promise<CredentialDto[]>;
}
