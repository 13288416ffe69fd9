import { describe, expect, it } from 'vitest';
import type { PatientDto } from '@concord/contracts';
import { DUPLICATE_THRESHOLD, matchPatients } from './patient-matcher';

const avery: PatientDto = {
  id: 'avery-quinn',
  mrn: 'CG-100234',
  identifiers: [{ system: 'urn:concord:health:mrn', value: 'CG-100234' }],
  name: { family: 'Quinn', given: ['Avery', 'J'] },
  gender: 'female',
  birthDate: '1957-03-14',
  deceased: false,
  telecom: [],
  addresses: [{ line: ['12 Harbour Lane'], city: 'Concord', state: 'NH', postalCode: '03301' }],
  source: { system: 'ehr', recordId: 'avery-quinn' },
};
const other = (change: Partial<PatientDto>): PatientDto => ({
  ...avery,
  id: 'aq-2',
  mrn: 'CG-100999',
  identifiers: [{ system: 'urn:concord:health:mrn', value: 'CG-100999' }],
  ...change,
});

describe('matchPatients (documented probabilistic scoring)', () => {
  it.each([
    ['the same person under a second MRN', other({}), 1, true],
    ['a typo in the family name', other({ name: { family: 'Quin', given: ['Avery'] } }), 0.9, true],
    ['day and month swapped in the birth date', other({ birthDate: '1957-14-03' }), 0.85, true],
    ['same name and birth date, no address, sex unknown', other({ gender: 'unknown', addresses: [] }), 0.8, true],
    ['same name, another birth date', other({ birthDate: '1962-08-01' }), 0.7, false],
    [
      'same birth date, another person',
      other({ name: { family: 'Rivera', given: ['Jordan'] }, gender: 'male', addresses: [] }),
      0.1,
      false,
    ],
  ])('%s → %s', (_name, candidate, score, duplicate) => {
    const result = matchPatients(avery, candidate);
    expect(result.score).toBe(score);
    expect(result.score >= DUPLICATE_THRESHOLD).toBe(duplicate);
    expect(result.sameIdentifier).toBe(false);
  });

  it('treats a shared identifier as the same patient (deterministic rule)', () => {
    const result = matchPatients(avery, other({ identifiers: avery.identifiers, name: { family: 'Q', given: ['A'] } }));
    expect(result.sameIdentifier).toBe(true);
  });

  it('names the fields that agreed', () => {
    expect(matchPatients(avery, other({})).matchedOn).toEqual(['family', 'given', 'birthDate', 'sex', 'address']);
  });
});
