import type { CloudEvent } from '@concord/events';
import type { EncounterEventDataDto } from '@concord/contracts';
import type { FlowStart } from '../../engine/flow-definition';

export interface EncounterCoverage {
  order: number;
  payerId: string;
  memberId?: string;
  groupNumber?: string;
  relationship: 'self' | 'spouse' | 'child' | 'other';
}

/** One department's share of a claim, in cents. */
export interface DepartmentAmounts {
  departmentCode: string;
  chargeCents: number;
  expectedContractualCents: number;
}

export interface PaymentSummary {
  remittanceId: string;
  traceNumber: string;
  paymentDate?: string;
  paidCents: number;
  patientResponsibilityCents: number;
  departments: { departmentCode: string; paidCents: number; adjustmentCents: number; patientResponsibilityCents: number }[];
}

/** What a patient-to-cash instance knows: the discharged encounter, then the ids and amounts met on the way. */
export interface PatientToCashState {
  patientId: string;
  mrn?: string;
  encounterId: string;
  visitNumber?: string;
  encounterClass: string;
  facilityId?: string;
  departmentCode?: string;
  admittedAt?: string;
  dischargedAt?: string;
  dischargeDisposition?: string;
  admitSource?: string;
  attendingNpi?: string;
  attendingName?: { family: string; given?: string };
  diagnoses: { system: string; code: string }[];
  coverages: EncounterCoverage[];
  /**
   * The primary coverage's subscriber member id as an operator corrects it (edit-and-replay of a
   * claim the payer rules refused); null while the registered one stands.
   */
  memberId: string | null;
  /** Pre-submission edits switched off for this claim (the payer then judges it in its 277CA). */
  skipEdits: string[];
  controlId?: string;
  accountId?: string;
  chargesCents?: number;
  timelyFilingDeadline?: string;
  claimId?: string;
  patientControlNumber?: string;
  payerId?: string;
  claimKind?: string;
  departments?: DepartmentAmounts[];
  payerClaimNumber?: string;
  rejection?: { reason: string; amountAtRiskCents: number; timelyFilingDeadline: string };
  denial?: { amountAtRiskCents: number; timelyFilingDeadline: string; remarkCodes: string[] };
  payment?: PaymentSummary;
}

const RELATIONSHIPS = new Set(['self', 'spouse', 'child', 'other']);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.length ? value : undefined);

/**
 * The instance a discharge starts: the event's data (or the same shape given to a manual start).
 * The start key is the encounter, so a resent ADT^A03 does not bill the stay twice.
 */
export function patientToCashStart(data: Partial<EncounterEventDataDto> & { skipEdits?: unknown }): FlowStart<PatientToCashState> {
  const patientId = text(data.patientId);
  const encounterId = text(data.encounterId);
  if (!patientId) throw new Error('patientId is required');
  if (!encounterId) throw new Error('encounterId is required');
  if (!text(data.class)) throw new Error('class is required');
  const coverages: EncounterCoverage[] = (Array.isArray(data.coverages) ? data.coverages : []).map((coverage, index) => {
    if (!text(coverage?.payerId)) throw new Error(`coverages[${index}].payerId is required`);
    return {
      order: typeof coverage.order === 'number' ? coverage.order : index + 1,
      payerId: coverage.payerId,
      ...(text(coverage.memberId) ? { memberId: coverage.memberId } : {}),
      ...(text(coverage.groupNumber) ? { groupNumber: coverage.groupNumber } : {}),
      relationship: (RELATIONSHIPS.has(coverage.relationship) ? coverage.relationship : 'other') as EncounterCoverage['relationship'],
    };
  });
  if (!coverages.length && text(data.primaryPayerId)) coverages.push({ order: 1, payerId: data.primaryPayerId!, relationship: 'self' });
  const mrn = text(data.mrn);
  return {
    startKey: `encounter:${encounterId}`,
    businessKeys: { patient: patientId, ...(mrn ? { mrn } : {}), encounter: encounterId },
    state: {
      patientId,
      ...(mrn ? { mrn } : {}),
      encounterId,
      ...(text(data.visitNumber) ? { visitNumber: data.visitNumber } : {}),
      encounterClass: data.class!,
      ...(text(data.facilityId) ? { facilityId: data.facilityId } : {}),
      ...(text(data.departmentCode) ? { departmentCode: data.departmentCode } : {}),
      ...(text(data.admittedAt) ? { admittedAt: data.admittedAt } : {}),
      ...(text(data.dischargedAt) ? { dischargedAt: data.dischargedAt } : {}),
      ...(text(data.dischargeDisposition) ? { dischargeDisposition: data.dischargeDisposition } : {}),
      ...(text(data.admitSource) ? { admitSource: data.admitSource } : {}),
      ...(text(data.attendingNpi) ? { attendingNpi: data.attendingNpi } : {}),
      ...(data.attendingName && text(data.attendingName.family) ? { attendingName: data.attendingName } : {}),
      diagnoses: (Array.isArray(data.diagnoses) ? data.diagnoses : []).map((d) => ({ system: d.system, code: d.code })),
      coverages,
      memberId: null,
      skipEdits: Array.isArray(data.skipEdits) ? data.skipEdits.filter((e): e is string => typeof e === 'string') : [],
      ...(text(data.source?.controlId) ? { controlId: data.source!.controlId } : {}),
    },
  };
}

export function patientToCashStartFromEvent(event: CloudEvent): FlowStart<PatientToCashState> | undefined {
  const data = event.data as Partial<EncounterEventDataDto> | undefined;
  if (!data?.encounterId || !data.patientId) return undefined;
  return patientToCashStart(data);
}
