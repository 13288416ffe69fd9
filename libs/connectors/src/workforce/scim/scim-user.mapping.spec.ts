import { describe, expect, it } from 'vitest';
import { WorkforceConnectorExceptionCode as Code } from '../workforce-connector.exception';
import { errorFromScim } from './scim.client';
import { SCIM_ENTERPRISE_USER, SCIM_WORKFORCE_USER, type ScimUser } from './scim.types';
import {
  employeeFromScimUser,
  scimFilterFor,
  scimPatchForTermination,
  scimPatchForUpdate,
  scimString,
  scimUserForHire,
} from './scim-user.mapping';

const user: ScimUser = {
  schemas: [],
  id: 'W-1042',
  externalId: 'E10042',
  userName: 'casey.morgan@concordhealth.example',
  name: { givenName: 'Casey', familyName: 'Morgan' },
  title: 'Staff Nurse II',
  active: true,
  emails: [{ value: 'casey.morgan@concordhealth.example', type: 'work', primary: true }],
  [SCIM_ENTERPRISE_USER]: { employeeNumber: 'E10042', costCenter: '6200', manager: { value: 'W-1001' } },
  [SCIM_WORKFORCE_USER]: { positionId: 'POS-RN2-6200', hourlyRate: '48.50', currency: 'USD', hireDate: '2026-11-02' },
  meta: { version: 'W/"4"', lastModified: '2026-11-02T08:00:00.000Z' },
};

describe('employeeFromScimUser', () => {
  it('reads the enterprise and workforce extensions', () => {
    expect(employeeFromScimUser(user)).toStrictEqual({
      id: 'W-1042',
      employeeNumber: 'E10042',
      name: { given: 'Casey', family: 'Morgan' },
      email: 'casey.morgan@concordhealth.example',
      positionId: 'POS-RN2-6200',
      positionTitle: 'Staff Nurse II',
      costCentre: '6200',
      hourlyRate: { amount: 4_850, currency: 'USD' },
      status: 'active',
      hireDate: '2026-11-02',
      terminationDate: undefined,
      managerId: 'W-1001',
      source: { system: 'workforce', recordId: 'W-1042', versionId: '4', lastUpdated: '2026-11-02T08:00:00.000Z' },
    });
  });

  it.each([
    {
      name: 'an inactive user is terminated',
      user: { ...user, active: false, [SCIM_WORKFORCE_USER]: { ...user[SCIM_WORKFORCE_USER], terminationDate: '2027-03-31' } },
      expected: { status: 'terminated', terminationDate: '2027-03-31' },
    },
    {
      name: 'externalId stands in for a missing employee number',
      user: { ...user, [SCIM_ENTERPRISE_USER]: { costCenter: '6200' } },
      expected: { employeeNumber: 'E10042', managerId: undefined },
    },
    {
      name: 'a strong ETag',
      user: { ...user, meta: { version: '"9"' } },
      expected: { source: { system: 'workforce', recordId: 'W-1042', versionId: '9' } },
    },
  ])('$name', ({ user: input, expected }) => {
    expect(employeeFromScimUser(input)).toMatchObject(expected);
  });

  it.each([
    { name: 'no workforce extension', user: { ...user, [SCIM_WORKFORCE_USER]: undefined } },
    { name: 'a float hourly rate', user: { ...user, [SCIM_WORKFORCE_USER]: { ...user[SCIM_WORKFORCE_USER], hourlyRate: '48.5' } } },
    { name: 'no cost centre', user: { ...user, [SCIM_ENTERPRISE_USER]: { employeeNumber: 'E10042' } } },
  ])('refuses $name as INVALID_RESPONSE', ({ user: input }) => {
    expect(() => employeeFromScimUser(input)).toThrow(expect.objectContaining({ code: Code.INVALID_RESPONSE }));
  });
});

describe('SCIM requests', () => {
  it.each([
    { value: 'casey', literal: '"casey"' },
    { value: 'o"brien', literal: '"o\\"brien"' },
    { value: 'back\\slash', literal: '"back\\\\slash"' },
  ])('quotes $value as $literal', ({ value, literal }) => {
    expect(scimString(value)).toBe(literal);
  });

  it.each([
    { query: {}, filter: undefined },
    { query: { employeeNumber: 'E10042' }, filter: `${SCIM_ENTERPRISE_USER}:employeeNumber eq "E10042"` },
    { query: { costCentre: '6200', status: 'active' as const }, filter: `${SCIM_ENTERPRISE_USER}:costCenter eq "6200" and active eq true` },
    { query: { status: 'terminated' as const }, filter: 'active eq false' },
  ])('filters $query', ({ query, filter }) => {
    expect(scimFilterFor(query)).toBe(filter);
  });

  it('creates a hire with the work email as userName, and refuses one without', () => {
    const hire = {
      name: { given: 'Jo', family: 'Lane' },
      email: 'jo.lane@concordhealth.example',
      positionId: 'POS-ORN-6300',
      costCentre: '6300',
      hourlyRate: { amount: 5_000, currency: 'USD' as const },
      hireDate: '2026-11-09',
    };
    expect(scimUserForHire(hire)).toMatchObject({
      userName: 'jo.lane@concordhealth.example',
      [SCIM_WORKFORCE_USER]: { hourlyRate: '50.00', hireDate: '2026-11-09' },
      [SCIM_ENTERPRISE_USER]: { costCenter: '6300' },
    });
    expect(() => scimUserForHire({ ...hire, email: undefined })).toThrow(expect.objectContaining({ code: Code.INVALID_REQUEST }));
  });

  it('patches only what changed, and terminates with active false and the date', () => {
    expect(scimPatchForUpdate({ costCentre: '6300', hourlyRate: { amount: 4_925, currency: 'USD' } })).toStrictEqual([
      { op: 'replace', path: `${SCIM_ENTERPRISE_USER}:costCenter`, value: '6300' },
      { op: 'replace', path: `${SCIM_WORKFORCE_USER}:hourlyRate`, value: '49.25' },
    ]);
    expect(scimPatchForTermination({ terminationDate: '2027-03-31' })).toStrictEqual([
      { op: 'replace', value: { active: false, [SCIM_WORKFORCE_USER]: { terminationDate: '2027-03-31' } } },
    ]);
  });
});

describe('errorFromScim', () => {
  it.each([
    { status: 404, body: { status: '404', detail: 'no such user' }, code: Code.NOT_FOUND },
    { status: 409, body: { status: '409', scimType: 'uniqueness' }, code: Code.CONFLICT },
    { status: 412, body: undefined, code: Code.VERSION_CONFLICT },
    { status: 400, body: { status: '400', scimType: 'mutability', detail: 'already inactive' }, code: Code.INVALID_STATE },
    { status: 400, body: { status: '400', scimType: 'invalidFilter' }, code: Code.INVALID_REQUEST },
    { status: 429, body: undefined, code: Code.SERVER_THROTTLED },
    { status: 503, body: undefined, code: Code.SERVER_UNAVAILABLE },
    { status: 500, body: { detail: 'stack' }, code: Code.SERVER_ERROR },
  ])('$status $body.scimType → $code', ({ status, body, code }) => {
    expect(errorFromScim(status, body).code).toBe(code);
  });
});
