import { createHash } from 'node:crypto';

/** Length of the ERP's sender-reference fields (XBLNR is 16 characters). */
export const SENDER_REFERENCE_LENGTH = 16;

/**
 * The sender's reference an idempotency key becomes in the ERP: 16 upper-case hex characters of its
 * SHA-256 (64 bits). The ERP refuses a second document with the same reference (409), which is how
 * a retried posting is recognised and read back instead of posted twice; keys of any length fit.
 */
export function senderReference(idempotencyKey: string): string {
  return createHash('sha256').update(idempotencyKey, 'utf8').digest('hex').slice(0, SENDER_REFERENCE_LENGTH).toUpperCase();
}
