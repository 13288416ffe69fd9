import type { DiagnosisDto, DiagnosisRole } from '@concord/contracts';
import { readCoding } from './hl7-data-types';
import type { Hl7MappingContext } from './hl7-mapping-context';
import { Hl7MappingErrorCode } from './hl7-mapping.error';

/**
 * DG1 segments → diagnoses, in message order.
 * - role from DG1-6 (table 0052): A admitting, W working, F final — principal when DG1-15 priority is 1, else
 *   secondary. (v2 cannot tell a "discharge" diagnosis from a final one, so that role is never produced.)
 * - rank: DG1-15 priority when it is 1 or more, else DG1-1 set id, else the position.
 * - code: DG1-3 with its coding system, or the deprecated DG1-2 coding method when DG1-3 names none.
 * A DG1 without a code is left out with a warning.
 */
export function mapDiagnoses(ctx: Hl7MappingContext): DiagnosisDto[] {
  const diagnoses: DiagnosisDto[] = [];
  ctx.message.getSegments('DG1').forEach((dg1, index) => {
    const code = readCoding(ctx, dg1, 3, { fallbackSystemName: ctx.value(dg1, 2) });
    if (!code) {
      ctx.warn(Hl7MappingErrorCode.MISSING_FIELD, dg1, 3, 'diagnosis without a code was left out');
      return;
    }
    const priority = ctx.number(dg1, 15, 'diagnosis priority');
    const setId = ctx.number(dg1, 1, 'set id');
    const type = ctx.value(dg1, 6, { component: 1 })?.toUpperCase();
    const id = ctx.value(dg1, 20, { component: 1 });
    const presentOnAdmission = ctx.value(dg1, 26, { component: 1 });
    diagnoses.push({
      ...(id ? { id } : {}),
      code,
      role: roleOf(type, priority),
      rank: priority !== undefined && priority >= 1 ? priority : (setId ?? index + 1),
      ...(presentOnAdmission ? { presentOnAdmission } : {}),
    });
  });
  return diagnoses;
}

function roleOf(type: string | undefined, priority: number | undefined): DiagnosisRole {
  switch (type) {
    case 'A':
      return 'admitting';
    case 'F':
      return priority === 1 ? 'principal' : 'secondary';
    default:
      return 'working';
  }
}
