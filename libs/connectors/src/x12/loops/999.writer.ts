import type { FunctionalAcknowledgement, InterchangeAck } from '../ack-999.model';
import { transactionControlNumber, writeX12Interchange, type X12EnvelopeOptions } from '../x12-envelope-writer';
import { X12_GUIDE_VERSIONS } from '../x12-guides';
import type { X12SegmentWriter } from '../x12-segment-writer';

/**
 * What a 999 echoes from the received interchange (GS01, GS06, ST02 …) came from another sender's
 * delimiters: keep letters, digits, spaces, dots and hyphens only, so no echo can break ours.
 */
function echo(value: string | undefined, max: number, fallback: string): string {
  const cleaned = (value ?? '').replace(/[^A-Za-z0-9 .-]/g, '').slice(0, max);
  return cleaned === '' ? fallback : cleaned;
}

/** Writes the body (AK1 … AK9) of one 999 transaction set. */
export function write999Body(w: X12SegmentWriter, ack: FunctionalAcknowledgement): void {
  const { separators } = w;
  // A copy of bad data is only sent when it can be written with our delimiters.
  const writable = (value: string | undefined) =>
    value !== undefined &&
    ![separators.element, separators.component, separators.segment, separators.repetition ?? ''].some(
      (s) => s !== '' && value.includes(s),
    ) &&
    /^[\x20-\x7E]+$/.test(value)
      ? value
      : undefined;
  w.segment(
    'AK1',
    echo(ack.functionalId, 2, 'ZZ'),
    echo(ack.groupControlNumber, 9, '0'),
    ack.version === undefined ? undefined : echo(ack.version, 12, ''),
  );
  for (const set of ack.transactionSets) {
    w.segment(
      'AK2',
      echo(set.transactionSetId, 3, '000'),
      echo(set.controlNumber, 9, '0000'),
      set.implementationReference === undefined ? undefined : echo(set.implementationReference, 35, ''),
    );
    for (const segment of set.segmentErrors) {
      w.segment(
        'IK3',
        echo(segment.segmentId, 3, 'UNK'),
        String(segment.position),
        segment.loopId === undefined ? undefined : echo(segment.loopId, 4, ''),
        segment.code,
      );
      for (const element of segment.elementErrors) {
        w.segment(
          'IK4',
          [
            String(element.position),
            element.componentPosition !== undefined ? String(element.componentPosition) : undefined,
            element.repetitionPosition !== undefined ? String(element.repetitionPosition) : undefined,
          ],
          element.reference !== undefined ? String(element.reference) : undefined,
          element.code,
          writable(element.badValue),
        );
      }
    }
    w.segment('IK5', set.status, ...set.errorCodes);
  }
  w.segment('AK9', ack.status, String(ack.includedCount), String(ack.receivedCount), String(ack.acceptedCount), ...ack.groupErrorCodes);
}

/** Writes a TA1 (it goes between ISA and the first GS). */
export function writeTa1(w: X12SegmentWriter, ta1: InterchangeAck): void {
  const digits = (value: string, length: number) => (/^\d+$/.test(value) && value.length === length ? value : '0'.repeat(length));
  w.segment('TA1', digits(ta1.controlNumber, 9), digits(ta1.date, 6), digits(ta1.time, 4), ta1.status, ta1.noteCode);
}

/**
 * Writes the acknowledgement interchange of one received interchange: its TA1 when there is one, then
 * one FA group with a 999 per acknowledged functional group. Control numbers come from the caller.
 */
export function writeAcknowledgementInterchange(
  ack: { ta1?: InterchangeAck | undefined; functionalAcknowledgements: readonly FunctionalAcknowledgement[] },
  options: X12EnvelopeOptions,
): string {
  const groups = ack.functionalAcknowledgements.length
    ? [
        {
          functionalId: 'FA',
          version: X12_GUIDE_VERSIONS.functionalAcknowledgement,
          transactions: ack.functionalAcknowledgements.map((fa, i) => ({
            transactionSetId: '999',
            controlNumber: transactionControlNumber(i + 1),
            implementationReference: X12_GUIDE_VERSIONS.functionalAcknowledgement,
            write: (w: X12SegmentWriter) => write999Body(w, fa),
          })),
        },
      ]
    : [];
  return writeX12Interchange(options, groups, ack.ta1 ? (w) => writeTa1(w, ack.ta1!) : undefined);
}
