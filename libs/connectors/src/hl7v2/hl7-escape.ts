import type { Hl7Delimiters } from './hl7-delimiters';

/**
 * HL7 v2 escape sequences (v2.5 §2.7). `\F\ \S\ \T\ \R\ \E\ \P\` and `\Xhh..\` are decoded; formatting
 * (`\H\ \N\ \.br\ ...`), character-set switches (`\Cxxyy\ \Mxxyyzz\`) and local `\Z..\` sequences are
 * kept verbatim, because they only mean something to the display that renders the text.
 */
export function unescapeHl7(text: string, d: Hl7Delimiters): string {
  let start = text.indexOf(d.escape);
  if (start === -1) return text;
  let out = '';
  let copied = 0;
  while (start !== -1) {
    const end = text.indexOf(d.escape, start + 1);
    if (end === -1) break; // the parser rejects unterminated sequences; a stray one in a built value stays as text
    const decoded = decodeSequence(text.slice(start + 1, end), d);
    if (decoded !== undefined) {
      out += text.slice(copied, start) + decoded;
      copied = end + 1;
    }
    start = text.indexOf(d.escape, end + 1);
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Escapes a plain value so it can stand as one leaf (subcomponent) of a field. CR and LF become `\X0D\ \X0A\`. */
export function escapeHl7(value: string, d: Hl7Delimiters): string {
  let out = '';
  let copied = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    let replacement: string | undefined;
    if (c === d.escape) replacement = 'E';
    else if (c === d.field) replacement = 'F';
    else if (c === d.component) replacement = 'S';
    else if (c === d.subcomponent) replacement = 'T';
    else if (c === d.repetition) replacement = 'R';
    else if (c === d.truncation) replacement = 'P';
    else if (c === '\r') replacement = 'X0D';
    else if (c === '\n') replacement = 'X0A';
    if (replacement !== undefined) {
      out += value.slice(copied, i) + d.escape + replacement + d.escape;
      copied = i + 1;
    }
  }
  return copied === 0 ? value : out + value.slice(copied);
}

/** Where an escape sequence in a raw field is broken, as an offset and a reason, or undefined when all are well-formed. */
export function findEscapeProblem(raw: string, d: Hl7Delimiters): { offset: number; reason: string } | undefined {
  let start = raw.indexOf(d.escape);
  while (start !== -1) {
    const end = raw.indexOf(d.escape, start + 1);
    if (end === -1) return { offset: start, reason: 'unterminated escape sequence' };
    for (let i = start + 1; i < end; i++) {
      const c = raw[i];
      if (c === d.component || c === d.repetition || c === d.subcomponent || c === d.field) {
        return { offset: start, reason: 'unterminated escape sequence (a delimiter comes before its closing escape character)' };
      }
    }
    if (end === start + 1) return { offset: start, reason: 'empty escape sequence' };
    start = raw.indexOf(d.escape, end + 1);
  }
  return undefined;
}

const HEX_PAIRS = /^(?:[0-9A-Fa-f]{2})+$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeSequence(body: string, d: Hl7Delimiters): string | undefined {
  switch (body) {
    case 'F':
      return d.field;
    case 'S':
      return d.component;
    case 'T':
      return d.subcomponent;
    case 'R':
      return d.repetition;
    case 'E':
      return d.escape;
    case 'P':
      return d.truncation;
  }
  if (body[0] === 'X' && HEX_PAIRS.test(body.slice(1))) return decodeHex(body.slice(1));
  return undefined;
}

/** `\Xhh..\` carries bytes: UTF-8 when they form valid UTF-8 (a multi-byte character), else one Latin-1 character per byte. */
function decodeHex(hex: string): string {
  const bytes = Buffer.from(hex, 'hex');
  try {
    return utf8.decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}
