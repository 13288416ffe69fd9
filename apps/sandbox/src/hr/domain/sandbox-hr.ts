import type { CredentialType, EmploymentStatus } from '@concord/contracts';
import { isCalendarDate, isCostCentreCode } from '@concord/contracts';
import { canonicalJson, IdempotencyRegistry } from '../../erp/domain/idempotency';
import { ErpDomainError } from '../../erp/domain/erp-domain.error';
import { HrDomainError, HrErrorCode } from './hr-domain.error';
import { type Position, SEED_POSITIONS, SEED_WORKERS } from './hr-seed';

export interface Worker {
  id: string;
  employeeNumber: string;
  given: string;
  family: string;
  email: string;
  userName: string;
  positionId: string;
  costCentre: string;
  hourlyRateCents: number;
  status: EmploymentStatus;
  hireDate: string;
  terminationDate?: string;
  terminationReason?: string;
  managerId?: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface License {
  id: string;
  workerId: string;
  type: CredentialType;
  licenceNumber: string;
  issuer: string;
  issuedOn?: string;
  expiresOn: string;
}

export interface HireInput {
  employeeNumber?: string;
  given: string;
  family: string;
  email?: string;
  userName?: string;
  positionId: string;
  costCentre?: string;
  hourlyRateCents: number;
  hireDate?: string;
  managerId?: string;
}

export interface WorkerChange {
  given?: string;
  family?: string;
  email?: string;
  positionId?: string;
  costCentre?: string;
  hourlyRateCents?: number;
  /** null clears the manager. */
  managerId?: string | null;
}

export interface TerminationInput {
  terminationDate?: string;
  reason?: string;
}

export type HrCommand =
  | { type: 'hire'; input: HireInput }
  | { type: 'update'; workerId: string; change: WorkerChange }
  | { type: 'terminate'; workerId: string; input: TerminationInput };

export interface HrCommandContext {
  idempotencyKey: string;
  at?: Date;
}

export interface HrOutcome<T> {
  result: T;
  replayed: boolean;
}

const DAY_MS = 86_400_000;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The sandbox HR system of record: workers, positions and licences, with hire, change and
 * termination as idempotent commands. Seeded relative to a seed date that the caller keeps stable
 * across restarts, so an expiry "in 20 days" stays on the same calendar day.
 */
export class SandboxHr {
  private readonly workers = new Map<string, Worker>();
  private readonly positions = new Map<string, Position>();
  private readonly licenses: License[] = [];
  private readonly idempotency = new IdempotencyRegistry();
  private listener?: (committed: { command: HrCommand; idempotencyKey: string; at: string }) => void;
  private brokenBy?: unknown;

  constructor(
    readonly seedDate: string,
    private readonly clock: () => Date = () => new Date(),
  ) {
    for (const position of SEED_POSITIONS) this.positions.set(position.id, position);
    const seededAt = `${seedDate}T00:00:00.000Z`;
    for (const seed of SEED_WORKERS) {
      const position = this.positions.get(seed.positionId)!;
      const hireDate = typeof seed.hireDate === 'string' ? seed.hireDate : addDays(seedDate, -seed.hireDate.daysBeforeSeed);
      const userName = `${seed.given}.${seed.family}@concordhealth.example`.toLowerCase();
      this.workers.set(seed.id, {
        id: seed.id,
        employeeNumber: seed.employeeNumber,
        given: seed.given,
        family: seed.family,
        email: userName,
        userName,
        positionId: position.id,
        costCentre: position.costCentre,
        hourlyRateCents: seed.hourlyRateCents,
        status: 'active',
        hireDate,
        managerId: seed.managerId,
        version: 1,
        createdAt: seededAt,
        updatedAt: seededAt,
      });
      for (const credential of seed.credentials) {
        this.licenses.push({
          id: credential.id,
          workerId: seed.id,
          type: credential.type,
          licenceNumber: credential.licenceNumber,
          issuer: credential.issuer,
          issuedOn: credential.issuedOn,
          expiresOn: typeof credential.expires === 'string' ? credential.expires : addDays(seedDate, credential.expires.daysAfterSeed),
        });
      }
    }
  }

  onCommitted(listener: (committed: { command: HrCommand; idempotencyKey: string; at: string }) => void): void {
    this.listener = listener;
  }

  knowsIdempotencyKey(key: string): boolean {
    return this.idempotency.knows(key);
  }

  today(): string {
    return this.clock().toISOString().slice(0, 10);
  }

  // ---- reads --------------------------------------------------------------------------------

  listWorkers(filter: { status?: EmploymentStatus; costCentre?: string; employeeNumber?: string } = {}): Worker[] {
    return structuredClone(
      [...this.workers.values()].filter(
        (worker) =>
          (filter.status === undefined || worker.status === filter.status) &&
          (filter.costCentre === undefined || worker.costCentre === filter.costCentre) &&
          (filter.employeeNumber === undefined || worker.employeeNumber === filter.employeeNumber),
      ),
    );
  }

  worker(id: string): Worker {
    const worker = this.workers.get(id);
    if (!worker) throw new HrDomainError(HrErrorCode.NOT_FOUND, `Worker ${id} does not exist`);
    return structuredClone(worker);
  }

  listPositions(): Position[] {
    return structuredClone([...this.positions.values()]);
  }

  position(id: string): Position | undefined {
    return this.positions.get(id);
  }

  /** Licences, optionally of one worker or type, or expiring on or before a date (expired ones included). */
  listLicenses(filter: { workerId?: string; type?: CredentialType; expiringOnOrBefore?: string } = {}): License[] {
    return structuredClone(
      this.licenses.filter(
        (license) =>
          (filter.workerId === undefined || license.workerId === filter.workerId) &&
          (filter.type === undefined || license.type === filter.type) &&
          (filter.expiringOnOrBefore === undefined || license.expiresOn <= filter.expiringOnOrBefore),
      ),
    );
  }

  // ---- commands -----------------------------------------------------------------------------

  execute(command: HrCommand, context: HrCommandContext): HrOutcome<Worker> {
    switch (command.type) {
      case 'hire':
        return this.hire(command.input, context);
      case 'update':
        return this.update(command.workerId, command.change, context);
      case 'terminate':
        return this.terminate(command.workerId, command.input, context);
    }
  }

  hire(input: HireInput, context: HrCommandContext): HrOutcome<Worker> {
    return this.run({ type: 'hire', input }, context, (at) => {
      const position = this.requirePosition(input.positionId);
      requireName(input.given, 'given');
      requireName(input.family, 'family');
      requireRate(input.hourlyRateCents);
      const hireDate = input.hireDate ?? at.slice(0, 10);
      if (!isCalendarDate(hireDate))
        throw new HrDomainError(HrErrorCode.VALIDATION_FAILED, 'hireDate must be a date in YYYY-MM-DD form', 'hireDate');
      const costCentre = input.costCentre ?? position.costCentre;
      requireCostCentre(costCentre);
      if (input.email !== undefined && !EMAIL.test(input.email))
        throw new HrDomainError(HrErrorCode.VALIDATION_FAILED, 'email is not an email address', 'email');
      const userName = (input.userName ?? input.email ?? `${input.given}.${input.family}@concordhealth.example`)
        .toLowerCase()
        .replace(/\s+/g, '');
      if ([...this.workers.values()].some((worker) => worker.userName === userName)) {
        throw new HrDomainError(HrErrorCode.DUPLICATE, 'Another worker already has this user name', 'userName');
      }
      const employeeNumber = input.employeeNumber ?? this.nextEmployeeNumber();
      if (!/^[A-Za-z0-9]{1,20}$/.test(employeeNumber))
        throw new HrDomainError(HrErrorCode.VALIDATION_FAILED, 'employeeNumber must be 1-20 letters or digits', 'employeeNumber');
      if ([...this.workers.values()].some((worker) => worker.employeeNumber === employeeNumber)) {
        throw new HrDomainError(HrErrorCode.DUPLICATE, `Employee number ${employeeNumber} is taken`, 'employeeNumber');
      }
      if (input.managerId !== undefined) this.requireActiveManager(input.managerId);
      const worker: Worker = {
        id: this.nextWorkerId(),
        employeeNumber,
        given: input.given,
        family: input.family,
        email: input.email ?? userName,
        userName,
        positionId: position.id,
        costCentre,
        hourlyRateCents: input.hourlyRateCents,
        status: 'active',
        hireDate,
        managerId: input.managerId,
        version: 1,
        createdAt: at,
        updatedAt: at,
      };
      this.workers.set(worker.id, worker);
      return worker;
    });
  }

  update(workerId: string, change: WorkerChange, context: HrCommandContext): HrOutcome<Worker> {
    return this.run({ type: 'update', workerId, change }, context, (at) => {
      const worker = this.requireWorker(workerId);
      if (worker.status !== 'active') throw new HrDomainError(HrErrorCode.INVALID_STATE, `Worker ${workerId} is terminated`);
      if (change.given !== undefined) requireName(change.given, 'given');
      if (change.family !== undefined) requireName(change.family, 'family');
      if (change.email !== undefined && !EMAIL.test(change.email))
        throw new HrDomainError(HrErrorCode.VALIDATION_FAILED, 'email is not an email address', 'email');
      const position = change.positionId === undefined ? undefined : this.requirePosition(change.positionId);
      if (change.costCentre !== undefined) requireCostCentre(change.costCentre);
      if (change.hourlyRateCents !== undefined) requireRate(change.hourlyRateCents);
      if (change.managerId) {
        if (change.managerId === workerId)
          throw new HrDomainError(HrErrorCode.VALIDATION_FAILED, 'A worker cannot manage themselves', 'managerId');
        this.requireActiveManager(change.managerId);
      }
      Object.assign(worker, {
        ...(change.given === undefined ? {} : { given: change.given }),
        ...(change.family === undefined ? {} : { family: change.family }),
        ...(change.email === undefined ? {} : { email: change.email }),
        ...(position ? { positionId: position.id, costCentre: change.costCentre ?? position.costCentre } : {}),
        ...(change.costCentre === undefined ? {} : { costCentre: change.costCentre }),
        ...(change.hourlyRateCents === undefined ? {} : { hourlyRateCents: change.hourlyRateCents }),
        ...(change.managerId === undefined ? {} : { managerId: change.managerId ?? undefined }),
      });
      worker.version += 1;
      worker.updatedAt = at;
      return worker;
    });
  }

  terminate(workerId: string, input: TerminationInput, context: HrCommandContext): HrOutcome<Worker> {
    return this.run({ type: 'terminate', workerId, input }, context, (at) => {
      const worker = this.requireWorker(workerId);
      if (worker.status !== 'active') throw new HrDomainError(HrErrorCode.INVALID_STATE, `Worker ${workerId} is already terminated`);
      const terminationDate = input.terminationDate ?? at.slice(0, 10);
      if (!isCalendarDate(terminationDate))
        throw new HrDomainError(HrErrorCode.VALIDATION_FAILED, 'terminationDate must be a date in YYYY-MM-DD form', 'terminationDate');
      if (terminationDate < worker.hireDate)
        throw new HrDomainError(HrErrorCode.VALIDATION_FAILED, 'terminationDate is before the hire date', 'terminationDate');
      worker.status = 'terminated';
      worker.terminationDate = terminationDate;
      worker.terminationReason = input.reason;
      worker.version += 1;
      worker.updatedAt = at;
      return worker;
    });
  }

  // ---- internals ----------------------------------------------------------------------------

  private run(command: HrCommand, context: HrCommandContext, perform: (at: string) => Worker): HrOutcome<Worker> {
    if (this.brokenBy !== undefined)
      throw new HrDomainError(
        HrErrorCode.STORAGE_FAILED,
        'The HR system could not record an earlier change and refuses new ones until it restarts',
      );
    const fingerprint = canonicalJson(command);
    let previous: { hit: true; result: unknown } | { hit: false };
    try {
      previous = this.idempotency.replay(context.idempotencyKey, fingerprint);
    } catch (error) {
      if (error instanceof ErpDomainError) throw new HrDomainError(HrErrorCode.IDEMPOTENCY_KEY_REUSED, error.message, 'idempotencyKey');
      throw error;
    }
    if (previous.hit) return { result: previous.result as Worker, replayed: true };
    const at = (context.at ?? this.clock()).toISOString();
    const result = structuredClone(perform(at));
    this.idempotency.remember(context.idempotencyKey, fingerprint, result);
    try {
      this.listener?.({ command, idempotencyKey: context.idempotencyKey, at });
    } catch (error) {
      this.brokenBy = error;
      throw new HrDomainError(
        HrErrorCode.STORAGE_FAILED,
        'The change was made but could not be recorded durably; the HR system refuses new changes until it restarts',
      );
    }
    return { result, replayed: false };
  }

  private requireWorker(id: string): Worker {
    const worker = this.workers.get(id);
    if (!worker) throw new HrDomainError(HrErrorCode.NOT_FOUND, `Worker ${id} does not exist`);
    return worker;
  }

  private requirePosition(id: string): Position {
    const position = this.positions.get(id);
    if (!position) throw new HrDomainError(HrErrorCode.VALIDATION_FAILED, `Position ${id} does not exist`, 'positionId');
    return position;
  }

  private requireActiveManager(id: string): void {
    const manager = this.workers.get(id);
    if (!manager || manager.status !== 'active')
      throw new HrDomainError(HrErrorCode.VALIDATION_FAILED, `Manager ${id} is not an active worker`, 'managerId');
  }

  private nextWorkerId(): string {
    const highest = Math.max(...[...this.workers.keys()].map((id) => Number(id.slice(2))));
    return `W-${highest + 1}`;
  }

  private nextEmployeeNumber(): string {
    const numbers = [...this.workers.values()].map((worker) => Number(/^E(\d+)$/.exec(worker.employeeNumber)?.[1] ?? 0));
    return `E${Math.max(...numbers) + 1}`;
  }
}

function requireName(value: string, field: string): void {
  if (typeof value !== 'string' || !value.trim() || value.length > 100)
    throw new HrDomainError(HrErrorCode.VALIDATION_FAILED, `${field} must be 1-100 characters`, field);
}

function requireRate(cents: number): void {
  if (!Number.isSafeInteger(cents) || cents <= 0)
    throw new HrDomainError(HrErrorCode.VALIDATION_FAILED, 'hourlyRate must be a positive amount', 'hourlyRate');
}

function requireCostCentre(code: string): void {
  if (!isCostCentreCode(code))
    throw new HrDomainError(HrErrorCode.VALIDATION_FAILED, 'costCentre must be 2-10 upper-case letters or digits', 'costCentre');
}
