import { describe, expect, it } from 'vitest';
import { WorkforceConnectorExceptionCode as Code } from '../workforce-connector.exception';
import type { PwWorker } from './peoplewise-api.types';
import {
  credentialFromLicense,
  employeeFromWorker,
  errorFromPeoplewise,
  hireToPeoplewise,
  positionFromJob,
  terminationToPeoplewise,
  updateToPeoplewise,
} from './peoplewise.mapping';

const casey: PwWorker = {
  workerId: 'W-1042',
  personNumber: 'E10042',
  legalName: { firstName: 'Casey', lastName: 'Morgan' },
  workEmail: 'casey.morgan@concordhealth.example',
  userName: 'casey.morgan@concordhealth.example',
  jobId: 'POS-RN2-6200',
  jobTitle: 'Staff Nurse II',
  department: '6200',
  payRate: { amount: '48.50', currency: 'USD', basis: 'HOURLY' },
  workerStatus: 'ACTIVE',
  originalHireDate: '2026-11-02',
  terminationDate: null,
  managerWorkerId: 'W-1001',
  version: 3,
  lastUpdated: '2026-11-02T08:00:00.000Z',
};

describe('employeeFromWorker', () => {
  it('maps scenario 5’s nurse', () => {
    expect(employeeFromWorker(casey)).toStrictEqual({
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
      source: { system: 'workforce', recordId: 'W-1042', versionId: '3', lastUpdated: '2026-11-02T08:00:00.000Z' },
    });
  });

  it.each([
    {
      name: 'a terminated worker',
      worker: { ...casey, workerStatus: 'TERMINATED' as const, terminationDate: '2027-03-31' },
      expected: { status: 'terminated', terminationDate: '2027-03-31' },
    },
    {
      name: 'no manager and no email',
      worker: { ...casey, managerWorkerId: null, workEmail: null },
      expected: { managerId: undefined, email: undefined },
    },
  ])('$name', ({ worker, expected }) => {
    expect(employeeFromWorker(worker)).toMatchObject(expected);
  });

  it.each([
    { name: 'a salaried pay rate', payRate: { amount: '98000.00', currency: 'USD', basis: 'ANNUAL' } },
    { name: 'a pay rate in euros', payRate: { amount: '48.50', currency: 'EUR', basis: 'HOURLY' } },
    { name: 'a pay rate without cents', payRate: { amount: '48.5', currency: 'USD', basis: 'HOURLY' } },
  ])('refuses $name as INVALID_RESPONSE', ({ payRate }) => {
    expect(() => employeeFromWorker({ ...casey, payRate })).toThrow(expect.objectContaining({ code: Code.INVALID_RESPONSE }));
  });
});

describe('requests to Peoplewise', () => {
  it('writes a hire with a decimal hourly pay rate', () => {
    expect(
      hireToPeoplewise({
        name: { given: 'Riley', family: 'Park' },
        positionId: 'POS-RN2-6200',
        costCentre: '6200',
        hourlyRate: { amount: 4_700, currency: 'USD' },
        hireDate: '2026-11-09',
      }),
    ).toStrictEqual({
      legalName: { firstName: 'Riley', lastName: 'Park' },
      jobId: 'POS-RN2-6200',
      department: '6200',
      payRate: { amount: '47.00', currency: 'USD', basis: 'HOURLY' },
      originalHireDate: '2026-11-09',
    });
  });

  it.each([
    { change: { costCentre: '6300' }, request: { department: '6300' } },
    {
      change: { hourlyRate: { amount: 5_005, currency: 'USD' as const } },
      request: { payRate: { amount: '50.05', currency: 'USD', basis: 'HOURLY' } },
    },
    {
      change: { name: { given: 'C', family: 'M' }, managerId: 'W-1002' },
      request: { legalName: { firstName: 'C', lastName: 'M' }, managerWorkerId: 'W-1002' },
    },
    { change: {}, request: {} },
  ])('sends only what changed: $request', ({ change, request }) => {
    expect(updateToPeoplewise(change)).toStrictEqual(request);
  });

  it.each([
    {
      input: { terminationDate: '2027-03-31', reason: 'resignation' },
      request: { terminationDate: '2027-03-31', reasonCode: 'RESIGNATION' },
    },
    {
      input: { terminationDate: '2027-03-31', reason: 'end-of-contract' },
      request: { terminationDate: '2027-03-31', reasonCode: 'END_OF_CONTRACT' },
    },
    { input: { terminationDate: '2027-03-31' }, request: { terminationDate: '2027-03-31' } },
  ])('terminates with $request.reasonCode', ({ input, request }) => {
    expect(terminationToPeoplewise(input)).toStrictEqual(request);
  });
});

describe('positions and credentials', () => {
  it('maps licence codes to credential types', () => {
    expect(
      positionFromJob({
        jobId: 'POS-RN2-6200',
        jobTitle: 'Staff Nurse II',
        jobCode: 'RN2',
        department: '6200',
        requiredLicenses: ['RN', 'BLS'],
      }).requiredCredentialTypes,
    ).toStrictEqual(['rn-licence', 'bls-certification']);
    expect(
      credentialFromLicense({
        licenseId: 'LIC-2042',
        workerId: 'W-1042',
        licenseType: 'RN',
        licenseNumber: 'RN-0456123',
        issuingAuthority: 'NH Board',
        issueDate: null,
        expirationDate: '2026-11-22',
      }),
    ).toStrictEqual({
      id: 'LIC-2042',
      employeeId: 'W-1042',
      type: 'rn-licence',
      licenceNumber: 'RN-0456123',
      issuer: 'NH Board',
      issuedOn: undefined,
      expiresOn: '2026-11-22',
    });
  });

  it('refuses a licence type it does not know', () => {
    expect(() => positionFromJob({ jobId: 'x', jobTitle: 'x', jobCode: 'x', department: '6200', requiredLicenses: ['CDL'] })).toThrow(
      expect.objectContaining({ code: Code.INVALID_RESPONSE }),
    );
  });
});

describe('errorFromPeoplewise', () => {
  it.each([
    { status: 404, body: { status: 404, errors: [{ code: 'NOT_FOUND', message: 'Worker W-9 does not exist' }] }, code: Code.NOT_FOUND },
    {
      status: 400,
      body: { status: 400, errors: [{ code: 'VALIDATION_ERROR', message: 'must be string', field: 'payRate.amount' }] },
      code: Code.INVALID_REQUEST,
      fields: ['hourlyRate'],
    },
    {
      status: 409,
      body: { status: 409, errors: [{ code: 'DUPLICATE', message: 'taken', field: 'employeeNumber' }] },
      code: Code.CONFLICT,
      fields: ['employeeNumber'],
    },
    { status: 409, body: { status: 409, errors: [{ code: 'WORKER_STATE', message: 'terminated' }] }, code: Code.INVALID_STATE },
    { status: 412, body: { status: 412, errors: [{ code: 'VERSION_MISMATCH', message: 'changed' }] }, code: Code.VERSION_CONFLICT },
    {
      status: 422,
      body: { status: 422, errors: [{ code: 'IDEMPOTENCY_KEY_REUSED', message: 'reused' }] },
      code: Code.IDEMPOTENCY_KEY_REUSED,
    },
    { status: 429, body: undefined, code: Code.SERVER_THROTTLED },
    { status: 503, body: undefined, code: Code.SERVER_UNAVAILABLE },
    { status: 500, body: { status: 500, errors: [{ code: 'INTERNAL', message: 'stack trace' }] }, code: Code.SERVER_ERROR },
    { status: 418, body: 'teapot', code: Code.INVALID_REQUEST },
  ])('$status → $code', ({ status, body, code, fields }) => {
    const error = errorFromPeoplewise(status, body);
    expect(error.code).toBe(code);
    if (fields) expect(error.fieldErrors.map((field) => field.name)).toStrictEqual(fields);
    expect(error.message).not.toContain('stack trace');
  });
});
