import type { ChargeDto, EncounterDto } from '@concord/contracts';

export interface EncounterCriteria {
  patient?: string;
  status?: string;
  /** FHIR date search value, e.g. `2026-11-02` or `ge2026-11-01`. */
  date?: string;
  limit: number;
}

export interface ChargeCriteria {
  patient?: string;
  encounter?: string;
  limit: number;
}

export interface Page<T> {
  items: T[];
  total?: number;
  /** The EHR's own continuation (a FHIR next link). */
  next?: string;
}

/** Encounters, with their procedures, diagnoses and charges, and charges, read from the EHR (never a copy). */
export abstract class EhrEncounterPort {
  abstract searchEncounters(criteria: EncounterCriteria): Promise<Page<EncounterDto>>;
  abstract searchEncountersNext(continuation: string): Promise<Page<EncounterDto>>;
  abstract readEncounter(id: string): Promise<EncounterDto>;
  abstract searchCharges(criteria: ChargeCriteria): Promise<Page<ChargeDto>>;
  abstract searchChargesNext(continuation: string): Promise<Page<ChargeDto>>;
  abstract ownsContinuation(continuation: string): boolean;
}
