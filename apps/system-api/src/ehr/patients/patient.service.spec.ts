import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { FhirConnectorException, FhirConnectorExceptionCode } from '@concord/connectors/fhir';
import type { PatientDto } from '@concord/contracts';
import { EhrPatientPort, type PatientCriteria, type PatientSearchPage } from '../ports/ehr-patient.port';
import { PatientException, PatientExceptionCode } from './patient.exception';
import { PatientService } from './patient.service';

const EHR_BASE = 'https://ehr.example.org/fhir/R4';

const avery: PatientDto = {
  id: 'avery-quinn',
  mrn: 'CG-100234',
  identifiers: [{ system: 'urn:concord:health:mrn', value: 'CG-100234' }],
  name: { family: 'Quinn', given: ['Avery'], text: 'Avery Quinn' },
  gender: 'female',
  birthDate: '1957-03-14',
  deceased: false,
  telecom: [],
  addresses: [],
  source: { system: 'ehr', recordId: 'avery-quinn' },
};

/** A scripted EHR: answers with `page` (or fails with `failure`) and records what it was asked. */
class FakeEhr extends EhrPatientPort {
  readonly reads: string[] = [];
  readonly searches: PatientCriteria[] = [];
  readonly continuations: string[] = [];
  failure: Error | undefined;
  page: PatientSearchPage = { patients: [avery] };

  read(id: string): Promise<PatientDto> {
    this.reads.push(id);
    return this.answer({ ...avery, id });
  }
  search(criteria: PatientCriteria): Promise<PatientSearchPage> {
    this.searches.push(criteria);
    return this.answer(this.page);
  }
  searchNext(continuation: string): Promise<PatientSearchPage> {
    this.continuations.push(continuation);
    return this.answer(this.page);
  }
  ownsContinuation(continuation: string): boolean {
    return continuation.startsWith(`${EHR_BASE}/`);
  }
  private answer<T>(value: T): Promise<T> {
    return this.failure ? Promise.reject(this.failure) : Promise.resolve(value);
  }
}

function setup(): { ehr: FakeEhr; service: PatientService } {
  const ehr = new FakeEhr();
  return { ehr, service: new PatientService(ehr) };
}

/** The PatientException a call rejects with; fails the test if it resolves or throws anything else. */
async function rejection(promise: Promise<unknown>): Promise<PatientException> {
  const error = await promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(PatientException);
  return error as PatientException;
}

const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

describe('PatientService.search', () => {
  it.each([
    { name: 'no parameters at all', query: {} },
    { name: 'only a limit', query: { limit: 10 } },
    { name: 'empty strings', query: { name: '', birthdate: '', identifier: '' } },
  ])('asks for criteria when given $name, without calling the EHR', async ({ query }) => {
    const { ehr, service } = setup();
    const error = await rejection(service.search(query));
    expect(error.code).toBe(PatientExceptionCode.SEARCH_CRITERIA_REQUIRED);
    expect(error.fieldErrors).toStrictEqual([{ in: 'query', name: 'name', detail: 'one of name, birthdate or identifier is required' }]);
    expect(ehr.searches).toStrictEqual([]);
  });

  it.each([
    { query: { name: 'Quinn' }, criteria: { name: 'Quinn', birthdate: undefined, identifier: undefined, limit: 20 } },
    { query: { birthdate: '1957-03-14' }, criteria: { name: undefined, birthdate: '1957-03-14', identifier: undefined, limit: 20 } },
    {
      query: { identifier: 'urn:concord:health:mrn|CG-100234', limit: 5 },
      criteria: { name: undefined, birthdate: undefined, identifier: 'urn:concord:health:mrn|CG-100234', limit: 5 },
    },
    {
      query: { name: 'Quinn', birthdate: '1957-03-14', limit: 100 },
      criteria: { name: 'Quinn', birthdate: '1957-03-14', identifier: undefined, limit: 100 },
    },
  ])('passes $query to the EHR as $criteria', async ({ query, criteria }) => {
    const { ehr, service } = setup();
    await service.search(query);
    expect(ehr.searches).toStrictEqual([criteria]);
  });

  it('returns the items and total, and no cursor on the last page', async () => {
    const { ehr, service } = setup();
    ehr.page = { patients: [avery], total: 1 };
    expect(await service.search({ name: 'Quinn' })).toStrictEqual({ items: [avery], total: 1 });
  });

  it('keeps a total of 0', async () => {
    const { ehr, service } = setup();
    ehr.page = { patients: [], total: 0 };
    expect(await service.search({ name: 'Nobody' })).toStrictEqual({ items: [], total: 0 });
  });

  it('hands out the continuation as a base64url cursor and follows it back', async () => {
    const { ehr, service } = setup();
    const next = `${EHR_BASE}/Patient?_getpages=a1b2&_getpagesoffset=20&_count=20&name=Zoë+Ståhl`;
    ehr.page = { patients: [avery], next };

    const first = await service.search({ name: 'Quinn' });
    expect(first.nextCursor).toBe(base64url(next));
    expect(first.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);

    ehr.page = { patients: [] };
    const second = await service.search({ cursor: first.nextCursor, name: 'ignored' });
    expect(ehr.continuations).toStrictEqual([next]);
    expect(ehr.searches).toHaveLength(1);
    expect(second).toStrictEqual({ items: [] });
  });

  it.each([
    { name: 'a link to another server', cursor: base64url('https://evil.example.org/fhir/R4/Patient?page=2') },
    { name: 'a sibling path', cursor: base64url(`${EHR_BASE}x/Patient`) },
    { name: 'plain text', cursor: 'not-a-cursor' },
    { name: 'base64 of nothing useful', cursor: base64url('{"page":2}') },
  ])('refuses a forged cursor ($name) without calling the EHR', async ({ cursor }) => {
    const { ehr, service } = setup();
    const error = await rejection(service.search({ cursor }));
    expect(error.code).toBe(PatientExceptionCode.INVALID_CURSOR);
    expect(error.fieldErrors).toStrictEqual([{ in: 'query', name: 'cursor', detail: 'cursor is not one this API issued' }]);
    expect(ehr.continuations).toStrictEqual([]);
  });
});

describe('PatientService.get', () => {
  it('reads the patient by id', async () => {
    const { ehr, service } = setup();
    expect(await service.get('avery-quinn')).toStrictEqual(avery);
    expect(ehr.reads).toStrictEqual(['avery-quinn']);
  });
});

describe('EHR failures become patient exceptions', () => {
  /** Every connector code with the patient code it must become; a new connector code will not compile until added. */
  const TRANSLATION: Record<FhirConnectorExceptionCode, PatientExceptionCode> = {
    [FhirConnectorExceptionCode.RESOURCE_NOT_FOUND]: PatientExceptionCode.PATIENT_NOT_FOUND,
    [FhirConnectorExceptionCode.RESOURCE_GONE]: PatientExceptionCode.PATIENT_NOT_FOUND,
    [FhirConnectorExceptionCode.SERVER_UNAVAILABLE]: PatientExceptionCode.EHR_UNAVAILABLE,
    [FhirConnectorExceptionCode.SERVER_THROTTLED]: PatientExceptionCode.EHR_UNAVAILABLE,
    [FhirConnectorExceptionCode.SERVER_TIMEOUT]: PatientExceptionCode.EHR_TIMEOUT,
    [FhirConnectorExceptionCode.REQUEST_REJECTED]: PatientExceptionCode.EHR_ERROR,
    [FhirConnectorExceptionCode.SERVER_ERROR]: PatientExceptionCode.EHR_ERROR,
    [FhirConnectorExceptionCode.INVALID_RESPONSE]: PatientExceptionCode.EHR_ERROR,
    [FhirConnectorExceptionCode.VERSION_CONFLICT]: PatientExceptionCode.EHR_ERROR,
    [FhirConnectorExceptionCode.MULTIPLE_MATCHES]: PatientExceptionCode.EHR_ERROR,
    [FhirConnectorExceptionCode.OUTCOME_UNKNOWN]: PatientExceptionCode.EHR_TIMEOUT,
    [FhirConnectorExceptionCode.UNAUTHORIZED]: PatientExceptionCode.EHR_ERROR,
    [FhirConnectorExceptionCode.FORBIDDEN]: PatientExceptionCode.EHR_ERROR,
  };
  const rows = Object.values(FhirConnectorExceptionCode).map((code) => ({ code, expected: TRANSLATION[code] }));

  const calls = [
    { name: 'get', call: (service: PatientService) => service.get('avery-quinn') },
    { name: 'search', call: (service: PatientService) => service.search({ name: 'Quinn' }) },
    {
      name: 'search with a cursor',
      call: (service: PatientService) => service.search({ cursor: base64url(`${EHR_BASE}/Patient?page=2`) }),
    },
  ];

  describe.each(calls)('$name', ({ call }) => {
    it.each(rows)('$code → $expected', async ({ code, expected }) => {
      const { ehr, service } = setup();
      const cause = new FhirConnectorException(code, 'upstream said no: internal host ehr-db-01', 500);
      ehr.failure = cause;
      const error = await rejection(call(service));
      expect(error.code).toBe(expected);
      expect(error.cause).toBe(cause);
      expect(error.message).not.toContain('ehr-db-01');
    });
  });

  it('names the id when a read finds nothing', async () => {
    const { ehr, service } = setup();
    ehr.failure = new FhirConnectorException(FhirConnectorExceptionCode.RESOURCE_NOT_FOUND, 'gone', 404);
    expect((await rejection(service.get('nobody'))).message).toBe('No patient with id "nobody" at the EHR');
  });

  it.each([
    { name: 'get', call: (service: PatientService) => service.get('avery-quinn') },
    { name: 'search', call: (service: PatientService) => service.search({ name: 'Quinn' }) },
  ])('$name lets anything else through unchanged', async ({ call }) => {
    const { ehr, service } = setup();
    const bug = new TypeError('cannot read properties of undefined');
    ehr.failure = bug;
    await expect(call(service)).rejects.toBe(bug);
  });
});
