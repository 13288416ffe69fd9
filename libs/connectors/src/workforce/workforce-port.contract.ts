/**
 * The shared contract suite of WorkforcePort: test support, imported only by spec files. Runs
 * against a real HR system seeded with ../shared/SCENARIOS.md's staff: Casey Morgan, employee
 * E10042, Staff Nurse II in cost centre 6200 at 48.50 an hour, whose RN licence expires 20 days
 * after the seed date; her manager is an active employee. Capabilities the adapter does not claim
 * are checked to refuse with NOT_SUPPORTED.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkforceConnectorException, WorkforceConnectorExceptionCode as Code } from './workforce-connector.exception';
import type { WorkforcePort } from './workforce.port';

export interface WorkforcePortFixture {
  port: WorkforcePort;
  /** The seed date of the HR system (YYYY-MM-DD). */
  seedDate: string;
  close(): Promise<void>;
}

async function refusal(promise: Promise<unknown>): Promise<WorkforceConnectorException> {
  const error = await promise.then(
    (value) => {
      throw new Error(`expected a refusal, got ${JSON.stringify(value)}`);
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(WorkforceConnectorException);
  return error as WorkforceConnectorException;
}

export function describeWorkforcePortContract(name: string, factory: () => Promise<WorkforcePortFixture>): void {
  describe(`WorkforcePort contract: ${name}`, () => {
    let fixture: WorkforcePortFixture | undefined;
    beforeAll(async () => {
      fixture = await factory();
    });
    afterAll(async () => {
      await fixture?.close();
    });
    const port = () => fixture!.port;
    const key = () => `contract-${randomUUID()}`;
    let hiredId = '';

    it('finds scenario 5’s nurse by employee number', async () => {
      const casey = await port().findEmployeeByNumber('E10042');
      expect(casey).toMatchObject({
        employeeNumber: 'E10042',
        name: { given: 'Casey', family: 'Morgan' },
        costCentre: '6200',
        hourlyRate: { amount: 4_850, currency: 'USD' },
        status: 'active',
        positionTitle: 'Staff Nurse II',
        source: { system: 'workforce' },
      });
      expect(casey?.managerId).toBeDefined();
      await expect(port().getEmployee(casey!.id)).resolves.toMatchObject({ employeeNumber: 'E10042' });
      await expect(port().findEmployeeByNumber('E99999')).resolves.toBeUndefined();
      expect((await refusal(port().getEmployee('W-99999'))).code).toBe(Code.NOT_FOUND);
    });

    it('lists employees by cost centre', async () => {
      const nursing = await port().listEmployees({ costCentre: '6200' });
      expect(nursing.map((employee) => employee.employeeNumber)).toContain('E10042');
      expect(nursing.every((employee) => employee.costCentre === '6200')).toBe(true);
    });

    it('hires, changes and terminates an employee, refusing a change on a stale version', async () => {
      const casey = (await port().findEmployeeByNumber('E10042'))!;
      const suffix = randomUUID().slice(0, 8);
      const hired = await port().hireEmployee(
        {
          name: { given: 'Riley', family: `Park${suffix}` },
          email: `riley.park.${suffix}@concordhealth.example`,
          positionId: casey.positionId,
          costCentre: '6200',
          hourlyRate: { amount: 4_700, currency: 'USD' },
          hireDate: fixture!.seedDate,
          managerId: casey.managerId,
        },
        { idempotencyKey: key() },
      );
      expect(hired).toMatchObject({
        status: 'active',
        costCentre: '6200',
        hourlyRate: { amount: 4_700, currency: 'USD' },
        hireDate: fixture!.seedDate,
      });
      hiredId = hired.id;
      const stale = `${Number(hired.source.versionId) + 3}`;
      expect((await refusal(port().updateEmployee(hiredId, { costCentre: '6300' }, { idempotencyKey: key(), ifMatch: stale }))).code).toBe(
        Code.VERSION_CONFLICT,
      );
      const moved = await port().updateEmployee(
        hiredId,
        { costCentre: '6300', hourlyRate: { amount: 4_925, currency: 'USD' } },
        { idempotencyKey: key(), ifMatch: hired.source.versionId },
      );
      expect(moved).toMatchObject({ costCentre: '6300', hourlyRate: { amount: 4_925, currency: 'USD' } });
      const ended = await port().terminateEmployee(
        hiredId,
        { terminationDate: '2027-03-31', reason: 'resignation' },
        { idempotencyKey: key() },
      );
      expect(ended).toMatchObject({ status: 'terminated', terminationDate: '2027-03-31' });
      expect((await port().listEmployees({ status: 'terminated' })).map((employee) => employee.id)).toContain(hiredId);
    });

    it('refuses to terminate twice', async () => {
      expect((await refusal(port().terminateEmployee(hiredId, { terminationDate: '2027-04-01' }, { idempotencyKey: key() }))).code).toBe(
        Code.INVALID_STATE,
      );
    });

    it('lists positions, or says it cannot', async () => {
      if (!port().capabilities.positions) {
        expect((await refusal(port().listPositions())).code).toBe(Code.NOT_SUPPORTED);
        return;
      }
      const nurse = (await port().listPositions()).find((position) => position.title === 'Staff Nurse II');
      expect(nurse?.costCentre).toBe('6200');
      expect(nurse?.requiredCredentialTypes).toContain('rn-licence');
    });

    it('finds the RN licence expiring within 30 days, or says it cannot', async () => {
      if (!port().capabilities.credentials) {
        expect((await refusal(port().listCredentials({ expiringWithinDays: 30 }))).code).toBe(Code.NOT_SUPPORTED);
        return;
      }
      const casey = (await port().findEmployeeByNumber('E10042'))!;
      const expiring = await port().listCredentials({ expiringWithinDays: 30, asOf: fixture!.seedDate });
      const expiry = new Date(Date.parse(`${fixture!.seedDate}T00:00:00Z`) + 20 * 86_400_000).toISOString().slice(0, 10);
      expect(expiring).toContainEqual(expect.objectContaining({ employeeId: casey.id, type: 'rn-licence', expiresOn: expiry }));
      const within10 = await port().listCredentials({ expiringWithinDays: 10, asOf: fixture!.seedDate });
      expect(within10.some((credential) => credential.employeeId === casey.id && credential.type === 'rn-licence')).toBe(false);
    });
  });
}
