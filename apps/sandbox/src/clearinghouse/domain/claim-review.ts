import type { ClaimAcknowledgementOutcome, ClaimDto, ClaimStatusCodeDto } from '@concord/contracts';

/**
 * The front-end edits the sandbox clearinghouse applies to each claim before a payer sees it, as a
 * 277CA answers them (STC category and status codes, X12 code source 507/508):
 * - a payer it does not route to → A3:116 (returned as unprocessable: submitted to the incorrect payer);
 * - no subscriber member id (NM109 of loop 2010BA) → A7:21 (rejected for invalid information:
 *   missing or invalid information); this is Bayview Medicaid's scenario-3 rejection;
 * - a replacement or void whose REF*F8 names no claim the payer adjudicated → A7:21;
 * - other implementation-guide errors in the transaction set → A7:21;
 * - otherwise A2:20 (accepted for processing).
 */
export interface ReviewContext {
  payerKnown: boolean;
  /** Whether the payer adjudicated a claim with this claim control number. */
  originalKnown: (payerClaimNumber: string) => boolean;
  /** The transaction set has implementation-guide errors other than a missing member id. */
  structuralErrors: boolean;
}

export interface ClaimReview {
  outcome: Exclude<ClaimAcknowledgementOutcome, 'pending'>;
  statuses: ClaimStatusCodeDto[];
  /** Why, for the clearinghouse's own log (never patient data). */
  reason: string;
}

const status = (categoryCode: string, statusCode: string, entityCode?: string): ClaimStatusCodeDto => ({
  categoryCode,
  statusCode,
  ...(entityCode ? { entityCode } : {}),
});

export function reviewClaim(claim: ClaimDto, context: ReviewContext): ClaimReview {
  if (!context.payerKnown)
    return { outcome: 'rejected', statuses: [status('A3', '116')], reason: `payer ${claim.payer.payerId} is not routed` };
  if (!claim.subscriber.memberId) return { outcome: 'rejected', statuses: [status('A7', '21')], reason: 'subscriber member id missing' };
  if (claim.frequencyCode !== '1' && !(claim.originalPayerClaimNumber && context.originalKnown(claim.originalPayerClaimNumber)))
    return { outcome: 'rejected', statuses: [status('A7', '21')], reason: 'original claim number unknown to the payer' };
  if (context.structuralErrors) return { outcome: 'rejected', statuses: [status('A7', '21')], reason: 'implementation guide errors' };
  return { outcome: 'accepted', statuses: [status('A2', '20')], reason: 'accepted for processing' };
}
