import { buildAck, buildErrorAck, buildNak, type Hl7AckOptions } from './ack-builder';
import type { Hl7ClinicalChange } from './clinical-change';
import { mapHl7ToClinicalChange } from './clinical-change-mapping';
import { Hl7ErrorCode } from './hl7-error-codes';
import { peekHl7Header } from './hl7-header-peek';
import { Hl7MappingError } from './hl7-mapping.error';
import type { Hl7Message } from './hl7-message';
import { Hl7ParseError } from './hl7-parse.error';
import { parseHl7 } from './hl7-parser';

/**
 * mapped: AA (warnings as ERR severity W); unsupported: AR with ERR 200; mapping-error: AE with the field named;
 * rejected: the message did not parse, AR; failed: an unexpected error while mapping, AR with ERR 207.
 */
export type Hl7InboundOutcome = 'mapped' | 'unsupported' | 'mapping-error' | 'rejected' | 'failed';

export interface Hl7InboundResult {
  outcome: Hl7InboundOutcome;
  /** MSH-10 as far as it can be read ('' when it cannot): the key for de-duplicating retransmissions. */
  controlId: string;
  message?: Hl7Message;
  /** Present for `mapped` and `unsupported`. */
  change?: Hl7ClinicalChange;
  error?: unknown;
  /** The ACK to send once the message (and this result) is stored. */
  ack: string;
}

/**
 * Reads one inbound frame: parse, map, and the ACK it deserves. Pure and total: it never throws, so an MLLP
 * handler can store the result and then answer with `ack`.
 */
export function readInboundHl7(frame: Buffer | string, options: Omit<Hl7AckOptions, 'code' | 'errors'> = {}): Hl7InboundResult {
  let message: Hl7Message;
  try {
    message = parseHl7(frame);
  } catch (error) {
    const controlId = peekHl7Header(frame)?.controlId ?? '';
    return { outcome: 'rejected', controlId, error, ack: buildNak(frame, error, options) };
  }
  const controlId = message.controlId;
  try {
    const change = mapHl7ToClinicalChange(message);
    if (change.kind === 'unsupported') {
      const errors = [
        { code: Hl7ErrorCode.UNSUPPORTED_MESSAGE_TYPE, text: `message type ${change.messageType} is not accepted on this interface` },
      ];
      return { outcome: 'unsupported', controlId, message, change, ack: buildAck(message, { ...options, code: 'AR', errors }) };
    }
    const warnings = change.warnings.map((w) => ({ ...w, severity: 'W' as const }));
    return { outcome: 'mapped', controlId, message, change, ack: buildAck(message, { ...options, code: 'AA', errors: warnings }) };
  } catch (error) {
    const outcome = error instanceof Hl7MappingError ? 'mapping-error' : error instanceof Hl7ParseError ? 'rejected' : 'failed';
    return { outcome, controlId, message, error, ack: buildErrorAck(message, error, options) };
  }
}
