import { describe, expect, it } from 'vitest';
import type { EncounterEventDataDto } from '@concord/contracts';
import { patientToCashStart } from './patient-to-cash.state';

const discharge = (overrides: Partial<EncounterEventDataDto> = {}): Partial<EncounterEventDataDto> => ({
  patientId: 'avery-quinn',
  mrn: 'CG-100234',
  source: { origin: 'hl7v2', controlId: 'MSG-A03-1' },
  encounterId: 'enc-aq-tka',
  class: 'inpatient',
  diagnoses: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'M17.12' }],
  ...overrides,
});

describe('patient-to-cash start', () => {
  it('starts once per encounter, keyed by patient, MRN and encounter, with the HL7 control id kept for the journey', () => {
    const start = patientToCashStart(
      discharge({ coverages: [{ order: 1, payerId: 'MCRA1', memberId: '1EG4TE5MK73', relationship: 'self' }] }),
    );
    expect(start.startKey).toBe('encounter:enc-aq-tka');
    expect(start.businessKeys).toEqual({ patient: 'avery-quinn', mrn: 'CG-100234', encounter: 'enc-aq-tka' });
    expect(start.state).toMatchObject({
      controlId: 'MSG-A03-1',
      coverages: [{ order: 1, payerId: 'MCRA1', memberId: '1EG4TE5MK73', relationship: 'self' }],
      memberId: null,
      skipEdits: [],
    });
  });

  it.each([
    [
      'the primary payer alone when no coverage is listed',
      { primaryPayerId: 'KHP01' },
      [{ order: 1, payerId: 'KHP01', relationship: 'self' }],
    ],
    [
      'an unknown relationship as other',
      { coverages: [{ order: 1, payerId: 'BMCD1', relationship: 'grandchild' }] },
      [{ order: 1, payerId: 'BMCD1', relationship: 'other' }],
    ],
  ])('takes %s', (_, overrides, coverages) => {
    expect(patientToCashStart(discharge(overrides as Partial<EncounterEventDataDto>)).state.coverages).toEqual(coverages);
  });

  it.each([
    ['patientId', { patientId: '' }],
    ['encounterId', { encounterId: undefined }],
    ['class', { class: undefined }],
    ['coverages[0].payerId', { coverages: [{ order: 1, payerId: '', relationship: 'self' }] }],
  ])('refuses a start without %s', (field, overrides) => {
    expect(() => patientToCashStart(discharge(overrides as Partial<EncounterEventDataDto>))).toThrow(field);
  });
});
