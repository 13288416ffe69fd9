import type { ClaimDto, ClaimPaymentDto } from '@concord/contracts';
import type { X12TransactionKind } from './x12-guides';
import { Claim837Reader, type Claim837Content } from './loops/837.reader';
import type { IssueSink, TransactionReader } from './loops/transaction-reader';

/** What a transaction set holds once read, by kind. */
export type X12TransactionContent = Claim837Content;

/** Streaming hooks: when given, claims and claim payments go here instead of into the content. */
export interface TransactionContentHooks {
  onClaim?: (claim: ClaimDto) => void;
  onClaimPayment?: (claimPayment: ClaimPaymentDto) => void;
}

/** The loop reader for a kind of transaction set. */
export function createTransactionReader(kind: X12TransactionKind, sink: IssueSink, hooks?: TransactionContentHooks): TransactionReader<X12TransactionContent> | undefined {
  switch (kind) {
    case '837P':
    case '837I':
      return new Claim837Reader(kind, sink, hooks?.onClaim);
    case '835':
    case '999':
    case '277CA':
    case '270':
    case '271':
      return undefined;
  }
}
