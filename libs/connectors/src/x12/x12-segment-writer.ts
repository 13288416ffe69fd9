import { X12Error, X12ErrorCode } from './x12-error';
import type { X12Separators } from './x12-segment';

/** An element to write: a simple value, a composite (its components), or nothing. */
export type X12ElementValue = string | readonly (string | undefined)[] | undefined;

/** Delimiters Concord writes unless told otherwise: * : ^ ~ (the common 5010 choice). */
export const DEFAULT_SEPARATORS: X12Separators = { element: '*', component: ':', repetition: '^', segment: '~' };

const NON_PRINTABLE = /[^\x20-\x7E]/;

/**
 * Writes segments with one set of delimiters: drops trailing empty elements and components, refuses
 * values that contain a delimiter or a non-printable character (naming the position, not the value),
 * and counts segments for SE01.
 */
export class X12SegmentWriter {
  private readonly parts: string[] = [];
  private transactionSegments = 0;
  private readonly forbidden: RegExp;

  constructor(
    readonly separators: X12Separators = DEFAULT_SEPARATORS,
    /** Written after each segment terminator (e.g. "\n" for readable files); empty by default. */
    private readonly lineBreak = '',
  ) {
    const chars = [separators.element, separators.component, separators.segment, separators.repetition ?? ''].join('');
    this.forbidden = new RegExp(`[${chars.replace(/[\\\]^-]/g, '\\$&')}]`);
  }

  /** Appends a segment. */
  segment(id: string, ...elements: X12ElementValue[]): this {
    let last = elements.length;
    while (last > 0 && isEmpty(elements[last - 1])) last--;
    let text = id;
    for (let i = 0; i < last; i++) {
      text += this.separators.element + this.elementText(id, i + 1, elements[i]);
    }
    this.parts.push(text + this.separators.segment + this.lineBreak);
    this.transactionSegments++;
    return this;
  }

  /** Appends a segment already rendered with these separators (the ISA, whose widths are fixed). */
  raw(text: string): this {
    this.parts.push(text + this.separators.segment + this.lineBreak);
    this.transactionSegments++;
    return this;
  }

  /** Starts counting for a transaction set (call right before writing ST). */
  startCount(): void {
    this.transactionSegments = 0;
  }

  /** Segments written since startCount(), the next SE included. */
  countWithTrailer(): number {
    return this.transactionSegments + 1;
  }

  toString(): string {
    return this.parts.join('');
  }

  private elementText(id: string, position: number, value: X12ElementValue): string {
    if (value === undefined) return '';
    if (typeof value === 'string') return this.checked(id, position, value);
    let last = value.length;
    while (last > 0 && (value[last - 1] === undefined || value[last - 1] === '')) last--;
    const components: string[] = [];
    for (let c = 0; c < last; c++) components.push(this.checked(id, position, value[c] ?? '', c + 1));
    return components.join(this.separators.component);
  }

  private checked(id: string, position: number, value: string, component?: number): string {
    if (this.forbidden.test(value) || NON_PRINTABLE.test(value)) {
      const where = `${id}${String(position).padStart(2, '0')}${component !== undefined ? `-${component}` : ''}`;
      throw new X12Error(X12ErrorCode.UNWRITABLE_VALUE, `${where} contains a delimiter or a character X12 cannot carry`);
    }
    return value;
  }
}

function isEmpty(value: X12ElementValue): boolean {
  if (value === undefined || value === '') return true;
  if (typeof value === 'string') return false;
  return value.every((c) => c === undefined || c === '');
}
