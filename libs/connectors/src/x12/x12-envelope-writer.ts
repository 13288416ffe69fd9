import { X12Error, X12ErrorCode } from './x12-error';
import type { X12Separators } from './x12-segment';
import { DEFAULT_SEPARATORS, X12SegmentWriter } from './x12-segment-writer';

/** Who sends and receives an interchange, its control numbers and when it is made. */
export interface X12EnvelopeOptions {
  /** ISA06 (padded to 15) and, unless `applicationSenderCode` is set, GS02. */
  senderId: string;
  /** ISA05; ZZ (mutually defined) by default. */
  senderQualifier?: string;
  receiverId: string;
  receiverQualifier?: string;
  applicationSenderCode?: string;
  applicationReceiverCode?: string;
  /** ISA13, 1 … 999999999; unique per sender, so supplied by the caller. */
  interchangeControlNumber: number;
  /** GS06 of the first functional group (following groups count up). */
  groupControlNumber: number;
  /** ISA09/ISA10 and GS04/GS05 (UTC); now by default. */
  date?: Date;
  /** ISA15: P production (default) or T test. */
  usage?: 'P' | 'T';
  /** ISA14: ask for a TA1. */
  acknowledgmentRequested?: boolean;
  separators?: X12Separators;
  /** Put each segment on its own line (after the terminator). */
  lineBreaks?: boolean;
}

/** One transaction set to write: ST01, ST02 (caller-supplied, 4-9 characters) and its body. */
export interface X12TransactionBody {
  transactionSetId: string;
  controlNumber: string;
  /** ST03; omit for the 835, whose guide does not use it. */
  implementationReference?: string;
  /** Writes the segments between ST and SE. */
  write(writer: X12SegmentWriter): void;
}

export interface X12GroupBody {
  /** GS01, e.g. HC for 837, HP for 835, FA for 999. */
  functionalId: string;
  /** GS08, e.g. 005010X222A1. */
  version: string;
  transactions: readonly X12TransactionBody[];
}

function pad(value: string, width: number): string {
  return value.length >= width ? value : value + ' '.repeat(width - value.length);
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** Formats a control number for ISA13 (9 digits) after checking its range. */
export function interchangeControlNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 999_999_999) {
    throw new X12Error(X12ErrorCode.INVALID_ENVELOPE_OPTIONS, 'interchange control number must be an integer from 1 to 999999999');
  }
  return String(n).padStart(9, '0');
}

function checkId(what: string, value: string, max: number): void {
  if (value.length === 0 || value.length > max || !/^[\x20-\x7E]+$/.test(value)) {
    throw new X12Error(X12ErrorCode.INVALID_ENVELOPE_OPTIONS, `${what} must be 1-${max} printable characters`);
  }
}

/**
 * Writes a whole interchange: ISA (fixed width), then for each group GS, its transaction sets
 * (ST … SE with SE01 counted) and GE, then IEA. Control numbers come from the caller.
 */
export function writeX12Interchange(
  options: X12EnvelopeOptions,
  groups: readonly X12GroupBody[],
  beforeGroups?: (writer: X12SegmentWriter) => void,
): string {
  const separators = options.separators ?? DEFAULT_SEPARATORS;
  const writer = new X12SegmentWriter(separators, options.lineBreaks ? '\n' : '');
  checkId('senderId', options.senderId, 15);
  checkId('receiverId', options.receiverId, 15);
  const isa13 = interchangeControlNumber(options.interchangeControlNumber);
  const date = options.date ?? new Date();
  const yymmdd = `${two(date.getUTCFullYear() % 100)}${two(date.getUTCMonth() + 1)}${two(date.getUTCDate())}`;
  const ccyymmdd = `${date.getUTCFullYear()}${two(date.getUTCMonth() + 1)}${two(date.getUTCDate())}`;
  const hhmm = `${two(date.getUTCHours())}${two(date.getUTCMinutes())}`;
  const e = separators.element;
  const isa = [
    'ISA',
    '00',
    pad('', 10),
    '00',
    pad('', 10),
    pad(options.senderQualifier ?? 'ZZ', 2),
    pad(options.senderId, 15),
    pad(options.receiverQualifier ?? 'ZZ', 2),
    pad(options.receiverId, 15),
    yymmdd,
    hhmm,
    separators.repetition ?? '^',
    '00501',
    isa13,
    options.acknowledgmentRequested ? '1' : '0',
    options.usage ?? 'P',
    separators.component,
  ].join(e);
  writer.raw(isa);
  beforeGroups?.(writer);
  groups.forEach((group, g) => {
    const gs06 = String(options.groupControlNumber + g);
    if (!/^\d{1,9}$/.test(gs06)) throw new X12Error(X12ErrorCode.INVALID_ENVELOPE_OPTIONS, 'group control number must be 1-9 digits');
    writer.segment(
      'GS',
      group.functionalId,
      options.applicationSenderCode ?? options.senderId,
      options.applicationReceiverCode ?? options.receiverId,
      ccyymmdd,
      hhmm,
      gs06,
      'X',
      group.version,
    );
    for (const transaction of group.transactions) {
      if (!/^[0-9A-Za-z]{4,9}$/.test(transaction.controlNumber)) {
        throw new X12Error(X12ErrorCode.INVALID_ENVELOPE_OPTIONS, 'transaction set control number must be 4-9 letters or digits');
      }
      writer.startCount();
      writer.segment('ST', transaction.transactionSetId, transaction.controlNumber, transaction.implementationReference);
      transaction.write(writer);
      writer.segment('SE', String(writer.countWithTrailer()), transaction.controlNumber);
    }
    writer.segment('GE', String(group.transactions.length), gs06);
  });
  writer.segment('IEA', String(groups.length), isa13);
  return writer.toString();
}

/** ST02 for the n-th (1-based) transaction set of a group: 0001, 0002 … */
export function transactionControlNumber(n: number): string {
  return String(n).padStart(4, '0');
}
