import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '@concord/platform';
import { HR_API_PATH, registerHrSandbox, SCIM_BASE_PATH } from './hr-sandbox';
import { SCIM_ENTERPRISE_USER, SCIM_PATCH_OP, SCIM_WORKFORCE_USER } from './scim/scim-user';

const logger = createLogger({ app: 'sandbox', level: 'silent' });
const SEEDED = new Date('2026-11-02T08:00:00Z');
let app: FastifyInstance;
let now = SEEDED;

async function start(dataDir?: string): Promise<void> {
  app = Fastify();
  await registerHrSandbox(app, logger, { dataDir, clock: () => now });
  await app.ready();
}

beforeEach(async () => {
  now = SEEDED;
  await start();
});
afterEach(() => app.close());

const scimJson = { 'content-type': 'application/scim+json' };

describe('Peoplewise REST API', () => {
  it('shows Casey Morgan as scenario 5 has her: Staff Nurse II, 6200, 48.50 an hour', async () => {
    const response = await app.inject({ method: 'GET', url: `${HR_API_PATH}/workers?personNumber=E10042` });
    expect(response.json()).toMatchObject({
      items: [
        {
          workerId: 'W-1042',
          personNumber: 'E10042',
          legalName: { firstName: 'Casey', lastName: 'Morgan' },
          jobId: 'POS-RN2-6200',
          jobTitle: 'Staff Nurse II',
          department: '6200',
          payRate: { amount: '48.50', currency: 'USD', basis: 'HOURLY' },
          workerStatus: 'ACTIVE',
          originalHireDate: '2026-11-02',
          managerWorkerId: 'W-1001',
        },
      ],
      totalItems: 1,
    });
  });

  it('lists her RN licence as expiring 20 days after the seed date', async () => {
    const expiring = await app.inject({ method: 'GET', url: `${HR_API_PATH}/licenses?expiringBefore=2026-11-30` });
    expect(expiring.json().items).toStrictEqual([
      {
        licenseId: 'LIC-2042',
        workerId: 'W-1042',
        licenseType: 'RN',
        licenseNumber: 'RN-0456123',
        issuingAuthority: 'New Hampshire Board of Nursing',
        issueDate: null,
        expirationDate: '2026-11-22',
      },
    ]);
  });

  it('hires, changes with If-Match, and terminates, replaying a retried hire', async () => {
    const hire = () =>
      app.inject({
        method: 'POST',
        url: `${HR_API_PATH}/workers`,
        headers: { 'idempotency-key': 'hire-1' },
        payload: {
          legalName: { firstName: 'Riley', lastName: 'Park' },
          jobId: 'POS-RN2-6200',
          payRate: { amount: '47.00', currency: 'USD', basis: 'HOURLY' },
          managerWorkerId: 'W-1001',
        },
      });
    const first = await hire();
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      workerId: 'W-1043',
      personNumber: 'E10043',
      userName: 'riley.park@concordhealth.example',
      department: '6200',
    });
    const again = await hire();
    expect([again.statusCode, again.headers['idempotent-replayed'], again.json().workerId]).toStrictEqual([201, 'true', 'W-1043']);

    const stale = await app.inject({
      method: 'PATCH',
      url: `${HR_API_PATH}/workers/W-1043`,
      headers: { 'if-match': 'W/"9"' },
      payload: { department: '6300' },
    });
    expect([stale.statusCode, stale.json().errors[0].code]).toStrictEqual([412, 'VERSION_MISMATCH']);
    const changed = await app.inject({
      method: 'PATCH',
      url: `${HR_API_PATH}/workers/W-1043`,
      headers: { 'if-match': first.headers.etag as string },
      payload: { department: '6300' },
    });
    expect([changed.statusCode, changed.json().department, changed.headers.etag]).toStrictEqual([200, '6300', 'W/"2"']);

    const ended = await app.inject({
      method: 'POST',
      url: `${HR_API_PATH}/workers/W-1043/terminate`,
      payload: { terminationDate: '2027-03-31', reasonCode: 'RESIGNATION' },
    });
    expect(ended.json()).toMatchObject({ workerStatus: 'TERMINATED', terminationDate: '2027-03-31' });
    const twice = await app.inject({ method: 'POST', url: `${HR_API_PATH}/workers/W-1043/terminate`, payload: {} });
    expect([twice.statusCode, twice.json().errors[0].code]).toStrictEqual([409, 'WORKER_STATE']);
  });

  it.each([
    {
      name: 'an unknown job',
      payload: {
        legalName: { firstName: 'A', lastName: 'B' },
        jobId: 'POS-NONE',
        payRate: { amount: '40.00', currency: 'USD', basis: 'HOURLY' },
      },
      status: 400,
      field: 'positionId',
    },
    {
      name: 'a float pay rate',
      payload: {
        legalName: { firstName: 'A', lastName: 'B' },
        jobId: 'POS-RN2-6200',
        payRate: { amount: 40, currency: 'USD', basis: 'HOURLY' },
      },
      status: 400,
      field: 'payRate.amount',
    },
    {
      name: 'a taken person number',
      payload: {
        personNumber: 'E10042',
        legalName: { firstName: 'A', lastName: 'B' },
        jobId: 'POS-RN2-6200',
        payRate: { amount: '40.00', currency: 'USD', basis: 'HOURLY' },
      },
      status: 409,
      field: 'employeeNumber',
    },
    {
      name: 'an extra field',
      payload: {
        legalName: { firstName: 'A', lastName: 'B' },
        jobId: 'POS-RN2-6200',
        payRate: { amount: '40.00', currency: 'USD', basis: 'HOURLY' },
        ssn: '1',
      },
      status: 400,
      field: 'ssn',
    },
  ])('refuses a hire with $name', async ({ payload, status, field }) => {
    const response = await app.inject({ method: 'POST', url: `${HR_API_PATH}/workers`, payload });
    expect(response.statusCode).toBe(status);
    expect(response.json().errors.map((error: { field?: string }) => error.field)).toContain(field);
  });
});

describe('SCIM 2.0 Users', () => {
  it('finds a user by userName with the enterprise extension', async () => {
    const response = await app.inject({
      method: 'GET',
      url: `${SCIM_BASE_PATH}/Users?filter=${encodeURIComponent('userName eq "casey.morgan@concordhealth.example"')}`,
    });
    expect(response.headers['content-type']).toBe('application/scim+json; charset=utf-8');
    const list = response.json();
    expect(list).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 1,
      startIndex: 1,
      itemsPerPage: 1,
    });
    expect(list.Resources[0]).toMatchObject({
      id: 'W-1042',
      userName: 'casey.morgan@concordhealth.example',
      name: { givenName: 'Casey', familyName: 'Morgan' },
      title: 'Staff Nurse II',
      active: true,
      [SCIM_ENTERPRISE_USER]: { employeeNumber: 'E10042', costCenter: '6200', manager: { value: 'W-1001' } },
      [SCIM_WORKFORCE_USER]: { positionId: 'POS-RN2-6200', hourlyRate: '48.50', hireDate: '2026-11-02' },
      meta: { resourceType: 'User', version: 'W/"1"', location: `http://localhost:80${SCIM_BASE_PATH}/Users/W-1042` },
    });
  });

  it('pages with 1-based startIndex and count', async () => {
    const page = (await app.inject({ method: 'GET', url: `${SCIM_BASE_PATH}/Users?startIndex=2&count=2` })).json();
    expect(page).toMatchObject({ totalResults: 5, startIndex: 2, itemsPerPage: 2 });
    expect(page.Resources.map((user: { id: string }) => user.id)).toStrictEqual(['W-1002', 'W-1003']);
    const past = (await app.inject({ method: 'GET', url: `${SCIM_BASE_PATH}/Users?startIndex=9` })).json();
    expect(past).toMatchObject({ totalResults: 5, itemsPerPage: 0, Resources: [] });
  });

  it('answers a bad filter with scimType invalidFilter', async () => {
    const response = await app.inject({ method: 'GET', url: `${SCIM_BASE_PATH}/Users?filter=${encodeURIComponent('userName eq')}` });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toStrictEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '400',
      scimType: 'invalidFilter',
      detail: 'Expected a value at position 11',
    });
  });

  it('creates a user (a hire), refuses the same userName again, and patches it', async () => {
    const body = {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', SCIM_ENTERPRISE_USER, SCIM_WORKFORCE_USER],
      userName: 'jo.lane@concordhealth.example',
      name: { givenName: 'Jo', familyName: 'Lane' },
      emails: [{ value: 'jo.lane@concordhealth.example', type: 'work', primary: true }],
      [SCIM_ENTERPRISE_USER]: { costCenter: '6300', manager: { value: 'W-1001' } },
      [SCIM_WORKFORCE_USER]: { positionId: 'POS-ORN-6300', hourlyRate: '50.00', hireDate: '2026-11-09' },
    };
    const created = await app.inject({ method: 'POST', url: `${SCIM_BASE_PATH}/Users`, headers: scimJson, payload: JSON.stringify(body) });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ id: 'W-1043', [SCIM_ENTERPRISE_USER]: { employeeNumber: 'E10043', costCenter: '6300' } });
    const duplicate = await app.inject({
      method: 'POST',
      url: `${SCIM_BASE_PATH}/Users`,
      headers: scimJson,
      payload: JSON.stringify(body),
    });
    expect([duplicate.statusCode, duplicate.json().scimType]).toStrictEqual([409, 'uniqueness']);

    const stale = await app.inject({
      method: 'PATCH',
      url: `${SCIM_BASE_PATH}/Users/W-1043`,
      headers: { ...scimJson, 'if-match': 'W/"7"' },
      payload: JSON.stringify({ schemas: [SCIM_PATCH_OP], Operations: [{ op: 'replace', path: 'name.familyName', value: 'Lane-Ruiz' }] }),
    });
    expect(stale.statusCode).toBe(412);
    const patched = await app.inject({
      method: 'PATCH',
      url: `${SCIM_BASE_PATH}/Users/W-1043`,
      headers: { ...scimJson, 'if-match': 'W/"1"' },
      payload: JSON.stringify({
        schemas: [SCIM_PATCH_OP],
        Operations: [
          { op: 'replace', path: `${SCIM_ENTERPRISE_USER}:costCenter`, value: '6100' },
          { op: 'remove', path: `${SCIM_ENTERPRISE_USER}:manager` },
        ],
      }),
    });
    expect(patched.json()).toMatchObject({ [SCIM_ENTERPRISE_USER]: { costCenter: '6100' }, meta: { version: 'W/"2"' } });
    expect(patched.json()[SCIM_ENTERPRISE_USER].manager).toBeUndefined();
  });

  it('deactivates with PATCH active false, and DELETE terminates today', async () => {
    const deactivate = await app.inject({
      method: 'PATCH',
      url: `${SCIM_BASE_PATH}/Users/W-1042`,
      headers: scimJson,
      payload: JSON.stringify({
        schemas: [SCIM_PATCH_OP],
        Operations: [{ op: 'replace', value: { active: false, [SCIM_WORKFORCE_USER]: { terminationDate: '2026-12-31' } } }],
      }),
    });
    expect(deactivate.json()).toMatchObject({ active: false, [SCIM_WORKFORCE_USER]: { terminationDate: '2026-12-31' } });
    const again = await app.inject({
      method: 'PATCH',
      url: `${SCIM_BASE_PATH}/Users/W-1042`,
      headers: scimJson,
      payload: JSON.stringify({ schemas: [SCIM_PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: true }] }),
    });
    expect([again.statusCode, again.json().scimType]).toStrictEqual([400, 'mutability']);

    now = new Date('2026-11-20T09:00:00Z');
    expect((await app.inject({ method: 'DELETE', url: `${SCIM_BASE_PATH}/Users/W-1003` })).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: `${SCIM_BASE_PATH}/Users/W-1003` })).json()).toMatchObject({
      active: false,
      [SCIM_WORKFORCE_USER]: { terminationDate: '2026-11-20' },
    });
  });

  it('answers unknown users, malformed JSON and unknown routes as SCIM errors', async () => {
    expect((await app.inject({ method: 'GET', url: `${SCIM_BASE_PATH}/Users/W-9999` })).json()).toMatchObject({
      status: '404',
      detail: 'Worker W-9999 does not exist',
    });
    const malformed = await app.inject({ method: 'POST', url: `${SCIM_BASE_PATH}/Users`, headers: scimJson, payload: '{"schemas":' });
    expect(malformed.json()).toMatchObject({ status: '400', scimType: 'invalidSyntax' });
    expect((await app.inject({ method: 'GET', url: `${SCIM_BASE_PATH}/Groups` })).statusCode).toBe(404);
  });
});

describe('HR persistence', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sandbox-hr-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the seed date, so the licence expiry stays on its day, and replays hires after a restart', async () => {
    await app.close();
    await start(dir);
    await app.inject({
      method: 'POST',
      url: `${HR_API_PATH}/workers`,
      payload: {
        legalName: { firstName: 'Riley', lastName: 'Park' },
        jobId: 'POS-BUY-8100',
        payRate: { amount: '39.00', currency: 'USD', basis: 'HOURLY' },
      },
    });
    await app.close();
    now = new Date('2026-12-15T08:00:00Z');
    await start(dir);
    const licence = (await app.inject({ method: 'GET', url: `${HR_API_PATH}/workers/W-1042/licenses` })).json().items[0];
    expect(licence.expirationDate).toBe('2026-11-22');
    expect((await app.inject({ method: 'GET', url: `${HR_API_PATH}/workers/W-1043` })).json()).toMatchObject({
      personNumber: 'E10043',
      department: '8100',
    });
  });
});
