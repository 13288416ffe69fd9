/**
 * URIs of the FHIR representation Concord reads and writes (see README.md beside this file for
 * why each element was chosen). Standard terminology first, then Concord's own namespaces.
 */
export const FhirTerminology = {
  V3_ACT_CODE: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  /** HL7 v2 table 0004, patient class (I, O, E ...). */
  V2_PATIENT_CLASS: 'http://terminology.hl7.org/CodeSystem/v2-0004',
  V3_PARTICIPATION_TYPE: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
  DIAGNOSIS_ROLE: 'http://terminology.hl7.org/CodeSystem/diagnosis-role',
  CONDITION_CATEGORY: 'http://terminology.hl7.org/CodeSystem/condition-category',
  CONDITION_CLINICAL: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  CONDITION_VERIFICATION: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
  ORGANIZATION_TYPE: 'http://terminology.hl7.org/CodeSystem/organization-type',
  SUBSCRIBER_RELATIONSHIP: 'http://terminology.hl7.org/CodeSystem/subscriber-relationship',
  COVERAGE_CLASS: 'http://terminology.hl7.org/CodeSystem/coverage-class',
  /** UB-04 FL 15, point of origin for admission (HL7 PV1-14 in US practice). */
  NUBC_POINT_OF_ORIGIN: 'https://www.nubc.org/CodeSystem/PointOfOrigin',
  /** UB-04 FL 17, patient discharge status (HL7 PV1-36). */
  NUBC_DISCHARGE_STATUS: 'https://www.nubc.org/CodeSystem/PatDischargeStatus',
  /** NUCC health care provider taxonomy. */
  NUCC_TAXONOMY: 'http://nucc.org/provider-taxonomy',
  SNOMED_CT: 'http://snomed.info/sct',
  /** IRS Employer Identification Number (tax id), as US Core names it. */
  US_EIN: 'urn:oid:2.16.840.1.113883.4.4',
} as const;

/** Concord's own identifier and code systems in the FHIR it writes. */
export const ConcordFhirSystem = {
  /** Department = cost centre code (6100 ...): on department Organizations, and in references to them. */
  COST_CENTRE: 'urn:concord:health:cost-centre',
  /** Visit (account) number, PV1-19. */
  VISIT_NUMBER: 'urn:concord:health:visit-number',
  /** Payer id at the clearinghouse (MCRA1 ...), on payer Organizations and Coverage.payor references. */
  PAYER_ID: 'urn:concord:health:payer-id',
  /** Clinical supply item code (KNEE-TOT-CR ...). */
  SUPPLY_ITEM: 'urn:concord:health:supply-item',
  /** HL7 v2 point of care / room / bed (PV1-3) of a Location. */
  POINT_OF_CARE: 'urn:concord:health:point-of-care',
  /** Canonical diagnosis role, written beside the standard diagnosis-role coding so the role round-trips. */
  DIAGNOSIS_ROLE: 'urn:concord:health:diagnosis-role',
} as const;

const EXTENSION_BASE = 'https://fhir.concord.health/StructureDefinition';

/** Concord extensions, for what R4 has no element for. */
export const ConcordExtension = {
  /** On Procedure.usedCode[i]: quantity used (valueDecimal). */
  ITEM_QUANTITY: `${EXTENSION_BASE}/item-used-quantity`,
  /** On Procedure.usedCode[i]: implant serial number (valueString). */
  ITEM_SERIAL_NUMBER: `${EXTENSION_BASE}/item-used-serial-number`,
  /** On Procedure.usedCode[i]: lot number (valueString). */
  ITEM_LOT_NUMBER: `${EXTENSION_BASE}/item-used-lot-number`,
  /** On Encounter.diagnosis[i]: present-on-admission indicator Y, N, U, W or 1 (valueCode). */
  PRESENT_ON_ADMISSION: `${EXTENSION_BASE}/present-on-admission`,
  /** On ChargeItem: chargemaster price per unit (valueMoney). */
  CHARGE_UNIT_PRICE: `${EXTENSION_BASE}/charge-unit-price`,
  /** On ChargeItem: a CPT/HCPCS modifier, repeated in order (valueCode). */
  CHARGE_MODIFIER: `${EXTENSION_BASE}/charge-modifier`,
  /** On Location: the facility (Organization) it belongs to (valueReference). */
  LOCATION_FACILITY: `${EXTENSION_BASE}/location-facility`,
} as const;
