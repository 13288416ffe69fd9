import { DEFAULT_HL7_DELIMITERS, encodingCharactersOf, type Hl7Delimiters } from './hl7-delimiters';
import { escapeHl7 } from './hl7-escape';
import type { Hl7Message } from './hl7-message';
import { parseHl7 } from './hl7-parser';

/** A component: one plain value, or its subcomponents. */
export type Hl7ComponentValue = string | undefined | readonly (string | undefined)[];
/** One repetition of a field: its components in order. */
export type Hl7RepetitionValue = readonly Hl7ComponentValue[];
/** A field: one plain value, or a list of repetitions (each a list of components). */
export type Hl7FieldValue = string | undefined | readonly Hl7RepetitionValue[];
/** Fields by HL7 number (PID-3 is key 3); missing keys are empty fields. */
export type Hl7SegmentValues = Readonly<Record<number, Hl7FieldValue>>;

export interface Hl7HeaderValues {
  sendingApplication: string;
  sendingFacility: string;
  receivingApplication: string;
  receivingFacility: string;
  /** MSH-7, an HL7 DTM (see formatHl7Timestamp). */
  timestamp: string;
  messageType: { code: string; trigger: string; structure?: string };
  controlId: string;
  /** MSH-11: P production, T training, D debugging. */
  processingId?: string;
  version: string;
  /** Further MSH fields by number (e.g. 18 character set). */
  extra?: Hl7SegmentValues;
}

/**
 * Builds HL7 text from plain values: every value is escaped for the builder's delimiters, trailing empty
 * components, repetitions and fields are left out, segments end in CR.
 */
export class Hl7MessageBuilder {
  private readonly segments: string[] = [];

  constructor(
    header: Hl7HeaderValues,
    readonly delimiters: Hl7Delimiters = DEFAULT_HL7_DELIMITERS,
  ) {
    const { messageType: type } = header;
    const fields = formatFields(
      {
        3: header.sendingApplication,
        4: header.sendingFacility,
        5: header.receivingApplication,
        6: header.receivingFacility,
        7: header.timestamp,
        9: [[type.code, type.trigger, type.structure]],
        10: header.controlId,
        11: header.processingId ?? 'P',
        12: header.version,
        ...header.extra,
      },
      delimiters,
      3,
    );
    this.segments.push(`MSH${delimiters.field}${encodingCharactersOf(delimiters)}${fields ? delimiters.field + fields : ''}`);
  }

  /** Appends a segment; values are plain text (escaped here). */
  add(name: string, values: Hl7SegmentValues): this {
    if (!/^[A-Z0-9]{3}$/.test(name) || name === 'MSH') throw new RangeError(`not a segment name a builder may add: ${name}`);
    const fields = formatFields(values, this.delimiters, 1);
    this.segments.push(fields ? name + this.delimiters.field + fields : name);
    return this;
  }

  toString(): string {
    return this.segments.map((s) => s + '\r').join('');
  }

  build(): Hl7Message {
    return parseHl7(this.toString());
  }
}

function formatFields(values: Hl7SegmentValues, d: Hl7Delimiters, first: number): string {
  const numbers = Object.keys(values).map(Number);
  const last = numbers.length ? Math.max(...numbers) : 0;
  const fields: string[] = [];
  for (let n = first; n <= last; n++) fields.push(formatField(values[n], d));
  return trimEnd(fields).join(d.field);
}

function formatField(value: Hl7FieldValue, d: Hl7Delimiters): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return escapeHl7(value, d);
  return trimEnd(value.map((rep) => trimEnd(rep.map((component) => formatComponent(component, d))).join(d.component))).join(d.repetition);
}

function formatComponent(value: Hl7ComponentValue, d: Hl7Delimiters): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return escapeHl7(value, d);
  return trimEnd(value.map((sub) => (sub === undefined ? '' : escapeHl7(sub, d)))).join(d.subcomponent);
}

function trimEnd(parts: string[]): string[] {
  let end = parts.length;
  while (end > 0 && parts[end - 1] === '') end--;
  return end === parts.length ? parts : parts.slice(0, end);
}
