import { PatientDto, phiFieldsOf } from '@concord/contracts';
import type { PhiMaskingPolicy } from '@concord/platform';
import { PatientV2Dto } from './v2/patient-v2.dto';

/** Patient demographics are shown in clear only to callers holding phi/Patient.r. */
export const PATIENT_PHI: PhiMaskingPolicy = { scope: 'phi/Patient.r', fields: phiFieldsOf(PatientDto) };
export const PATIENT_V2_PHI: PhiMaskingPolicy = { scope: 'phi/Patient.r', fields: phiFieldsOf(PatientV2Dto) };
