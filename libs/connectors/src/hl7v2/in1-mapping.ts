import type { CoverageDto, PatientReferenceDto, SubscriberRelationship } from '@concord/contracts';
import type { Hl7MappingContext } from './hl7-mapping-context';
import { Hl7MappingErrorCode } from './hl7-mapping.error';

/** IN1-17 insured's relationship to patient (HL7 table 0063) → subscriber relationship. */
const RELATIONSHIPS: Readonly<Record<string, SubscriberRelationship>> = { SEL: 'self', SPO: 'spouse', CHD: 'child' };

/**
 * IN1 segments → coverages.
 * - payerId: IN1-3 insurance company id (the payer id at the clearinghouse); an IN1 without one is left out with a warning.
 * - memberId: IN1-36 policy number, else IN1-49 insured's id number; absent when the EHR has none (scenario 3).
 * - relationship: IN1-17; when empty, `self` if no separate insured is named (IN1-16), else `other`.
 * - order: IN1-1 set id. id: `IN1-<order>:<payerId>`, stable across messages for the same patient.
 */
export function mapCoverages(ctx: Hl7MappingContext, patient: PatientReferenceDto): CoverageDto[] {
  const coverages: CoverageDto[] = [];
  ctx.message.getSegments('IN1').forEach((in1, index) => {
    const payerId = ctx.value(in1, 3, { component: 1 });
    if (!payerId) {
      ctx.warn(Hl7MappingErrorCode.MISSING_FIELD, in1, 3, 'coverage without an insurance company id was left out');
      return;
    }
    const order = ctx.number(in1, 1, 'set id') ?? index + 1;
    const payerName = ctx.value(in1, 4, { component: 1 });
    const memberId = ctx.value(in1, 36) ?? ctx.value(in1, 49, { component: 1 });
    const groupNumber = ctx.value(in1, 8);
    const start = ctx.date(in1, 12, 'plan effective date');
    const end = ctx.date(in1, 13, 'plan expiration date');
    const id = `IN1-${order}:${payerId}`;
    coverages.push({
      id,
      patient,
      payerId,
      ...(payerName ? { payerName } : {}),
      ...(memberId ? { memberId } : {}),
      ...(groupNumber ? { groupNumber } : {}),
      relationship: relationshipOf(ctx.value(in1, 17, { component: 1 }), ctx.value(in1, 16, { component: 1 }) !== undefined),
      order,
      ...(start || end ? { period: { ...(start ? { start } : {}), ...(end ? { end } : {}) } } : {}),
      source: { system: 'ehr', recordId: id },
    });
  });
  return coverages;
}

function relationshipOf(code: string | undefined, insuredNamed: boolean): SubscriberRelationship {
  if (code === undefined) return insuredNamed ? 'other' : 'self';
  const upper = code.toUpperCase();
  return RELATIONSHIPS[upper] ?? (upper === 'SELF' ? 'self' : 'other');
}
