import type { ClaimDto, ClaimPaymentDto, RemittanceDto } from '@concord/contracts';
import type { X12TransactionKind } from './x12-guides';
import { Claim837Reader, type Claim837Content } from './loops/837.reader';
import { RemittanceReader, type RemittanceContent } from './loops/835.reader';
import { FunctionalAckReader, type FunctionalAckContent } from './loops/999.reader';
import { ClaimAckReader, type ClaimAckContent } from './loops/277ca.reader';
import { EligibilityReader, type EligibilityRequestContent, type EligibilityResponseContent } from './loops/eligibility.reader';
import type { IssueSink, TransactionReader } from './loops/transaction-reader';

/** What a transaction set holds once read, by kind. */
export type X12TransactionContent =
  Claim837Content | RemittanceContent | FunctionalAckContent | ClaimAckContent | EligibilityRequestContent | EligibilityResponseContent;

/** Streaming hooks: when given, claims and claim payments go here instead of into the content. */
export interface TransactionContentHooks {
  onClaim?: (claim: ClaimDto) => void;
  onClaimPayment?: (claimPayment: ClaimPaymentDto) => void;
  onRemittanceHeader?: (remittance: RemittanceDto) => void;
}

/** The loop reader for a kind of transaction set. */
export function createTransactionReader(
  kind: X12TransactionKind,
  sink: IssueSink,
  hooks?: TransactionContentHooks,
): TransactionReader<X12TransactionContent> {
  switch (kind) {
    case '837P':
    case '837I':
      return new Claim837Reader(kind, sink, hooks?.onClaim);
    case '835':
      return new RemittanceReader(sink, hooks?.onClaimPayment, hooks?.onRemittanceHeader);
    case '999':
      return new FunctionalAckReader(sink);
    case '277CA':
      return new ClaimAckReader(sink);
    case '270':
    case '271':
      return new EligibilityReader(kind, sink);
  }
}
