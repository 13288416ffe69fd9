import { DEFAULT_HL7_DELIMITERS, delimiterProblem, delimitersFrom, type Hl7Delimiters } from './hl7-delimiters';
import { escapeHl7, findEscapeProblem, unescapeHl7 } from './hl7-escape';
import { decodeHl7Bytes } from './hl7-parser';

/** What can be read from the first line of a message that may not parse as a whole. */
export interface PeekedHl7Header {
  /** The declared delimiters when they are usable; the defaults otherwise (then `delimitersValid` is false). */
  delimiters: Hl7Delimiters;
  delimitersValid: boolean;
  /** First components, unescaped. */
  sendingApplication: string;
  sendingFacility: string;
  receivingApplication: string;
  receivingFacility: string;
  messageCode: string;
  trigger: string;
  controlId: string;
  processingId: string;
  version: string;
  /** MSH-3 to MSH-6 as raw text that is safe to copy into a reply written with `delimiters`. */
  raw: { sendingApplication: string; sendingFacility: string; receivingApplication: string; receivingFacility: string };
}

/**
 * Best-effort reading of MSH from text that may be broken further down (a wrapped line, a bad segment): used to
 * address a NAK to the right message and to correlate a message the client sends. Undefined without an MSH line.
 */
export function peekHl7Header(input: string | Buffer): PeekedHl7Header | undefined {
  let text = typeof input === 'string' ? input : Buffer.isBuffer(input) ? decodeHl7Bytes(input.subarray(0, 8192)) : '';
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  text = text.replace(/^[\r\n]+/, '');
  if (!text.startsWith('MSH') || text.length < 5) return undefined;
  const lineEnd = text.search(/[\r\n]/);
  const line = lineEnd === -1 ? text : text.slice(0, lineEnd);
  const separator = line[3];
  const parts = line.split(separator);
  const encoding = parts[1] ?? '';
  const delimitersValid = encoding.length >= 4 && delimiterProblem(separator, encoding) === undefined;
  const delimiters = delimitersValid ? delimitersFrom(separator, encoding) : DEFAULT_HL7_DELIMITERS;
  // parts[n - 1] is MSH-n because MSH-1 is the separator the split consumed.
  const rawOf = (n: number): string => parts[n - 1] ?? '';
  const plain = (n: number, component = 1): string => {
    const raw = rawOf(n);
    if (!delimitersValid) return component === 1 ? raw : '';
    const value = raw.split(delimiters.repetition)[0].split(delimiters.component)[component - 1] ?? '';
    return unescapeHl7(value.split(delimiters.subcomponent)[0], delimiters);
  };
  const safeRaw = (n: number): string =>
    delimitersValid && !findEscapeProblem(rawOf(n), delimiters) ? rawOf(n) : escapeHl7(plain(n), delimiters);
  return {
    delimiters,
    delimitersValid,
    sendingApplication: plain(3),
    sendingFacility: plain(4),
    receivingApplication: plain(5),
    receivingFacility: plain(6),
    messageCode: plain(9, 1),
    trigger: plain(9, 2),
    controlId: plain(10),
    processingId: plain(11),
    version: plain(12),
    raw: { sendingApplication: safeRaw(3), sendingFacility: safeRaw(4), receivingApplication: safeRaw(5), receivingFacility: safeRaw(6) },
  };
}
