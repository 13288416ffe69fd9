import { delimiterProblem, delimitersFrom, type Hl7Delimiters } from './hl7-delimiters';
import { findEscapeProblem } from './hl7-escape';
import { Hl7Message, Hl7Segment } from './hl7-message';
import { Hl7ParseError, Hl7ParseErrorCode as Code } from './hl7-parse.error';

const SEGMENT_END = /\r\n|\r|\n/;

/**
 * Parses one HL7 v2 message (v2.3 to v2.8). Delimiters come from MSH-1/MSH-2; segments may end in CR, LF or CRLF;
 * a leading UTF-8 BOM and empty lines are ignored. Anything malformed throws an Hl7ParseError, nothing else.
 */
export function parseHl7(input: string | Buffer): Hl7Message {
  if (typeof input !== 'string' && !Buffer.isBuffer(input)) throw new Hl7ParseError(Code.EMPTY_MESSAGE, 'input is neither text nor bytes');
  let text = typeof input === 'string' ? input : decodeHl7Bytes(input);
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (text[start] === '\r' || text[start] === '\n') start++;
  if (start > 0) text = text.slice(start);
  if (!/\S/.test(text)) throw new Hl7ParseError(Code.EMPTY_MESSAGE, 'the message is empty');
  if (!text.startsWith('MSH')) {
    throw new Hl7ParseError(Code.MISSING_MSH, 'a message must start with an MSH segment', { segmentIndex: 0 });
  }
  const delimiters = readDelimiters(text);
  const lines = text.split(SEGMENT_END);
  const segments: Hl7Segment[] = [];
  for (const line of lines) {
    if (line === '' || isBlank(line)) continue;
    segments.push(parseSegment(line, segments, delimiters));
  }
  const message = new Hl7Message(segments, delimiters);
  const msh = { segmentIndex: 0, segmentName: 'MSH', segmentOccurrence: 1 };
  if (!message.header.get(9, { component: 1 })) {
    throw new Hl7ParseError(Code.MISSING_MESSAGE_TYPE, 'MSH-9 message type is missing', { ...msh, field: 9, component: 1 });
  }
  if (!message.header.get(10))
    throw new Hl7ParseError(Code.MISSING_CONTROL_ID, 'MSH-10 message control id is missing', { ...msh, field: 10 });
  return message;
}

/**
 * Decodes raw bytes as the message declares in MSH-18: ISO 8859-1 when it says so, UTF-8 otherwise (ASCII is
 * a subset of both). Invalid UTF-8 becomes U+FFFD rather than an exception.
 */
export function decodeHl7Bytes(bytes: Buffer): string {
  const firstLineEnd = bytes.subarray(0, 4096).findIndex((b) => b === 0x0d || b === 0x0a);
  const header = bytes.subarray(0, firstLineEnd === -1 ? 4096 : firstLineEnd).toString('latin1');
  const mshAt = header.indexOf('MSH');
  if (mshAt !== -1 && mshAt <= 3) {
    const characterSet = header.slice(mshAt).split(header[mshAt + 3] ?? '|')[17] ?? '';
    if (/8859\/1\b|ISO_IR 100/i.test(characterSet)) return bytes.toString('latin1');
  }
  return bytes.toString('utf8');
}

/**
 * Splits a file or stream holding several messages (optionally wrapped in FHS/BHS ... BTS/FTS batch segments)
 * into one text per message, each starting at its MSH. Text before the first MSH is returned on its own so that
 * parsing it reports the problem instead of silently dropping it.
 */
export function splitHl7Batch(input: string | Buffer): string[] {
  let text = typeof input === 'string' ? input : decodeHl7Bytes(input);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const messages: string[][] = [];
  for (const line of text.split(SEGMENT_END)) {
    if (line === '' || isBlank(line) || /^(FHS|BHS|BTS|FTS)(\W|$)/.test(line)) continue;
    if (line.startsWith('MSH') || messages.length === 0) messages.push([line]);
    else messages[messages.length - 1].push(line);
  }
  return messages.map((segments) => segments.join('\r') + '\r');
}

function readDelimiters(text: string): Hl7Delimiters {
  const where = { segmentIndex: 0, segmentName: 'MSH', segmentOccurrence: 1 };
  const fieldSeparator = text[3];
  if (fieldSeparator === undefined || fieldSeparator === '\r' || fieldSeparator === '\n') {
    throw new Hl7ParseError(Code.INVALID_DELIMITERS, 'MSH-1 field separator is missing', { ...where, field: 1 });
  }
  let end = 4;
  while (end < text.length && text[end] !== fieldSeparator && text[end] !== '\r' && text[end] !== '\n') end++;
  const encodingCharacters = text.slice(4, end);
  if (encodingCharacters.length < 4) {
    throw new Hl7ParseError(
      Code.ENCODING_CHARACTERS_TOO_SHORT,
      `MSH-2 declares ${encodingCharacters.length} encoding characters, 4 are required (component, repetition, escape, subcomponent)`,
      { ...where, field: 2 },
    );
  }
  const problem = delimiterProblem(fieldSeparator, encodingCharacters);
  if (problem) throw new Hl7ParseError(Code.INVALID_DELIMITERS, problem, { ...where, field: problem.includes('MSH-1') ? 1 : 2 });
  return delimitersFrom(fieldSeparator, encodingCharacters);
}

function parseSegment(line: string, previous: readonly Hl7Segment[], d: Hl7Delimiters): Hl7Segment {
  const index = previous.length;
  const parts = line.split(d.field);
  const name = parts[0];
  if (!isSegmentName(name)) {
    throw new Hl7ParseError(
      Code.INVALID_SEGMENT_NAME,
      'a segment name must be 3 upper-case letters or digits followed by a field separator',
      {
        segmentIndex: index,
      },
    );
  }
  const occurrence = () => previous.filter((s) => s.name === name).length + 1;
  if (name === 'MSH' && index > 0) {
    throw new Hl7ParseError(Code.UNEXPECTED_MSH, 'a second MSH segment: one message expected (split batches first)', {
      segmentIndex: index,
      segmentName: name,
      segmentOccurrence: occurrence(),
    });
  }
  // MSH-1 is the separator itself: store it as field 1 so that field numbers match HL7's in every segment.
  const fields = index === 0 ? ['MSH', d.field, ...parts.slice(1)] : parts;
  for (let field = index === 0 ? 3 : 1; field < fields.length; field++) {
    const raw = fields[field];
    if (raw.indexOf(d.escape) === -1) continue;
    const problem = findEscapeProblem(raw, d);
    if (problem) {
      throw new Hl7ParseError(Code.UNTERMINATED_ESCAPE, problem.reason, {
        segmentIndex: index,
        segmentName: name,
        segmentOccurrence: occurrence(),
        field,
        ...positionInField(raw, problem.offset, d),
      });
    }
  }
  return new Hl7Segment(name, index, fields, d);
}

function isSegmentName(name: string): boolean {
  if (name.length !== 3) return false;
  for (let i = 0; i < 3; i++) {
    const c = name.charCodeAt(i);
    if (!((c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39))) return false;
  }
  return true;
}

function isBlank(line: string): boolean {
  const c = line.charCodeAt(0);
  return (c === 0x20 || c === 0x09) && line.trim() === '';
}

function positionInField(raw: string, offset: number, d: Hl7Delimiters): { repetition: number; component: number; subcomponent: number } {
  let repetition = 1;
  let component = 1;
  let subcomponent = 1;
  for (let i = 0; i < offset; i++) {
    if (raw[i] === d.repetition) [repetition, component, subcomponent] = [repetition + 1, 1, 1];
    else if (raw[i] === d.component) [component, subcomponent] = [component + 1, 1];
    else if (raw[i] === d.subcomponent) subcomponent++;
  }
  return { repetition, component, subcomponent };
}
