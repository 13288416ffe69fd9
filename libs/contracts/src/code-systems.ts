/**
 * Code-system and identifier-system URIs used by the canonical model.
 * Standard systems use their published URIs; Concord-local ones live under the demo namespace.
 */
export const IdentifierSystem = {
  /** Concord General and Riverside share one enterprise MRN namespace in the demo hospital. */
  MRN: 'urn:concord:health:mrn',
  /** CMS Medicare Beneficiary Identifier. */
  MEDICARE_MBI: 'http://hl7.org/fhir/sid/us-mbi',
  US_SSN: 'http://hl7.org/fhir/sid/us-ssn',
  NPI: 'http://hl7.org/fhir/sid/us-npi',
} as const;

export const CodeSystem = {
  /** HL7 v2 table 0203, identifier type (MR, MB, SS ...). */
  V2_IDENTIFIER_TYPE: 'http://terminology.hl7.org/CodeSystem/v2-0203',
  ICD10_CM: 'http://hl7.org/fhir/sid/icd-10-cm',
  ICD10_PCS: 'http://www.cms.gov/Medicare/Coding/ICD10',
  CPT: 'http://www.ama-assn.org/go/cpt',
  HCPCS: 'urn:oid:2.16.840.1.113883.6.285',
  NUBC_REVENUE: 'https://www.nubc.org/CodeSystem/RevenueCodes',
  /** X12 Claim Adjustment Reason Codes. */
  CARC: 'https://x12.org/codes/claim-adjustment-reason-codes',
  /** X12 Remittance Advice Remark Codes. */
  RARC: 'https://x12.org/codes/remittance-advice-remark-codes',
  /** MS-DRG. */
  MS_DRG: 'https://www.cms.gov/Medicare/Medicare-Fee-for-Service-Payment/AcuteInpatientPPS/MS-DRG',
  UNSPSC: 'http://www.unspsc.org',
  GTIN: 'https://www.gs1.org/gtin',
  /** Concord's chargemaster codes (RB-SEMI, IMP-KNEE ...). */
  CHARGEMASTER: 'urn:concord:health:chargemaster',
} as const;
