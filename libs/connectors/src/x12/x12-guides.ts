/** What a transaction set is read and written as. */
export type X12TransactionKind = '837P' | '837I' | '835' | '999' | '277CA' | '270' | '271';

/** An implementation guide (TR3) Concord reads and writes. */
export interface X12Guide {
  /** GS08 / ST03 value, e.g. 005010X222A1. */
  readonly version: string;
  /** The release Concord implements, when `version` is an earlier one read for compatibility. */
  readonly currentVersion: string;
  readonly transactionSetIds: readonly string[];
}

/** The 5010 guides Concord implements, by GS08 version. */
export const X12_GUIDE_VERSIONS = {
  professionalClaim: '005010X222A1',
  institutionalClaim: '005010X223A2',
  remittance: '005010X221A1',
  functionalAcknowledgement: '005010X231A1',
  claimAcknowledgement: '005010X214',
  eligibility: '005010X279A1',
} as const;

const CURRENT: readonly Omit<X12Guide, 'currentVersion'>[] = [
  { version: X12_GUIDE_VERSIONS.professionalClaim, transactionSetIds: ['837'] },
  { version: X12_GUIDE_VERSIONS.institutionalClaim, transactionSetIds: ['837'] },
  { version: X12_GUIDE_VERSIONS.remittance, transactionSetIds: ['835'] },
  { version: X12_GUIDE_VERSIONS.functionalAcknowledgement, transactionSetIds: ['999'] },
  { version: X12_GUIDE_VERSIONS.claimAcknowledgement, transactionSetIds: ['277'] },
  { version: X12_GUIDE_VERSIONS.eligibility, transactionSetIds: ['270', '271'] },
];

/**
 * Earlier releases of the same guides, read as their current release with a warning: the errata
 * (A1, A2) changed situational rules, not the loop structure Concord reads.
 */
const EARLIER: Readonly<Record<string, string>> = {
  '005010X222': X12_GUIDE_VERSIONS.professionalClaim,
  '005010X223': X12_GUIDE_VERSIONS.institutionalClaim,
  '005010X223A1': X12_GUIDE_VERSIONS.institutionalClaim,
  '005010X221': X12_GUIDE_VERSIONS.remittance,
  '005010X231': X12_GUIDE_VERSIONS.functionalAcknowledgement,
  '005010X279': X12_GUIDE_VERSIONS.eligibility,
};

/** The guide for a GS08/ST03 version, or undefined when Concord does not implement it. */
export function guideFor(version: string): X12Guide | undefined {
  const current = EARLIER[version] ?? version;
  const guide = CURRENT.find((g) => g.version === current);
  return guide ? { ...guide, version, currentVersion: guide.version } : undefined;
}

/** Functional identifier code (GS01) each transaction set travels under. */
export const FUNCTIONAL_ID_BY_TRANSACTION_SET: Readonly<Record<string, string>> = {
  '837': 'HC',
  '835': 'HP',
  '999': 'FA',
  '997': 'FA',
  '277': 'HN',
  '276': 'HR',
  '270': 'HS',
  '271': 'HB',
  '278': 'HI',
  '834': 'BE',
  '820': 'RA',
};

/** Which reader a transaction set goes to, from its ST01 and guide version. */
export function transactionKindOf(transactionSetId: string, guide: X12Guide): X12TransactionKind | undefined {
  if (!guide.transactionSetIds.includes(transactionSetId)) return undefined;
  switch (guide.currentVersion) {
    case X12_GUIDE_VERSIONS.professionalClaim:
      return '837P';
    case X12_GUIDE_VERSIONS.institutionalClaim:
      return '837I';
    case X12_GUIDE_VERSIONS.remittance:
      return '835';
    case X12_GUIDE_VERSIONS.functionalAcknowledgement:
      return '999';
    case X12_GUIDE_VERSIONS.claimAcknowledgement:
      return '277CA';
    case X12_GUIDE_VERSIONS.eligibility:
      return transactionSetId === '270' ? '270' : '271';
    default:
      return undefined;
  }
}
