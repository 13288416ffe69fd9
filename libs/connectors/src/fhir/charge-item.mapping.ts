import type { ChargeItem, Coding, Extension, Procedure, Reference } from '@medplum/fhirtypes';
import { type ChargeDto, type ChargeStatus, CodeSystem } from '@concord/contracts';
import {
  departmentFromReference,
  departmentReference,
  ehrSource,
  npiFromReference,
  patientReferenceFromFhir,
  patientReferenceToFhir,
  practitionerReference,
  requiredId,
} from './clinical-references';
import { codingFromFhir, codingIn, extensionOf, extensionsOf, systemsOf, when } from './fhir-coding';
import { invalid, missing, unsupportedCode, unsupportedRecord } from './fhir-mapping.exception';
import { moneyFromFhir, moneyToFhir } from './fhir-money';
import {
  identifierReference,
  identifierValue,
  literalReference,
  NO_RESOURCES,
  type ReferenceResolver,
  referenceId,
} from './fhir-reference';
import { ConcordExtension, ConcordFhirSystem } from './fhir-systems';

export interface ChargeItemMappingOptions {
  /** Code system of the chargemaster codes (default Concord's); an EHR with its own chargemaster URI sets it. */
  chargemasterSystem?: string;
}

/**
 * ChargeItem.status → canonical. A charge that will not be billed (aborted, not-billable, entered in
 * error) is reversed; a planned one is not a charge yet and is refused.
 */
const STATUS_FROM_FHIR: Record<NonNullable<ChargeItem['status']>, ChargeStatus | undefined> = {
  billable: 'captured',
  billed: 'billed',
  aborted: 'reversed',
  'not-billable': 'reversed',
  'entered-in-error': 'reversed',
  planned: undefined,
  unknown: undefined,
};

/** Canonical → ChargeItem.status; "posted" (on the billing account) is still billable to the EHR. */
const STATUS_TO_FHIR: Record<ChargeStatus, NonNullable<ChargeItem['status']>> = {
  captured: 'billable',
  posted: 'billable',
  billed: 'billed',
  reversed: 'aborted',
};

const CPT_OR_HCPCS = [CodeSystem.CPT, CodeSystem.HCPCS] as const;

/**
 * FHIR R4 ChargeItem → canonical charge. The charge code is the code's chargemaster coding (a
 * ChargeItem coded only in another system cannot be priced and is refused); the NUBC revenue code
 * and CPT/HCPCS code are further codings of the same code. The amount is `priceOverride` (the total);
 * `factorOverride` is not carried. A negative quantity is a reversal (credit).
 */
export function chargeFromFhir(
  item: ChargeItem,
  resolver: ReferenceResolver = NO_RESOURCES,
  options: ChargeItemMappingOptions = {},
): ChargeDto {
  const id = requiredId(item);
  const chargemaster = options.chargemasterSystem ?? CodeSystem.CHARGEMASTER;
  if (!Object.hasOwn(STATUS_FROM_FHIR, item.status))
    throw invalid('ChargeItem.status', `"${String(item.status)}" is not an R4 charge item status`);
  const status = STATUS_FROM_FHIR[item.status];
  if (!status) throw unsupportedRecord('ChargeItem.status', `a ${item.status} charge item is not a captured charge`);
  if (!item.code) throw missing('ChargeItem.code');
  const charge = codingIn(item.code, chargemaster);
  if (!charge) throw unsupportedCode('ChargeItem.code', `has no chargemaster coding in ${chargemaster} (found: ${systemsOf(item.code)})`);
  const procedureCoding = CPT_OR_HCPCS.map((system) => codingIn(item.code, system)).find((coding) => coding !== undefined);
  const unitPrice = extensionOf(item.extension, ConcordExtension.CHARGE_UNIT_PRICE)?.valueMoney;
  const modifiers = extensionsOf(item.extension, ConcordExtension.CHARGE_MODIFIER)
    .map((extension) => extension.valueCode)
    .filter((code): code is string => !!code);
  const performer = item.performer?.find((p) => p.actor.reference?.startsWith('Practitioner') || p.actor.type?.startsWith('Practitioner'));
  return {
    id,
    patient: patientReferenceFromFhir(item.subject, resolver, 'ChargeItem.subject'),
    ...when('encounterId', referenceId(item.context, 'Encounter')),
    ...when('visitNumber', visitNumberOf(item)),
    chargeCode: charge.code,
    ...when('description', charge.display ?? item.code.text),
    quantity: quantityOf(item),
    serviceDate: serviceDateOf(item),
    ...when('departmentCode', departmentFromReference(item.performingOrganization, resolver)),
    ...when('revenueCode', codingIn(item.code, CodeSystem.NUBC_REVENUE)?.code),
    ...(procedureCoding ? { procedureCode: codingFromFhir(procedureCoding) } : {}),
    ...when('modifiers', modifiers),
    ...when('performerNpi', npiFromReference(performer?.actor, resolver, 'ChargeItem.performer.actor')),
    ...(unitPrice ? { unitPrice: moneyFromFhir(unitPrice, 'ChargeItem.extension(charge-unit-price).valueMoney') } : {}),
    ...(item.priceOverride ? { amount: moneyFromFhir(item.priceOverride, 'ChargeItem.priceOverride') } : {}),
    status,
    source: ehrSource(item),
  };
}

/** The Procedures a ChargeItem is for (ChargeItem.service): the link from an implant charge to its surgery. */
export function chargeServiceProcedureIds(item: ChargeItem): string[] {
  return (item.service ?? []).map((reference) => referenceId(reference, 'Procedure')).filter((id): id is string => !!id);
}

/**
 * Canonical charge → FHIR R4 ChargeItem: chargemaster, revenue and CPT/HCPCS codes as codings of
 * `code`; the visit number as the Account (by identifier); the department as performingOrganization
 * (by cost-centre code); amount as priceOverride; unit price and modifiers as Concord extensions;
 * `procedureIds` as `service`.
 */
export function chargeToFhir(charge: ChargeDto, options: ChargeItemMappingOptions & { procedureIds?: string[] } = {}): ChargeItem {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(charge.serviceDate)) throw invalid('ChargeDto.serviceDate', 'must be a date (YYYY-MM-DD)');
  if (!Number.isFinite(charge.quantity) || charge.quantity === 0) throw invalid('ChargeDto.quantity', 'must be a non-zero number');
  const coding: Coding[] = [
    { system: options.chargemasterSystem ?? CodeSystem.CHARGEMASTER, code: charge.chargeCode, ...when('display', charge.description) },
    ...(charge.revenueCode ? [{ system: CodeSystem.NUBC_REVENUE, code: charge.revenueCode }] : []),
    ...(charge.procedureCode
      ? [{ system: charge.procedureCode.system, code: charge.procedureCode.code, ...when('display', charge.procedureCode.display) }]
      : []),
  ];
  const extension: Extension[] = [
    ...(charge.unitPrice ? [{ url: ConcordExtension.CHARGE_UNIT_PRICE, valueMoney: moneyToFhir(charge.unitPrice) }] : []),
    ...(charge.modifiers ?? []).map((modifier) => ({ url: ConcordExtension.CHARGE_MODIFIER, valueCode: modifier })),
  ];
  const service: Reference<Procedure>[] = (options.procedureIds ?? []).map((id) => literalReference<Procedure>('Procedure', id));
  return {
    resourceType: 'ChargeItem',
    ...when('id', charge.id),
    ...when('extension', extension),
    status: STATUS_TO_FHIR[charge.status],
    code: { coding },
    subject: patientReferenceToFhir(charge.patient, 'ChargeDto.patient'),
    ...(charge.encounterId ? { context: literalReference('Encounter', charge.encounterId) } : {}),
    occurrenceDateTime: charge.serviceDate,
    ...(charge.performerNpi ? { performer: [{ actor: practitionerReference(charge.performerNpi, 'ChargeDto.performerNpi') }] } : {}),
    ...(charge.departmentCode ? { performingOrganization: departmentReference(charge.departmentCode) } : {}),
    quantity: { value: charge.quantity },
    ...(charge.amount ? { priceOverride: moneyToFhir(charge.amount) } : {}),
    ...when('service', service),
    ...(charge.visitNumber ? { account: [identifierReference('Account', ConcordFhirSystem.VISIT_NUMBER, charge.visitNumber)] } : {}),
  };
}

function visitNumberOf(item: ChargeItem): string | undefined {
  for (const account of item.account ?? []) {
    const value = identifierValue(account.identifier, ConcordFhirSystem.VISIT_NUMBER);
    if (value) return value;
  }
  return identifierValue(item.context?.identifier, ConcordFhirSystem.VISIT_NUMBER);
}

/** Units charged; a ChargeItem without a quantity is one unit. */
function quantityOf(item: ChargeItem): number {
  if (!item.quantity) return 1;
  const value = item.quantity.value;
  if (typeof value !== 'number' || !Number.isFinite(value) || value === 0)
    throw invalid('ChargeItem.quantity.value', 'must be a non-zero number');
  return value;
}

/** The date of service as written by the EHR (its local date), from occurrenceDateTime or the period's start. */
function serviceDateOf(item: ChargeItem): string {
  const occurred = item.occurrenceDateTime ?? item.occurrencePeriod?.start;
  if (!occurred)
    throw missing('ChargeItem.occurrence[x]', 'a charge needs its date of service (occurrenceDateTime or occurrencePeriod.start)');
  const date = /^(\d{4}-\d{2}-\d{2})/.exec(occurred)?.[1];
  if (!date) throw invalid('ChargeItem.occurrence[x]', 'must give at least a full date');
  return date;
}
