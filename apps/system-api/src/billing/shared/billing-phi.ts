import type { PhiMaskingPolicy } from '@concord/platform';

/**
 * What callers without phi/Patient.r see masked in billing answers: the patient and subscriber
 * (names, birth dates, addresses, member ids, MRN), diagnoses and procedures, and the patient data
 * of remittances and eligibility answers. Ids, codes of services and money stay in clear.
 */
export const BILLING_PHI: PhiMaskingPolicy = {
  scope: 'phi/Patient.r',
  fields: [
    'patient',
    'subscriber',
    'dependent',
    'memberId',
    'patientMemberId',
    'patientName',
    'diagnoses',
    'procedures',
    'coding',
    'mrn',
    'detail',
    'request',
    'response',
  ],
};
