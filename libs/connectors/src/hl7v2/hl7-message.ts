import type { Hl7Delimiters } from './hl7-delimiters';
import { unescapeHl7 } from './hl7-escape';

/** A position inside a field; every part is 1-based and defaults to 1. */
export interface Hl7Position {
  rep?: number;
  component?: number;
  sub?: number;
}

/** MSH-9 split into its parts; `structure` is empty before v2.3.1 and when the sender omits it. */
export interface Hl7MessageType {
  code: string;
  trigger: string;
  structure: string;
}

/**
 * One segment. Fields are kept as the raw (escaped) text they arrived as, so serialising gives back exactly
 * what was parsed; accessors split and unescape on demand. Field numbers are HL7's: for MSH, field 1 is the
 * field separator itself and field 2 the encoding characters.
 */
export class Hl7Segment {
  constructor(
    readonly name: string,
    /** 0-based position in the message. */
    readonly index: number,
    private readonly fields: readonly string[],
    readonly delimiters: Hl7Delimiters,
  ) {}

  /** Number of the last field present (trailing empty fields count when the sender wrote their separators). */
  get fieldCount(): number {
    return this.fields.length - 1;
  }

  /** The field's raw text with repetitions, components and escape sequences as sent; '' when absent. */
  raw(field: number): string {
    return this.fields[field] ?? '';
  }

  /**
   * One value, unescaped: the given repetition, component and subcomponent of a field (each defaulting to the
   * first). Undefined when the value is absent or empty. HL7's explicit null `""` is returned as `""`.
   */
  get(field: number, position: Hl7Position = {}): string | undefined {
    const raw = this.fields[field];
    if (raw === undefined || raw === '') return undefined;
    if (this.name === 'MSH' && field <= 2) return raw;
    const d = this.delimiters;
    const repetition = nth(raw, d.repetition, (position.rep ?? 1) - 1);
    const component = nth(repetition, d.component, (position.component ?? 1) - 1);
    const leaf = nth(component, d.subcomponent, (position.sub ?? 1) - 1);
    return leaf === '' ? undefined : unescapeHl7(leaf, d);
  }

  /** How many repetitions the field holds (0 when empty). */
  repetitionCount(field: number): number {
    const raw = this.fields[field];
    if (raw === undefined || raw === '') return 0;
    if (this.name === 'MSH' && field <= 2) return 1;
    return count(raw, this.delimiters.repetition) + 1;
  }

  /** How many components a repetition of the field holds (0 when empty). */
  componentCount(field: number, rep = 1): number {
    const raw = this.fields[field];
    if (raw === undefined || raw === '') return 0;
    const repetition = nth(raw, this.delimiters.repetition, rep - 1);
    return repetition === '' ? 0 : count(repetition, this.delimiters.component) + 1;
  }

  /** The segment as HL7 text, without its terminator. */
  toString(): string {
    if (this.name !== 'MSH') return this.fields.join(this.delimiters.field);
    return 'MSH' + this.delimiters.field + this.fields.slice(2).join(this.delimiters.field);
  }
}

/** A parsed HL7 v2 message: its segments in order, its delimiters, and the MSH facts every consumer needs. */
export class Hl7Message implements Iterable<Hl7Segment> {
  constructor(
    readonly segments: readonly Hl7Segment[],
    readonly delimiters: Hl7Delimiters,
  ) {}

  /** The MSH segment (always the first). */
  get header(): Hl7Segment {
    return this.segments[0];
  }

  /** MSH-10, the id the sender's ACK correlation relies on. */
  get controlId(): string {
    return this.header.get(10) ?? '';
  }

  /** MSH-9 as `{ code, trigger, structure }`, e.g. ADT, A01, ADT_A01. */
  get type(): Hl7MessageType {
    const msh = this.header;
    return {
      code: msh.get(9, { component: 1 }) ?? '',
      trigger: msh.get(9, { component: 2 }) ?? '',
      structure: msh.get(9, { component: 3 }) ?? '',
    };
  }

  /** MSH-12 version id (2.3 ... 2.8), undefined when the sender left it out. */
  get version(): string | undefined {
    return this.header.get(12);
  }

  [Symbol.iterator](): Iterator<Hl7Segment> {
    return this.segments[Symbol.iterator]();
  }

  /** The n-th segment with this name (1 = first), or undefined. */
  getSegment(name: string, occurrence = 1): Hl7Segment | undefined {
    let seen = 0;
    for (const segment of this.segments) if (segment.name === name && ++seen === occurrence) return segment;
    return undefined;
  }

  getSegments(name: string): Hl7Segment[] {
    return this.segments.filter((segment) => segment.name === name);
  }

  /** `msg.get('PID', 3, { rep: 2, component: 1 })`: one unescaped value, undefined when absent or empty. */
  get(segment: string, field: number, position: Hl7Position & { occurrence?: number } = {}): string | undefined {
    return this.getSegment(segment, position.occurrence)?.get(field, position);
  }

  /** The message as HL7 text: every segment followed by a carriage return. */
  toString(): string {
    let text = '';
    for (const segment of this.segments) text += segment.toString() + '\r';
    return text;
  }
}

/** The index-th piece of `text` split on `separator`, without allocating the other pieces. */
function nth(text: string, separator: string, index: number): string {
  if (index < 0) return '';
  let start = 0;
  for (let i = 0; i < index; i++) {
    const next = text.indexOf(separator, start);
    if (next === -1) return '';
    start = next + 1;
  }
  const end = text.indexOf(separator, start);
  return end === -1 ? (start === 0 ? text : text.slice(start)) : text.slice(start, end);
}

function count(text: string, separator: string): number {
  let n = 0;
  for (let i = text.indexOf(separator); i !== -1; i = text.indexOf(separator, i + 1)) n++;
  return n;
}
