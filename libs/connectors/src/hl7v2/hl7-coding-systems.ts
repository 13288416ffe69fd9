import { CodeSystem, IdentifierSystem } from '@concord/contracts';

/** Code systems HL7 v2 messages name that the canonical model has no constant for. */
export const Hl7ExtraCodeSystem = {
  ICD9_CM: 'http://hl7.org/fhir/sid/icd-9-cm',
  SNOMED_CT: 'http://snomed.info/sct',
  LOINC: 'http://loinc.org',
  /** Prefix for a coding system an HL7 message names that Concord does not know: the name follows. */
  UNKNOWN_PREFIX: 'urn:concord:hl7v2:coding-system:',
  /** Items (supplies, implants) as the EHR codes them in ZIU-2. */
  EHR_ITEM: 'urn:concord:health:ehr-item',
} as const;

/** HL7 table 0396 names (and common variants) → code-system URI. */
const CODING_SYSTEMS: Readonly<Record<string, string>> = {
  C4: CodeSystem.CPT,
  CPT: CodeSystem.CPT,
  CPT4: CodeSystem.CPT,
  'CPT-4': CodeSystem.CPT,
  HCPCS: CodeSystem.HCPCS,
  HCPC: CodeSystem.HCPCS,
  HPC: CodeSystem.HCPCS,
  I10: CodeSystem.ICD10_CM,
  I10C: CodeSystem.ICD10_CM,
  ICD10: CodeSystem.ICD10_CM,
  ICD10CM: CodeSystem.ICD10_CM,
  'ICD-10-CM': CodeSystem.ICD10_CM,
  I10P: CodeSystem.ICD10_PCS,
  ICD10PCS: CodeSystem.ICD10_PCS,
  'ICD-10-PCS': CodeSystem.ICD10_PCS,
  I9: Hl7ExtraCodeSystem.ICD9_CM,
  I9C: Hl7ExtraCodeSystem.ICD9_CM,
  I9CP: Hl7ExtraCodeSystem.ICD9_CM,
  ICD9: Hl7ExtraCodeSystem.ICD9_CM,
  ICD9CM: Hl7ExtraCodeSystem.ICD9_CM,
  SCT: Hl7ExtraCodeSystem.SNOMED_CT,
  SNM: Hl7ExtraCodeSystem.SNOMED_CT,
  SNOMED: Hl7ExtraCodeSystem.SNOMED_CT,
  SNOMEDCT: Hl7ExtraCodeSystem.SNOMED_CT,
  LN: Hl7ExtraCodeSystem.LOINC,
  LOINC: Hl7ExtraCodeSystem.LOINC,
  MSDRG: CodeSystem.MS_DRG,
  'MS-DRG': CodeSystem.MS_DRG,
  NUBC: CodeSystem.NUBC_REVENUE,
  CDM: CodeSystem.CHARGEMASTER,
};

/** The HL7 name Concord writes for each URI (the inverse, for message builders). */
const HL7_NAMES: Readonly<Record<string, string>> = {
  [CodeSystem.CPT]: 'C4',
  [CodeSystem.HCPCS]: 'HCPCS',
  [CodeSystem.ICD10_CM]: 'I10',
  [CodeSystem.ICD10_PCS]: 'I10P',
  [Hl7ExtraCodeSystem.ICD9_CM]: 'I9C',
  [Hl7ExtraCodeSystem.SNOMED_CT]: 'SCT',
  [Hl7ExtraCodeSystem.LOINC]: 'LN',
  [CodeSystem.MS_DRG]: 'MSDRG',
  [CodeSystem.CHARGEMASTER]: 'CDM',
};

/**
 * URI for an HL7 coding-system name. Without a name, CPT (5 digits, or 4 digits and F/T) and HCPCS level II
 * (a letter and 4 digits) are recognised by their shape; anything else keeps its HL7 name under a Concord prefix.
 */
export function codingSystemUri(hl7Name: string | undefined, code?: string): string {
  const name = hl7Name?.trim().toUpperCase();
  if (name) return CODING_SYSTEMS[name] ?? Hl7ExtraCodeSystem.UNKNOWN_PREFIX + name;
  if (code && /^\d{4}[\dFT]$/.test(code)) return CodeSystem.CPT;
  if (code && /^[A-V]\d{4}$/.test(code)) return CodeSystem.HCPCS;
  return Hl7ExtraCodeSystem.UNKNOWN_PREFIX + 'unspecified';
}

/** The HL7 coding-system name for a URI (undefined for an unknown URI). */
export function hl7CodingSystemName(uri: string): string | undefined {
  if (uri.startsWith(Hl7ExtraCodeSystem.UNKNOWN_PREFIX)) {
    const name = uri.slice(Hl7ExtraCodeSystem.UNKNOWN_PREFIX.length);
    return name === 'unspecified' ? undefined : name;
  }
  return HL7_NAMES[uri];
}

/** HL7 table 0203 identifier types that have a canonical identifier system. */
const IDENTIFIER_SYSTEMS: Readonly<Record<string, string>> = {
  MR: IdentifierSystem.MRN,
  // Not in table 0203, but common in the field (e.g. AccMgr feeds): read as MR.
  MRN: IdentifierSystem.MRN,
  SS: IdentifierSystem.US_SSN,
  MC: IdentifierSystem.MEDICARE_MBI,
  NPI: IdentifierSystem.NPI,
};

/** Prefix for identifiers without a canonical system: the assigning authority (or the type) follows. */
export const HL7_LOCAL_IDENTIFIER_PREFIX = 'urn:concord:hl7v2:identifier:';

/**
 * Identifier system for a CX: by type (MR → the enterprise MRN namespace, SS, MC, NPI), else the assigning
 * authority, else the type, under a Concord prefix. The demo hospital has one MRN namespace for all facilities.
 */
export function identifierSystemUri(type: string | undefined, assigningAuthority: string | undefined): string {
  const known = type ? IDENTIFIER_SYSTEMS[type.toUpperCase()] : undefined;
  if (known) return known;
  return HL7_LOCAL_IDENTIFIER_PREFIX + (assigningAuthority || type || 'unspecified');
}
