import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEventEntity } from '@concord/platform';
import { type Stack, startStack } from '../support/stack';

/**
 * /workforce/v1 through the real stack (sandbox HR and ERP over HTTP): scenario 5's nurse, Casey
 * Morgan (E10042, Staff Nurse II, cost centre 6200, 48.50 an hour, RN licence expiring in 20 days),
 * synced to ERP payroll and costed; her expiring licence announced once; a hire, a change and a
 * termination announced and carried to payroll. Names are personal data: masked without the scope, audited.
 */
let stack: Stack;
let operator: Record<string, string>;
const usd = (amount: number) => ({ amount, currency: 'USD' });
const today = () => new Date().toISOString().slice(0, 10);
const inDays = (days: number) => new Date(Date.parse(`${today()}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  stack = await startStack({ env: { ERP_MASTER_DATA_SYNC_INTERVAL_MS: '0', WORKFORCE_EXPIRY_CHECK_INTERVAL_MS: '0' } });
  operator = await stack.auth('ops-console');
});
afterAll(async () => stack?.close());

async function call(method: string, path: string, body?: unknown, extra: Record<string, string> = {}, as = operator) {
  const response = await fetch(`${stack.urls.systemApi}${path}`, {
    method,
    headers: {
      ...as,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(method !== 'GET' ? { 'idempotency-key': randomUUID() } : {}),
      ...extra,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, any>) : {}, headers: response.headers };
}

async function published(type: string): Promise<{ data: Record<string, any>; partitionkey: string }[]> {
  const dataSource = stack.systemApi.get(DataSource);
  const rows = (await dataSource
    .query('SELECT payload FROM event_outbox WHERE type = $1', [type])
    .catch(() => dataSource.query('SELECT payload FROM event_outbox WHERE type = ?', [type]))) as { payload: string | object }[];
  return rows.map((row) => (typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload));
}

describe('scenario 5: Casey Morgan, from HR to payroll', () => {
  let caseyId = '';

  it('reads her as HR holds her: 6200, 48.50 an hour, Staff Nurse II; in clear only with the personal-data scope, always audited', async () => {
    const found = await call('GET', '/workforce/v1/employees?employeeNumber=E10042', undefined, { 'x-request-id': 'wf-read-casey' });
    expect(found.status).toBe(200);
    expect(found.body.items).toStrictEqual([
      expect.objectContaining({
        employeeNumber: 'E10042',
        name: { given: 'Casey', family: 'Morgan' },
        costCentre: '6200',
        hourlyRate: usd(4_850),
        positionTitle: 'Staff Nurse II',
        status: 'active',
      }),
    ]);
    caseyId = found.body.items[0].id;
    const service = await stack.auth('process-api');
    const masked = await call('GET', `/workforce/v1/employees/${caseyId}`, undefined, {}, service);
    expect(masked.status).toBe(200);
    expect(masked.headers.get('phi-masked')).toBe('true');
    expect(masked.body).toMatchObject({ name: { given: '****', family: '****' }, employeeNumber: 'E10042', costCentre: '6200' });
    const audit = await stack.systemApi.get(DataSource).getRepository(AuditEventEntity).findBy({ requestId: 'wf-read-casey' });
    expect(audit).toStrictEqual([expect.objectContaining({ entityType: 'Employee', action: 'E', outcome: '0' })]);
  });

  it('syncs her to ERP payroll and costs 36 hours to 6200: DR 6000 cc 6200 / CR 2100 1,746.00', async () => {
    const synced = await call('POST', '/workforce/v1/payroll/employees/E10042/sync');
    expect(synced.status).toBe(200);
    expect(synced.body).toMatchObject({ employeeNumber: 'E10042', costCentre: '6200', hourlyRate: usd(4_850), status: 'active' });
    const run = await call('POST', '/workforce/v1/payroll/runs', {
      periodStart: synced.body.hireDate,
      periodEnd: inDays(13),
      timesheets: [{ employeeNumber: 'E10042', hours: 36 }],
    });
    expect(run.status).toBe(201);
    expect(run.body.costs).toStrictEqual([expect.objectContaining({ costCentre: '6200', hours: 36, labourCost: usd(174_600) })]);
    const journal = await call('GET', `/erp/v1/journals/${run.body.journalEntryId}`);
    expect(
      journal.body.lines.map((line: any) => [line.side, line.account, line.costCentre ?? '', line.amount.amount]).sort(),
    ).toStrictEqual([
      ['credit', '2100', '', 174_600],
      ['debit', '6000', '6200', 174_600],
    ]);
  });

  it('finds her RN licence expiring in 20 days and announces it once, however often the daily check runs', async () => {
    const expiring = await call('GET', '/workforce/v1/credentials?expiringWithinDays=30');
    expect(expiring.body.items).toContainEqual(expect.objectContaining({ employeeId: caseyId, type: 'rn-licence', expiresOn: inDays(20) }));
    expect(
      (await call('GET', '/workforce/v1/credentials?expiringWithinDays=10')).body.items.some((c: any) => c.employeeId === caseyId),
    ).toBe(false);
    for (let run = 0; run < 2; run += 1)
      expect((await call('POST', '/workforce/v1/credential-checks', {})).body).toMatchObject({ checkedOn: today(), withinDays: 30 });
    const announced = (await published('workforce.credential.expiring.v1')).filter((event) => event.data.employeeId === caseyId);
    expect(announced).toStrictEqual([
      expect.objectContaining({
        partitionkey: caseyId,
        data: expect.objectContaining({
          employeeNumber: 'E10042',
          type: 'rn-licence',
          expiresOn: inDays(20),
          daysUntilExpiry: 20,
          checkedOn: today(),
        }),
      }),
    ]);
    expect(JSON.stringify(announced)).not.toContain('Morgan');
  });
});

describe('a hire, a change and a termination, announced and carried to payroll', () => {
  let employeeId = '';
  let employeeNumber = '';

  it('hires a nurse in 6200 at 47.00 and announces it', async () => {
    const nurse = (await call('GET', '/workforce/v1/positions')).body.find((position: any) => position.title === 'Staff Nurse II');
    const hired = await call('POST', '/workforce/v1/employees', {
      name: { given: 'Jamie', family: 'Ellis' },
      email: `jamie.ellis.${randomUUID().slice(0, 6)}@concordhealth.example`,
      positionId: nurse.id,
      costCentre: '6200',
      hourlyRate: usd(4_700),
      hireDate: today(),
    });
    expect(hired.status).toBe(201);
    expect(hired.body).toMatchObject({ status: 'active', costCentre: '6200', hourlyRate: usd(4_700) });
    employeeId = hired.body.id;
    employeeNumber = hired.body.employeeNumber;
    const [event] = (await published('workforce.employee.hired.v1')).filter((candidate) => candidate.data.employeeId === employeeId);
    expect(event).toMatchObject({
      partitionkey: employeeId,
      data: { employeeNumber, costCentre: '6200', hourlyRate: usd(4_700), positionTitle: 'Staff Nurse II' },
    });
    expect(JSON.stringify(event)).not.toContain('Ellis');
    expect((await call('POST', `/workforce/v1/payroll/employees/${employeeNumber}/sync`)).body).toMatchObject({
      status: 'active',
      hourlyRate: usd(4_700),
    });
  });

  it('changes the rate on the version decided on, refusing a stale one', async () => {
    const current = await call('GET', `/workforce/v1/employees/${employeeId}`);
    const stale = await call(
      'PATCH',
      `/workforce/v1/employees/${employeeId}`,
      { hourlyRate: usd(4_900) },
      { 'if-match': `W/"${Number(current.body.source.versionId) + 5}"` },
    );
    expect(stale).toMatchObject({ status: 409, body: { code: 'WORKFORCE_VERSION_CONFLICT' } });
    const changed = await call(
      'PATCH',
      `/workforce/v1/employees/${employeeId}`,
      { hourlyRate: usd(4_900) },
      { 'if-match': `W/"${current.body.source.versionId}"` },
    );
    expect(changed.body.hourlyRate).toStrictEqual(usd(4_900));
    const [event] = (await published('workforce.employee.updated.v1')).filter((candidate) => candidate.data.employeeId === employeeId);
    expect(event?.data).toMatchObject({ changedFields: ['hourlyRate'], hourlyRate: usd(4_900) });
  });

  it('terminates, announces it, and ends payroll', async () => {
    const ended = await call('POST', `/workforce/v1/employees/${employeeId}/termination`, {
      terminationDate: inDays(30),
      reason: 'resignation',
    });
    expect(ended).toMatchObject({ status: 200, body: { status: 'terminated', terminationDate: inDays(30) } });
    expect((await published('workforce.employee.terminated.v1')).map((event) => event.data)).toContainEqual(
      expect.objectContaining({ employeeId, employeeNumber, terminationDate: inDays(30), reason: 'resignation' }),
    );
    expect((await call('POST', `/workforce/v1/payroll/employees/${employeeNumber}/sync`)).body).toMatchObject({
      status: 'terminated',
      terminationDate: inDays(30),
    });
    const again = await call('POST', `/workforce/v1/employees/${employeeId}/termination`, { terminationDate: inDays(31) });
    expect(again).toMatchObject({ status: 422, body: { code: 'WORKFORCE_INVALID_STATE' } });
  });
});
