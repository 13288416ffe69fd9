import { describe, expect, it } from 'vitest';
import { planScimPatch } from './scim-patch';
import { SCIM_ENTERPRISE_USER, SCIM_PATCH_OP, SCIM_WORKFORCE_USER } from './scim-user';

const patch = (...Operations: object[]) => ({ schemas: [SCIM_PATCH_OP], Operations });

describe('planScimPatch', () => {
  it.each([
    {
      name: 'replace a cost centre by path',
      body: patch({ op: 'replace', path: `${SCIM_ENTERPRISE_USER}:costCenter`, value: '6300' }),
      plan: { change: { costCentre: '6300' } },
    },
    {
      name: 'replace the manager by object',
      body: patch({ op: 'replace', path: `${SCIM_ENTERPRISE_USER}:manager`, value: { value: 'W-1002' } }),
      plan: { change: { managerId: 'W-1002' } },
    },
    {
      name: 'remove the manager',
      body: patch({ op: 'remove', path: `${SCIM_ENTERPRISE_USER}:manager` }),
      plan: { change: { managerId: null } },
    },
    {
      name: 'names by sub-path',
      body: patch({ op: 'replace', path: 'name.familyName', value: 'Morgan-Lee' }),
      plan: { change: { family: 'Morgan-Lee' } },
    },
    {
      name: 'the work email by filtered path',
      body: patch({ op: 'replace', path: 'emails[type eq "work"].value', value: 'c.m@x.example' }),
      plan: { change: { email: 'c.m@x.example' } },
    },
    {
      name: 'a raise in the workforce extension',
      body: patch({ op: 'replace', path: `${SCIM_WORKFORCE_USER}:hourlyRate`, value: '51.25' }),
      plan: { change: { hourlyRateCents: 5_125 } },
    },
    {
      name: 'attributes without a path, extension included',
      body: patch({
        op: 'add',
        value: {
          name: { givenName: 'Casey' },
          [SCIM_ENTERPRISE_USER]: { costCenter: '6300' },
          [SCIM_WORKFORCE_USER]: { positionId: 'POS-ORN-6300' },
        },
      }),
      plan: { change: { given: 'Casey', costCentre: '6300', positionId: 'POS-ORN-6300' } },
    },
    { name: 'active false terminates', body: patch({ op: 'replace', path: 'active', value: false }), plan: { change: {}, terminate: {} } },
    {
      name: 'active false with a termination date',
      body: patch({ op: 'replace', value: { active: false, [SCIM_WORKFORCE_USER]: { terminationDate: '2027-03-31' } } }),
      plan: { change: {}, terminate: { terminationDate: '2027-03-31' } },
    },
  ])('$name', ({ body, plan }) => {
    expect(planScimPatch(body)).toMatchObject(plan);
  });

  it.each([
    {
      name: 'no PatchOp schema',
      body: { schemas: [], Operations: [{ op: 'replace', path: 'active', value: false }] },
      status: 400,
      scimType: 'invalidSyntax',
    },
    { name: 'no operations', body: patch(), status: 400, scimType: 'invalidSyntax' },
    { name: 'an unknown op', body: patch({ op: 'move', path: 'active' }), status: 400, scimType: 'invalidSyntax' },
    { name: 'the user name', body: patch({ op: 'replace', path: 'userName', value: 'x' }), status: 400, scimType: 'mutability' },
    {
      name: 'the employee number',
      body: patch({ op: 'replace', path: `${SCIM_ENTERPRISE_USER}:employeeNumber`, value: 'E1' }),
      status: 400,
      scimType: 'mutability',
    },
    { name: 'an unknown attribute', body: patch({ op: 'replace', path: 'nickName', value: 'CM' }), status: 400, scimType: 'invalidPath' },
    { name: 'removing the family name', body: patch({ op: 'remove', path: 'name.familyName' }), status: 400, scimType: 'mutability' },
    {
      name: 'a float hourly rate',
      body: patch({ op: 'replace', path: `${SCIM_WORKFORCE_USER}:hourlyRate`, value: 51.25 }),
      status: 400,
      scimType: 'invalidValue',
    },
    {
      name: 'a termination date while staying active',
      body: patch({ op: 'replace', path: `${SCIM_WORKFORCE_USER}:terminationDate`, value: '2027-03-31' }),
      status: 400,
      scimType: 'invalidValue',
    },
    { name: 'active as a string', body: patch({ op: 'replace', path: 'active', value: 'false' }), status: 400, scimType: 'invalidValue' },
    { name: 'a non-object body', body: 'x', status: 400, scimType: 'invalidSyntax' },
  ])('refuses $name', ({ body, status, scimType }) => {
    expect(() => planScimPatch(body)).toThrow(expect.objectContaining({ status, scimType }));
  });
});
