/** ASC X12 5010 engine: tokenizer, envelope, loop readers and writers, SNIP 1–4 validation, TA1/999 acknowledgements. */
export * from './x12-error';
export * from './x12-issue';
export * from './x12-segment';
export * from './x12-tokenizer';
export * from './x12-envelope';
export * from './x12-guides';
export * from './x12-values';
export * from './x12-segment-writer';
export * from './x12-envelope-writer';
export * from './x12-reader';
export * from './x12-transaction-readers';
export * from './x12-acknowledger';
export * from './snip-validator';
export * from './ack-999.model';
export * from './ack-999.builder';
export {
  Claim837Reader,
  ICD9_CM_SYSTEM,
  X12_PRODUCT_SERVICE_SYSTEM,
  procedureCoding,
  type Claim837Content,
  type Claim837Kind,
} from './loops/837.reader';
export { write837Professional, write837ProfessionalBody, type Claim837WriteOptions } from './loops/837-professional.writer';
export { write837Institutional, write837InstitutionalBody } from './loops/837-institutional.writer';
export type { Claim837Header } from './loops/837-common.writer';
export { RemittanceReader, CDT_SYSTEM, NDC_SYSTEM, type RemittanceContent } from './loops/835.reader';
export { write835, write835Body, writeAdjustments, type RemittanceWriteDetails, type RemittanceWriteOptions } from './loops/835.writer';
export { FunctionalAckReader, type FunctionalAckContent } from './loops/999.reader';
export { write999Body, writeTa1, writeAcknowledgementInterchange } from './loops/999.writer';
export { ClaimAckReader, claimAcknowledgementOutcome, type ClaimAckContent } from './loops/277ca.reader';
export { write277ca, write277caBody, type ClaimAckWriteDetails, type ClaimAckWriteOptions } from './loops/277ca.writer';
export { EligibilityReader, type EligibilityRequestContent, type EligibilityResponseContent } from './loops/eligibility.reader';
export { write270, write270Body, write271, write271Body, type EligibilityWriteOptions } from './loops/eligibility.writer';
export type { IssueSink, TransactionReader } from './loops/transaction-reader';
