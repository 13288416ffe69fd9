import type { CodingDto, ItemUsedDto, PatientReferenceDto, ProcedureDto } from '@concord/contracts';
import { readCoding, readNpi } from './hl7-data-types';
import type { Hl7MappingContext } from './hl7-mapping-context';
import { Hl7MappingErrorCode } from './hl7-mapping.error';
import type { Hl7Segment } from './hl7-message';

/**
 * ZIU, Concord's "item used" Z-segment: a supply or implant a procedure consumed. It may follow the FT1 that charges
 * for the supply or the PR1 of the procedure (Concord's builders put it after the PR1); its place does not matter,
 * ZIU-7 does. The supply's charge itself stays an ordinary FT1 (e.g. IMP-KNEE, HCPCS C1776).
 *
 *   ZIU|<1 set id>|<2 item code^description^coding system>|<3 quantity, default 1>|<4 GTIN (UDI-DI)>|<5 serial>|<6 lot>|<7 PR1 set id>
 *
 * ZIU-7 names the procedure (PR1-1) that used the item; it may be left empty only when the message has exactly one
 * procedure. Unlike a warning-level gap, a broken ZIU fails the message: stock would otherwise silently not move.
 */
export const ITEM_USED_SEGMENT = 'ZIU';

export interface ProcedureContext {
  patient: PatientReferenceDto;
  encounterId?: string;
  /** Department for a PR1 (in a DFT: the FT1-13 of the financial group the PR1 belongs to). */
  departmentOf?: (pr1: Hl7Segment) => string | undefined;
}

/**
 * PR1 segments (and the ZIU items attached to them) → procedures.
 * - codes: PR1-3 and its alternate triplet (e.g. CPT 27447 with ICD-10-PCS 0SRD0JZ), coding system from the value
 *   or the deprecated PR1-2 coding method. A PR1 without a code is left out with a warning.
 * - id: PR1-19 procedure identifier (v2.5+), else `<MSH-10>:PR1:<set id>`.
 * - performerNpi: PR1-12 procedure practitioner, else PR1-11 surgeon.
 */
export function mapProcedures(ctx: Hl7MappingContext, context: ProcedureContext): ProcedureDto[] {
  const bySetId = new Map<number, ProcedureDto>();
  const procedures: ProcedureDto[] = [];
  ctx.message.getSegments('PR1').forEach((pr1, index) => {
    const setId = ctx.number(pr1, 1, 'set id') ?? index + 1;
    const fallbackSystemName = ctx.value(pr1, 2);
    const codes = [readCoding(ctx, pr1, 3, { fallbackSystemName }), readCoding(ctx, pr1, 3, { alternate: true })].filter(
      (c): c is CodingDto => c !== undefined,
    );
    if (!codes.length) {
      ctx.warn(Hl7MappingErrorCode.MISSING_FIELD, pr1, 3, 'procedure without a code was left out');
      return;
    }
    const id = ctx.value(pr1, 19, { component: 1 }) ?? `${ctx.message.controlId}:PR1:${setId}`;
    const performedAt = ctx.dateTime(pr1, 5, 'procedure date/time');
    const performerNpi = readNpi(ctx, pr1, 12) ?? readNpi(ctx, pr1, 11);
    const departmentCode = context.departmentOf?.(pr1);
    const procedure: ProcedureDto = {
      id,
      patient: context.patient,
      ...(context.encounterId ? { encounterId: context.encounterId } : {}),
      status: 'completed',
      codes,
      ...(performedAt ? { performedAt } : {}),
      ...(performerNpi ? { performerNpi } : {}),
      ...(departmentCode ? { departmentCode } : {}),
      itemsUsed: [],
      source: { system: 'ehr', recordId: id },
    };
    procedures.push(procedure);
    bySetId.set(setId, procedure);
  });
  attachItemsUsed(ctx, procedures, bySetId);
  return procedures;
}

function attachItemsUsed(ctx: Hl7MappingContext, procedures: ProcedureDto[], bySetId: Map<number, ProcedureDto>): void {
  for (const ziu of ctx.message.getSegments(ITEM_USED_SEGMENT)) {
    const itemCode = ctx.required(ziu, 2, { component: 1 }, 'the item code');
    const description = ctx.value(ziu, 2, { component: 2 });
    const quantity = ctx.number(ziu, 3, 'item quantity') ?? 1;
    if (!(quantity > 0)) throw ctx.error(Hl7MappingErrorCode.INVALID_VALUE, ziu, 3, {}, 'item quantity must be positive');
    const [gtin, serialNumber, lotNumber] = [4, 5, 6].map((field) => ctx.value(ziu, field));
    const item: ItemUsedDto = {
      itemCode,
      ...(description ? { description } : {}),
      quantity,
      ...(gtin ? { gtin } : {}),
      ...(serialNumber ? { serialNumber } : {}),
      ...(lotNumber ? { lotNumber } : {}),
    };
    procedureFor(ctx, ziu, procedures, bySetId).itemsUsed.push(item);
  }
}

function procedureFor(
  ctx: Hl7MappingContext,
  ziu: Hl7Segment,
  procedures: ProcedureDto[],
  bySetId: Map<number, ProcedureDto>,
): ProcedureDto {
  const reference = ctx.number(ziu, 7, 'procedure set id');
  if (reference === undefined) {
    if (procedures.length === 1) return procedures[0];
    throw ctx.error(
      Hl7MappingErrorCode.MISSING_FIELD,
      ziu,
      7,
      {},
      procedures.length === 0
        ? 'an item used needs a procedure (PR1) to belong to'
        : 'the procedure set id is required when the message has several procedures',
    );
  }
  const procedure = bySetId.get(reference);
  if (!procedure) throw ctx.error(Hl7MappingErrorCode.INVALID_VALUE, ziu, 7, {}, 'no procedure (PR1) in the message has this set id');
  return procedure;
}
