import type { Coverage, Organization } from '@medplum/fhirtypes';
import type { CoverageDto, SubscriberRelationship } from '@concord/contracts';
import { ehrSource, patientReferenceFromFhir, patientReferenceToFhir, requiredId } from './clinical-references';
import { codeIn, lookup, when } from './fhir-coding';
import { invalid, missing, unsupportedRecord } from './fhir-mapping.exception';
import { identifierReference, identifierValue, NO_RESOURCES, type ReferenceResolver, referenceType } from './fhir-reference';
import { ConcordFhirSystem, FhirTerminology } from './fhir-systems';

/** subscriber-relationship codes the canonical model folds together. */
const RELATIONSHIP_FROM_FHIR: Record<string, SubscriberRelationship> = {
  self: 'self',
  spouse: 'spouse',
  common: 'spouse',
  child: 'child',
  parent: 'other',
  injured: 'other',
  other: 'other',
};

export interface CoverageMappingOptions {
  /** Identifier system of payer ids at the clearinghouse (default Concord's). */
  payerIdSystem?: string;
}

/**
 * FHIR R4 Coverage → canonical coverage. The payer id is the clearinghouse payer id on the first
 * `payor` reference (as an identifier) or on the Organization it resolves to; an insurer known only
 * by another identifier cannot be billed and is refused. Self-pay (payor is the patient) is not
 * insurance and is refused too. The member id is `subscriberId`; order defaults to 1 (primary).
 */
export function coverageFromFhir(
  coverage: Coverage,
  resolver: ReferenceResolver = NO_RESOURCES,
  options: CoverageMappingOptions = {},
): CoverageDto {
  const id = requiredId(coverage);
  const payerIdSystem = options.payerIdSystem ?? ConcordFhirSystem.PAYER_ID;
  if (coverage.status !== 'active') throw unsupportedRecord('Coverage.status', `a ${String(coverage.status)} coverage cannot be billed`);
  const payor = coverage.payor?.[0];
  if (!payor) throw missing('Coverage.payor');
  const payorType = referenceType(payor);
  if (payorType === 'Patient' || payorType === 'RelatedPerson')
    throw unsupportedRecord('Coverage.payor[0]', `self-pay (payor is a ${payorType}) is not insurance coverage`);
  const organization = resolver.resolve<Organization>(payor, 'Organization');
  const payerId = identifierValue(payor.identifier, payerIdSystem) ?? identifierValue(organization?.identifier, payerIdSystem);
  if (!payerId) throw missing('Coverage.payor[0]', `names no payer id in ${payerIdSystem} (on the reference or its Organization)`);
  const order = coverage.order ?? 1;
  if (!Number.isInteger(order) || order < 1) throw invalid('Coverage.order', 'must be a whole number from 1');
  const memberId = coverage.subscriberId ?? memberIdentifier(coverage);
  const group = coverage.class?.find((c) => codeIn(c.type, FhirTerminology.COVERAGE_CLASS) === 'group')?.value;
  return {
    id,
    patient: patientReferenceFromFhir(coverage.beneficiary, resolver, 'Coverage.beneficiary'),
    payerId,
    ...when('payerName', payor.display ?? organization?.name),
    ...when('memberId', memberId),
    ...when('groupNumber', group),
    relationship: relationshipOf(coverage),
    order,
    ...(coverage.period?.start || coverage.period?.end
      ? { period: { ...when('start', coverage.period.start), ...when('end', coverage.period.end) } }
      : {}),
    source: ehrSource(coverage),
  };
}

/** Canonical coverage → FHIR R4 Coverage; the payer is a logical reference by payer id. A coverage without member id is written without subscriberId. */
export function coverageToFhir(coverage: CoverageDto, options: CoverageMappingOptions = {}): Coverage {
  if (!coverage.payerId) throw missing('CoverageDto.payerId');
  if (!Number.isInteger(coverage.order) || coverage.order < 1) throw invalid('CoverageDto.order', 'must be a whole number from 1');
  return {
    resourceType: 'Coverage',
    ...when('id', coverage.id),
    status: 'active',
    ...when('subscriberId', coverage.memberId),
    beneficiary: patientReferenceToFhir(coverage.patient, 'CoverageDto.patient'),
    relationship: { coding: [{ system: FhirTerminology.SUBSCRIBER_RELATIONSHIP, code: coverage.relationship }] },
    ...(coverage.period ? { period: { ...when('start', coverage.period.start), ...when('end', coverage.period.end) } } : {}),
    payor: [identifierReference('Organization', options.payerIdSystem ?? ConcordFhirSystem.PAYER_ID, coverage.payerId, coverage.payerName)],
    ...(coverage.groupNumber
      ? { class: [{ type: { coding: [{ system: FhirTerminology.COVERAGE_CLASS, code: 'group' }] }, value: coverage.groupNumber }] }
      : {}),
    order: coverage.order,
  };
}

/** A Coverage.identifier typed MB (member number), when the EHR puts the member id there instead. */
function memberIdentifier(coverage: Coverage): string | undefined {
  return coverage.identifier?.find((identifier) => identifier.type?.coding?.some((coding) => coding.code === 'MB'))?.value;
}

/** The coded relationship; when absent, self if the subscriber is the beneficiary (or not named). */
function relationshipOf(coverage: Coverage): SubscriberRelationship {
  const code = codeIn(coverage.relationship, FhirTerminology.SUBSCRIBER_RELATIONSHIP, undefined);
  if (code) {
    const mapped = lookup(RELATIONSHIP_FROM_FHIR, code);
    if (!mapped) throw invalid('Coverage.relationship', `code ${code} is not a subscriber relationship`);
    return mapped;
  }
  if (!coverage.subscriber || coverage.subscriber.reference === coverage.beneficiary.reference) return 'self';
  throw missing('Coverage.relationship', 'the subscriber is not the beneficiary, so the relationship must be given');
}
