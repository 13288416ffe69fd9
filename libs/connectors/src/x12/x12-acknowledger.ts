import { buildAcknowledgements, type AcknowledgementOptions, type X12Acknowledgements } from './ack-999.builder';
import type { X12InterchangeHeader } from './x12-envelope';
import type { X12EnvelopeOptions } from './x12-envelope-writer';
import { X12Error, X12ErrorCode } from './x12-error';
import { readX12, type X12ReadResult } from './x12-reader';
import { writeAcknowledgementInterchange } from './loops/999.writer';

export interface AcknowledgeX12Options extends AcknowledgementOptions {
  /** Envelope of the answer to one received interchange (usually sender and receiver swapped, new control numbers). */
  envelope: (received: X12InterchangeHeader, index: number) => X12EnvelopeOptions;
}

export interface AcknowledgeX12Result {
  read: X12ReadResult;
  acknowledgements: X12Acknowledgements;
  /** One answering interchange (TA1 and/or 999s) per received interchange, in order. */
  interchanges: string[];
  /** Set when nothing in the input could be acknowledged (it is not X12): answer with this typed error instead. */
  error?: X12Error;
}

/**
 * Reads an inbound interchange and answers it: a 999 per functional group (AK2/IK3/IK4/IK5 per
 * transaction set, AK9), preceded by a TA1 when the envelope is wrong or one was asked for. Input that
 * is not X12 at all cannot be acknowledged in X12: the result carries a typed X12Error instead.
 */
export function acknowledgeX12(input: string | Uint8Array, options: AcknowledgeX12Options): AcknowledgeX12Result {
  const read = readX12(input);
  const acknowledgements = buildAcknowledgements(read, options);
  const interchanges = acknowledgements.interchanges.map(({ interchange, ta1, functionalAcknowledgements }, index) =>
    writeAcknowledgementInterchange({ ta1, functionalAcknowledgements }, options.envelope(interchange.header, index)),
  );
  const result: AcknowledgeX12Result = { read, acknowledgements, interchanges };
  if (read.interchanges.length === 0) {
    result.error = new X12Error(X12ErrorCode.NOT_X12, 'the input holds no ISA interchange to acknowledge', read.issues);
  }
  return result;
}

/** The usual answer envelope: the received sender and receiver swapped, with the caller's control numbers. */
export function answerEnvelope(
  received: X12InterchangeHeader,
  controlNumbers: { interchange: number; group: number },
  date?: Date,
): X12EnvelopeOptions {
  // The ids come from someone else's interchange: keep what cannot clash with our delimiters.
  const id = (value: string) =>
    value
      .replace(/[^A-Za-z0-9 .-]/g, '')
      .trim()
      .slice(0, 15) || 'UNKNOWN';
  const qualifier = (value: string) => (/^[0-9A-Z]{2}$/.test(value) ? value : 'ZZ');
  return {
    senderQualifier: qualifier(received.receiverQualifier),
    senderId: id(received.receiverId),
    receiverQualifier: qualifier(received.senderQualifier),
    receiverId: id(received.senderId),
    interchangeControlNumber: controlNumbers.interchange,
    groupControlNumber: controlNumbers.group,
    usage: received.usage === 'T' ? 'T' : 'P',
    ...(date ? { date } : {}),
  };
}
