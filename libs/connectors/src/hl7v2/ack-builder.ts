import { randomBytes } from 'node:crypto';
import { DEFAULT_HL7_DELIMITERS, encodingCharactersOf, type Hl7Delimiters } from './hl7-delimiters';
import { formatHl7Timestamp } from './hl7-datetime';
import { escapeHl7 } from './hl7-escape';
import { Hl7ErrorCode, HL7_ERROR_CODE_TEXT, type Hl7ErrorLocation } from './hl7-error-codes';
import { peekHl7Header } from './hl7-header-peek';
import { Hl7Message } from './hl7-message';
import { Hl7ParseError } from './hl7-parse.error';
import { Hl7MappingError } from './hl7-mapping.error';

/** MSA-1 in original acknowledgment mode: accept, error, reject. */
export type Hl7AckCode = 'AA' | 'AE' | 'AR';

export interface Hl7AckError {
  code: Hl7ErrorCode;
  location?: Hl7ErrorLocation;
  /** Human-readable, PHI-free explanation (positions, not values). */
  text?: string;
  /** ERR-4 (v2.5+): E error (default), W warning, I information. */
  severity?: 'E' | 'W' | 'I';
}

export interface Hl7AckOptions {
  code: Hl7AckCode;
  errors?: readonly Hl7AckError[];
  /** MSH-10 of the ACK itself; a fresh id by default. */
  controlId?: string;
  /** MSH-7; now by default. */
  timestamp?: Date | string;
}

/**
 * Original-mode ACK for a parsed message: sender and receiver swapped, MSH-9 ACK^<trigger>^ACK, a new control id,
 * MSA-2 = the original MSH-10, and one ERR per error (ERR-2/3/4/8 from v2.5, ERR-1 ELD before), written with the
 * original's delimiters, version and processing id.
 */
export function buildAck(original: Hl7Message, options: Hl7AckOptions): string {
  const msh = original.header;
  return writeAck(
    {
      delimiters: original.delimiters,
      sendingApplication: msh.raw(3),
      sendingFacility: msh.raw(4),
      receivingApplication: msh.raw(5),
      receivingFacility: msh.raw(6),
      trigger: original.type.trigger,
      controlId: original.controlId,
      processingId: msh.get(11) ?? 'P',
      version: original.version ?? '',
    },
    options,
  );
}

/**
 * Best-effort reject for input that did not parse: addressed from whatever MSH line can be read (MSA-2 empty
 * when MSH-10 cannot), with the parse error's location and table 0357 code in ERR.
 */
export function buildNak(raw: string | Buffer, error?: unknown, options: Omit<Hl7AckOptions, 'code'> = {}): string {
  const header = peekHl7Header(raw);
  const errors = options.errors ?? [ackErrorFor(error)];
  if (!header) {
    return writeAck(
      {
        delimiters: undefined,
        sendingApplication: '',
        sendingFacility: '',
        receivingApplication: '',
        receivingFacility: '',
        trigger: '',
        controlId: '',
        processingId: 'P',
        version: '',
      },
      { ...options, code: 'AR', errors },
    );
  }
  return writeAck(
    {
      delimiters: header.delimiters,
      sendingApplication: header.raw.sendingApplication,
      sendingFacility: header.raw.sendingFacility,
      receivingApplication: header.raw.receivingApplication,
      receivingFacility: header.raw.receivingFacility,
      trigger: header.trigger,
      controlId: header.controlId,
      processingId: header.processingId || 'P',
      version: header.version,
    },
    { ...options, code: 'AR', errors },
  );
}

/**
 * The ACK an inbound message gets for an error: Hl7ParseError → AR (via buildNak), Hl7MappingError → AE with its
 * location, anything else → AR with 207 and a generic text (internals never leave the process).
 */
export function buildErrorAck(
  input: Hl7Message | string | Buffer,
  error: unknown,
  options: Omit<Hl7AckOptions, 'code' | 'errors'> = {},
): string {
  if (!(input instanceof Hl7Message)) return buildNak(input, error, options);
  const code: Hl7AckCode = error instanceof Hl7MappingError ? 'AE' : 'AR';
  return buildAck(input, { ...options, code, errors: [ackErrorFor(error)] });
}

/** The ERR content for an error thrown while reading or handling a message. */
export function ackErrorFor(error: unknown): Hl7AckError {
  if (error instanceof Hl7ParseError || error instanceof Hl7MappingError) {
    return { code: error.hl7ErrorCode, location: error.location, text: error.message };
  }
  return { code: Hl7ErrorCode.APPLICATION_INTERNAL_ERROR, text: 'the receiving application could not process the message' };
}

/** A fresh message control id: 20 characters, fits MSH-10 in every version (ST 20 up to v2.5). */
export function generateControlId(): string {
  return (Date.now().toString(36).toUpperCase() + randomBytes(8).toString('hex').toUpperCase()).slice(0, 20);
}

const ASSUMED_VERSION = '2.5.1';

interface AckAddress {
  /** undefined: input had no readable MSH; the defaults are used. */
  delimiters: Hl7Delimiters | undefined;
  sendingApplication: string;
  sendingFacility: string;
  receivingApplication: string;
  receivingFacility: string;
  trigger: string;
  controlId: string;
  processingId: string;
  version: string;
}

function writeAck(to: AckAddress, options: Hl7AckOptions): string {
  const d = to.delimiters ?? DEFAULT_HL7_DELIMITERS;
  const f = d.field;
  const esc = (value: string) => escapeHl7(value, d);
  // A NAK for input whose version cannot be read is written as v2.5.1, the oldest version with the ERR-2/ERR-3 layout.
  const version = to.version || ASSUMED_VERSION;
  const modern = versionAtLeast(version, [2, 5]);
  const type = trimEmpty(['ACK', esc(to.trigger), versionAtLeast(version, [2, 3, 1]) ? 'ACK' : '']).join(d.component);
  const msh = [
    'MSH',
    encodingCharactersOf(d),
    to.receivingApplication,
    to.receivingFacility,
    to.sendingApplication,
    to.sendingFacility,
    formatHl7Timestamp(options.timestamp ?? new Date()),
    '',
    type,
    esc(options.controlId ?? generateControlId()),
    esc(to.processingId || 'P'),
    esc(version),
  ];
  // Before v2.5 ERR has no severity: a warning written there would read as an error, so only errors are sent.
  const errors = (options.errors ?? []).filter((e) => modern || (e.severity ?? 'E') === 'E');
  const text = errors.map((e) => e.text ?? HL7_ERROR_CODE_TEXT[e.code]).join('; ');
  const msa = ['MSA', options.code, esc(to.controlId)];
  if (!modern && errors.length) msa.push(esc(text));
  const segments = [trimEmpty(msh).join(f), trimEmpty(msa).join(f)];
  if (modern)
    for (const e of errors)
      segments.push(trimEmpty(['ERR', '', erl(e.location, d), cwe(e.code, d), e.severity ?? 'E', '', '', '', esc(e.text ?? '')]).join(f));
  else if (errors.length) segments.push(['ERR', errors.map((e) => eld(e, d)).join(d.repetition)].join(f));
  return segments.map((s) => s + '\r').join('');
}

/** ERL (v2.5+): segment ID ^ sequence ^ field ^ repetition ^ component ^ subcomponent. */
function erl(location: Hl7ErrorLocation | undefined, d: Hl7Delimiters): string {
  if (!location?.segmentName) return '';
  const parts = [
    location.segmentName,
    location.segmentOccurrence ?? 1,
    location.field,
    location.field === undefined ? undefined : (location.repetition ?? 1),
    location.component,
    location.subcomponent,
  ];
  return trimEmpty(parts.map((p) => (p === undefined ? '' : String(p)))).join(d.component);
}

/** ELD (v2.3/2.4): segment ID ^ sequence ^ field position ^ code&text&HL70357. */
function eld(error: Hl7AckError, d: Hl7Delimiters): string {
  const l = error.location;
  const code = [error.code, HL7_ERROR_CODE_TEXT[error.code], 'HL70357'].join(d.subcomponent);
  return [
    l?.segmentName ?? '',
    l?.segmentName ? String(l.segmentOccurrence ?? 1) : '',
    l?.field === undefined ? '' : String(l.field),
    code,
  ].join(d.component);
}

function cwe(code: Hl7ErrorCode, d: Hl7Delimiters): string {
  return [code, HL7_ERROR_CODE_TEXT[code], 'HL70357'].join(d.component);
}

function versionAtLeast(version: string, minimum: number[]): boolean {
  const parts = version.split('.').map((p) => Number.parseInt(p, 10));
  if (parts.some(Number.isNaN) || !version) return false;
  for (let i = 0; i < minimum.length; i++) {
    const part = parts[i] ?? 0;
    if (part !== minimum[i]) return part > minimum[i];
  }
  return true;
}

function trimEmpty(parts: string[]): string[] {
  let end = parts.length;
  while (end > 1 && parts[end - 1] === '') end--;
  return parts.slice(0, end);
}
