import { type ChargeDto, type MoneyDto, type PatientReferenceDto, usd } from '@concord/contracts';
import type { SkippedTransaction } from './clinical-change';
import { readCoding, readNpi } from './hl7-data-types';
import type { Hl7MappingContext } from './hl7-mapping-context';
import { Hl7MappingErrorCode } from './hl7-mapping.error';
import type { Hl7Segment } from './hl7-message';

/** FT1-6 transaction types (HL7 table 0017) that are charges: CG a charge, CR/CD a credit that reverses one. */
const CHARGE = 'CG';
const REVERSALS = new Set(['CR', 'CD']);

export interface ChargeContext {
  patient: PatientReferenceDto;
  encounterId?: string;
  visitNumber?: string;
}

/**
 * FT1 segments → charges.
 * - chargeCode FT1-7, description FT1-8 (else FT1-7.2), quantity FT1-10 (default 1), service date FT1-4 (the start
 *   of the range from v2.5), department FT1-13, CPT/HCPCS FT1-25 with modifiers FT1-26, performer FT1-20 (else the
 *   ordering provider FT1-21), extended and unit amounts FT1-11/FT1-12 when the EHR prices.
 * - FT1-6 CR (or CD) is a reversal: negative quantity (and amount). Payments and adjustments (PY, AJ, CO ...) are
 *   not charges: they are listed as skipped, with a warning.
 * - id: FT1-2 transaction id, else `<MSH-10>:FT1:<set id>`.
 */
export function mapCharges(ctx: Hl7MappingContext, context: ChargeContext): { charges: ChargeDto[]; skipped: SkippedTransaction[] } {
  const charges: ChargeDto[] = [];
  const skipped: SkippedTransaction[] = [];
  ctx.message.getSegments('FT1').forEach((ft1, index) => {
    const setId = ctx.number(ft1, 1, 'set id') ?? index + 1;
    const type = ctx.required(ft1, 6, { component: 1 }, 'the transaction type').toUpperCase();
    if (type !== CHARGE && !REVERSALS.has(type)) {
      skipped.push({ setId, transactionType: type });
      ctx.warn(Hl7MappingErrorCode.UNKNOWN_CODE, ft1, 6, 'transaction is not a charge or a charge reversal and was skipped');
      return;
    }
    charges.push(mapCharge(ctx, ft1, setId, REVERSALS.has(type), context));
  });
  return { charges, skipped };
}

function mapCharge(ctx: Hl7MappingContext, ft1: Hl7Segment, setId: number, reversal: boolean, context: ChargeContext): ChargeDto {
  const chargeCode = ctx.required(ft1, 7, { component: 1 }, 'the charge code');
  const serviceDate = ctx.date(ft1, 4, 'the transaction date', { required: true }) as string;
  const units = ctx.number(ft1, 10, 'the transaction quantity') ?? 1;
  const quantity = reversal ? -Math.abs(units) : units;
  const id = ctx.value(ft1, 2, { component: 1 }) ?? `${ctx.message.controlId}:FT1:${setId}`;
  const description = ctx.value(ft1, 8) ?? ctx.value(ft1, 7, { component: 2 });
  const departmentCode = ctx.value(ft1, 13, { component: 1 });
  const procedureCode = readCoding(ctx, ft1, 25);
  const modifiers = Array.from({ length: ft1.repetitionCount(26) }, (_, i) => ctx.value(ft1, 26, { rep: i + 1, component: 1 })).filter(
    (m): m is string => !!m,
  );
  const performerNpi = readNpi(ctx, ft1, 20) ?? readNpi(ctx, ft1, 21);
  const unitPrice = ctx.money(ft1, 12, 'the unit amount');
  const amount = signed(ctx.money(ft1, 11, 'the extended amount'), reversal);
  return {
    id,
    patient: context.patient,
    ...(context.encounterId ? { encounterId: context.encounterId } : {}),
    ...(context.visitNumber ? { visitNumber: context.visitNumber } : {}),
    chargeCode,
    ...(description ? { description } : {}),
    quantity,
    serviceDate,
    ...(departmentCode ? { departmentCode } : {}),
    ...(procedureCode ? { procedureCode } : {}),
    ...(modifiers.length ? { modifiers } : {}),
    ...(performerNpi ? { performerNpi } : {}),
    ...(unitPrice ? { unitPrice } : {}),
    ...(amount ? { amount } : {}),
    status: 'captured',
    source: { system: 'ehr', recordId: id },
  };
}

/** A reversal's amount is negative whichever sign the sender wrote. */
function signed(amount: MoneyDto | undefined, reversal: boolean): MoneyDto | undefined {
  if (!amount || !reversal) return amount;
  return usd(-Math.abs(amount.amount));
}
