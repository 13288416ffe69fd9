import type { PatientDto } from '@concord/contracts';

export interface PatientCriteria {
  name?: string;
  birthdate?: string;
  /** `system|value` or a bare value. */
  identifier?: string;
  limit: number;
}

export interface PatientSearchPage {
  patients: PatientDto[];
  total?: number;
  /** Opaque continuation understood by the same adapter. */
  next?: string;
}

/** What system-api needs from any EHR, whatever its protocol. */
export abstract class EhrPatientPort {
  abstract read(id: string): Promise<PatientDto>;
  abstract search(criteria: PatientCriteria): Promise<PatientSearchPage>;
  abstract searchNext(continuation: string): Promise<PatientSearchPage>;
  /** Whether a continuation was issued by this EHR (guards against forged cursors). */
  abstract ownsContinuation(continuation: string): boolean;
}
