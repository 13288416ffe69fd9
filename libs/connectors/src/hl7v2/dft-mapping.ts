import type { ChargesCaptured, Hl7MessageFacts } from './clinical-change';
import { mapCharges } from './ft1-mapping';
import type { Hl7MappingContext } from './hl7-mapping-context';
import type { Hl7Segment } from './hl7-message';
import { mapPatient, patientReference } from './pid-mapping';
import { mapProcedures } from './pr1-mapping';

/**
 * DFT^P03 → charges captured. PV1 is optional in DFT_P03; when present, PV1-19 (else PV1-50) links the charges to
 * their visit. At least one FT1 is required. A PR1 belongs to the FT1 before it (the FINANCIAL group of DFT_P03) and
 * takes that FT1's department (FT1-13); supplies come with ZIU segments (see pr1-mapping).
 */
export function mapDftP03(ctx: Hl7MappingContext, message: Hl7MessageFacts): ChargesCaptured {
  const patient = mapPatient(ctx, ctx.requireSegment('PID', 'in DFT^P03'));
  const reference = patientReference(patient);
  const pv1 = ctx.message.getSegment('PV1');
  const visitNumber = pv1 && ctx.value(pv1, 19, { component: 1 });
  const encounterId = visitNumber ?? (pv1 && ctx.value(pv1, 50, { component: 1 }));
  ctx.requireSegment('FT1', 'in DFT^P03 (one per transaction)');
  const { charges, skipped } = mapCharges(ctx, { patient: reference, encounterId, visitNumber });
  const procedures = mapProcedures(ctx, { patient: reference, encounterId, departmentOf: departmentOfFinancialGroup(ctx) });
  return {
    message,
    warnings: ctx.warnings,
    kind: 'charges-captured',
    patient,
    ...(encounterId ? { encounter: { id: encounterId, ...(visitNumber ? { visitNumber } : {}) } } : {}),
    charges,
    procedures,
    skippedTransactions: skipped,
  };
}

function departmentOfFinancialGroup(ctx: Hl7MappingContext): (pr1: Hl7Segment) => string | undefined {
  const departments = new Map<Hl7Segment, string | undefined>();
  let current: string | undefined;
  for (const segment of ctx.message.segments) {
    if (segment.name === 'FT1') current = ctx.value(segment, 13, { component: 1 });
    else if (segment.name === 'PR1') departments.set(segment, current);
  }
  return (pr1) => departments.get(pr1);
}
