import type { CodeableConcept, Device, Extension, Location, Procedure, ProcedurePerformer, Reference } from '@medplum/fhirtypes';
import { CodeSystem, type ItemUsedDto, type ProcedureDto, type ProcedureStatus } from '@concord/contracts';
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
import { codingIn, codingToFhir, extensionOf, lookup, systemCodings, when } from './fhir-coding';
import { invalid, missing } from './fhir-mapping.exception';
import {
  identifierValue,
  literalReference,
  NO_RESOURCES,
  type ReferenceResolver,
  referenceId,
  referenceType,
  requireResolved,
} from './fhir-reference';
import { ConcordExtension, ConcordFhirSystem } from './fhir-systems';

/** Procedure.status: on-hold is still in progress; a stopped procedure has no canonical state and reads as unknown. */
const STATUS_FROM_FHIR: Record<NonNullable<Procedure['status']>, ProcedureStatus> = {
  preparation: 'preparation',
  'in-progress': 'in-progress',
  'on-hold': 'in-progress',
  stopped: 'unknown',
  completed: 'completed',
  'not-done': 'not-done',
  'entered-in-error': 'entered-in-error',
  unknown: 'unknown',
};

/** Billing code systems first, in this order; other systems (SNOMED CT ...) follow as the EHR sent them. */
const BILLING_SYSTEMS: string[] = [CodeSystem.CPT, CodeSystem.ICD10_PCS, CodeSystem.HCPCS];

/**
 * FHIR R4 Procedure → canonical procedure with the items it used. Items come from
 * `usedCode` (Concord's written form: item code, GTIN, and quantity, serial and lot extensions) and
 * from Devices named by `focalDevice.manipulated` or `usedReference` (one each; those Devices must be
 * among the resolver's resources). Medications and substances in usedReference are the pharmacy's
 * and are charged through ChargeItems: they are not items used.
 */
export function procedureFromFhir(procedure: Procedure, resolver: ReferenceResolver = NO_RESOURCES): ProcedureDto {
  const id = requiredId(procedure);
  const status = lookup(STATUS_FROM_FHIR, procedure.status);
  if (!status) throw invalid('Procedure.status', `"${String(procedure.status)}" is not an R4 procedure status`);
  const performer = (procedure.performer ?? []).find((p) => ['Practitioner', 'PractitionerRole'].includes(referenceType(p.actor) ?? ''));
  const performedAt = procedure.performedDateTime ?? procedure.performedPeriod?.start;
  return {
    id,
    patient: patientReferenceFromFhir(procedure.subject, resolver, 'Procedure.subject'),
    ...when('encounterId', referenceId(procedure.encounter, 'Encounter')),
    status,
    codes: orderedCodes(procedure.code),
    ...when('performedAt', performedAt),
    ...when('performerNpi', performer ? npiFromReference(performer.actor, resolver, 'Procedure.performer.actor') : undefined),
    ...when('departmentCode', departmentOf(procedure, resolver)),
    itemsUsed: itemsUsedOf(procedure, resolver),
    source: ehrSource(procedure),
  };
}

/**
 * Canonical procedure → FHIR R4 Procedure. The surgeon is `performer.actor` (by NPI) acting
 * `onBehalfOf` the department (by cost-centre code); with no surgeon, the department is the actor.
 * Each item used is one `usedCode`: codings for the item code and GTIN, extensions for quantity,
 * serial and lot; it reads back unchanged.
 */
export function procedureToFhir(procedure: ProcedureDto): Procedure {
  const performer: ProcedurePerformer | undefined = procedure.performerNpi
    ? {
        actor: practitionerReference(procedure.performerNpi, 'ProcedureDto.performerNpi'),
        ...(procedure.departmentCode ? { onBehalfOf: departmentReference(procedure.departmentCode) } : {}),
      }
    : procedure.departmentCode
      ? { actor: departmentReference(procedure.departmentCode) }
      : undefined;
  return {
    resourceType: 'Procedure',
    ...when('id', procedure.id),
    status: procedure.status,
    ...(procedure.codes.length ? { code: { coding: procedure.codes.map(codingToFhir) } } : {}),
    subject: patientReferenceToFhir(procedure.patient, 'ProcedureDto.patient'),
    ...(procedure.encounterId ? { encounter: literalReference('Encounter', procedure.encounterId) } : {}),
    ...when('performedDateTime', procedure.performedAt),
    ...(performer ? { performer: [performer] } : {}),
    ...when(
      'usedCode',
      procedure.itemsUsed.map((item, index) => itemToFhir(item, index)),
    ),
  };
}

function orderedCodes(code: CodeableConcept | undefined) {
  const codes = systemCodings(code);
  const rank = (system: string) => {
    const index = BILLING_SYSTEMS.indexOf(system);
    return index === -1 ? BILLING_SYSTEMS.length : index;
  };
  return codes
    .map((coding, index) => ({ coding, index }))
    .sort((a, b) => rank(a.coding.system) - rank(b.coding.system) || a.index - b.index)
    .map((entry) => entry.coding);
}

/** onBehalfOf, or a department as the actor, or the department that runs the procedure's Location. */
function departmentOf(procedure: Procedure, resolver: ReferenceResolver): string | undefined {
  for (const performer of procedure.performer ?? []) {
    const department = departmentFromReference(performer.onBehalfOf, resolver) ?? departmentFromReference(performer.actor, resolver);
    if (department) return department;
  }
  const location = resolver.resolve<Location>(procedure.location, 'Location');
  return location ? departmentFromReference(location.managingOrganization, resolver) : undefined;
}

function itemsUsedOf(procedure: Procedure, resolver: ReferenceResolver): ItemUsedDto[] {
  const fromCodes = (procedure.usedCode ?? []).map((concept, index) => itemFromUsedCode(concept, `Procedure.usedCode[${index}]`));
  const devices: { reference: Reference; path: string }[] = [
    ...(procedure.focalDevice ?? []).map((focal, index) => ({
      reference: focal.manipulated,
      path: `Procedure.focalDevice[${index}].manipulated`,
    })),
    ...(procedure.usedReference ?? [])
      .map((reference, index) => ({ reference, path: `Procedure.usedReference[${index}]` }))
      .filter(({ reference }) => referenceType(reference) === 'Device'),
  ];
  const seen = new Set<string>();
  const fromDevices: ItemUsedDto[] = [];
  for (const { reference, path } of devices) {
    if (!reference.reference) throw missing(`${path}.reference`, 'a device used must be a literal reference to a Device');
    if (seen.has(reference.reference)) continue;
    seen.add(reference.reference);
    fromDevices.push(itemFromDevice(requireResolved<Device>(resolver, reference, 'Device', path), path));
  }
  return [...fromCodes, ...fromDevices];
}

function itemFromUsedCode(concept: CodeableConcept, path: string): ItemUsedDto {
  const own = codingIn(concept, ConcordFhirSystem.SUPPLY_ITEM);
  const gtin = codingIn(concept, CodeSystem.GTIN)?.code;
  const first = concept.coding?.find((coding) => coding.code);
  const itemCode = own?.code ?? gtin ?? first?.code;
  if (!itemCode) throw missing(`${path}.coding`, 'an item used needs a coded item');
  const quantity = extensionOf(concept.extension, ConcordExtension.ITEM_QUANTITY);
  return {
    itemCode,
    ...when('description', own?.display ?? concept.text ?? first?.display),
    quantity: quantity ? quantityOf(quantity, `${path}.extension(item-used-quantity)`) : 1,
    ...when('gtin', gtin),
    ...when('serialNumber', extensionOf(concept.extension, ConcordExtension.ITEM_SERIAL_NUMBER)?.valueString),
    ...when('lotNumber', extensionOf(concept.extension, ConcordExtension.ITEM_LOT_NUMBER)?.valueString),
  };
}

function quantityOf(extension: Extension, path: string): number {
  const value = extension.valueDecimal ?? extension.valueInteger ?? extension.valueQuantity?.value;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw invalid(path, 'must be a positive number');
  return value;
}

/** A Device used once: item code from its type or identifier in the supply-item system, else its UDI device identifier. */
function itemFromDevice(device: Device, path: string): ItemUsedDto {
  const gtin = device.udiCarrier?.find((udi) => udi.deviceIdentifier)?.deviceIdentifier;
  const itemCode =
    codingIn(device.type, ConcordFhirSystem.SUPPLY_ITEM)?.code ??
    identifierValue(device.identifier, ConcordFhirSystem.SUPPLY_ITEM) ??
    gtin ??
    device.type?.coding?.find((coding) => coding.code)?.code;
  if (!itemCode) throw missing(`${path} (Device)`, 'the device has no item code, UDI device identifier or coded type');
  return {
    itemCode,
    ...when('description', device.deviceName?.[0]?.name ?? device.type?.text ?? device.type?.coding?.[0]?.display),
    quantity: 1,
    ...when('gtin', gtin),
    ...when('serialNumber', device.serialNumber),
    ...when('lotNumber', device.lotNumber),
  };
}

function itemToFhir(item: ItemUsedDto, index: number): CodeableConcept {
  if (!Number.isFinite(item.quantity) || item.quantity <= 0)
    throw invalid(`ProcedureDto.itemsUsed[${index}].quantity`, 'must be a positive number');
  const extension: Extension[] = [
    { url: ConcordExtension.ITEM_QUANTITY, valueDecimal: item.quantity },
    ...(item.serialNumber ? [{ url: ConcordExtension.ITEM_SERIAL_NUMBER, valueString: item.serialNumber }] : []),
    ...(item.lotNumber ? [{ url: ConcordExtension.ITEM_LOT_NUMBER, valueString: item.lotNumber }] : []),
  ];
  return {
    extension,
    coding: [
      { system: ConcordFhirSystem.SUPPLY_ITEM, code: item.itemCode, ...when('display', item.description) },
      ...(item.gtin ? [{ system: CodeSystem.GTIN, code: item.gtin }] : []),
    ],
  };
}
