import { x12Issue, X12IssueCode, type X12ValidationIssue } from './x12-issue';
import type { X12Segment, X12Separators } from './x12-segment';

/** Receives what the tokenizer reads, in input order. */
export interface X12TokenSink {
  segment(segment: X12Segment): void;
  issue(issue: X12ValidationIssue): void;
}

/** Length of a fixed-width ISA including its segment terminator. */
export const ISA_LENGTH = 106;
/** Offsets of the 16 element separators in a fixed-width ISA. */
const ISA_SEPARATOR_OFFSETS = [3, 6, 17, 20, 31, 34, 50, 53, 69, 76, 81, 83, 89, 99, 101, 103] as const;
/** Fixed width of ISA01 … ISA16. */
export const ISA_ELEMENT_WIDTHS = [2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1] as const;
/** TA1 note code for a bad ISA01 … ISA16 (TA105). */
export const ISA_ELEMENT_TA1_CODES = [
  '010',
  '011',
  '012',
  '013',
  '005',
  '006',
  '007',
  '008',
  '014',
  '015',
  '016',
  '017',
  '018',
  '019',
  '020',
  '027',
] as const;
/** A variable-width ISA is tolerated up to this length before the input is declared malformed. */
const MAX_TOLERANT_ISA_LENGTH = 400;

const enum State {
  /** Before an ISA, or after an IEA: only an ISA (or whitespace) may come. */
  Outside,
  /** Inside an interchange: segments end with its terminator. */
  Inside,
  /** The separators could not be established: nothing more can be read. */
  Failed,
}

function isAlphanumeric(char: string): boolean {
  const c = char.charCodeAt(0);
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Whitespace a sender may put between segments (CR/LF after terminators, indenting spaces). */
function isInterSegmentWhitespace(code: number): boolean {
  return code === 10 || code === 13 || code === 32 || code === 9;
}

/**
 * Incremental X12 tokenizer. Takes the separators from each ISA (so one input may hold interchanges
 * with different delimiters), tolerates CR/LF and spaces after segment terminators, and emits segments
 * as soon as their terminator arrives. Memory: the unconsumed tail of the input, i.e. at most one
 * partial segment plus the current chunk.
 */
export class X12Tokenizer {
  private buffer = '';
  /** Input offset of buffer[0]. */
  private consumed = 0;
  private state = State.Outside;
  private separators: X12Separators | undefined;
  private sawInterchange = false;
  private notX12Reported = false;
  /** Start of a run of text outside any interchange, reported when the run ends. */
  private garbageStart: number | undefined;

  constructor(private readonly sink: X12TokenSink) {}

  /** Feeds the next chunk: a string, or bytes (read as Latin-1 so one byte is one character). */
  write(chunk: string | Uint8Array): void {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
    this.buffer = this.buffer.length === 0 ? text : this.buffer + text;
    this.drain(false);
  }

  /** Signals the end of input: a last segment without terminator is still emitted. */
  end(): void {
    this.drain(true);
    this.flushGarbage('end');
    if (!this.sawInterchange && !this.notX12Reported) {
      this.sink.issue(x12Issue(X12IssueCode.NOT_X12, 'input is empty: no ISA interchange header', { offset: 0 }));
    }
    this.buffer = '';
  }

  private drain(final: boolean): void {
    const buffer = this.buffer;
    const length = buffer.length;
    let pos = 0;
    while (pos < length) {
      if (this.state === State.Failed) {
        pos = length;
        break;
      }
      while (pos < length && isInterSegmentWhitespace(buffer.charCodeAt(pos))) pos++;
      if (pos >= length) break;

      // A segment starting "ISA" + delimiter opens a new interchange (charCodeAt first: this runs per segment).
      if (
        this.state === State.Outside ||
        (buffer.charCodeAt(pos) === 73 &&
          buffer.startsWith('ISA', pos) &&
          pos + 3 < length &&
          buffer[pos + 3] !== ' ' &&
          !isAlphanumeric(buffer[pos + 3]))
      ) {
        const { next, wait } = this.readInterchangeStart(buffer, pos, final);
        pos = next;
        if (wait) break;
        continue;
      }

      const separators = this.separators!;
      const end = buffer.indexOf(separators.segment, pos);
      if (end < 0) {
        if (!final) break;
        this.sink.issue(
          x12Issue(X12IssueCode.SEGMENT_TERMINATOR_MISSING, 'input ends inside a segment (no segment terminator)', {
            offset: this.consumed + pos,
          }),
        );
        this.emit(buffer, pos, length, separators);
        pos = length;
        break;
      }
      this.emit(buffer, pos, end, separators);
      pos = end + 1;
    }
    this.consumed += pos;
    this.buffer = pos >= length ? '' : buffer.slice(pos);
  }

  /**
   * Emits the segment buffer[pos, end). Elements are cut straight out of the buffer with indexOf
   * (about twice as fast as slicing the segment and splitting it: this runs for every segment).
   */
  private emit(buffer: string, pos: number, segmentEnd: number, separators: X12Separators): void {
    let end = segmentEnd;
    // A line feed used as terminator leaves the CR of a CRLF pair at the end of the segment.
    if (separators.segment === '\n' && end > pos && buffer.charCodeAt(end - 1) === 13) end--;
    const separator = separators.element;
    const elements: string[] = [];
    let from = pos;
    for (;;) {
      const next = buffer.indexOf(separator, from);
      if (next < 0 || next >= end) {
        elements.push(buffer.slice(from, end));
        break;
      }
      elements.push(buffer.slice(from, next));
      from = next + 1;
    }
    const id = elements[0];
    this.sink.segment({ id, elements, offset: this.consumed + pos, separators });
    if (id === 'IEA') this.state = State.Outside;
  }

  /** Reads an ISA at or after `pos`, reporting any text skipped before it. */
  private readInterchangeStart(buffer: string, pos: number, final: boolean): { next: number; wait: boolean } {
    const candidate = this.findIsa(buffer, pos);
    if (candidate < 0) {
      if (final) {
        this.markGarbage(pos);
        this.flushGarbage('end');
        return { next: buffer.length, wait: false };
      }
      // Keep two characters in case "ISA" is split across chunks.
      const keep = Math.max(pos, buffer.length - 2);
      if (keep > pos) this.markGarbage(pos);
      return { next: keep, wait: true };
    }
    if (candidate > pos) this.markGarbage(pos);
    this.flushGarbage('isa', this.consumed + candidate);
    if (buffer.length - candidate < ISA_LENGTH && !final) return { next: candidate, wait: true };
    return this.parseIsa(buffer, candidate, final);
  }

  /** Position of the next "ISA" followed by a plausible element separator (or by the end of input), or -1. */
  private findIsa(buffer: string, from: number): number {
    let index = buffer.indexOf('ISA', from);
    while (index >= 0) {
      const separator = buffer[index + 3];
      if (separator === undefined || (separator !== ' ' && !isAlphanumeric(separator))) return index;
      index = buffer.indexOf('ISA', index + 1);
    }
    return -1;
  }

  private markGarbage(pos: number): void {
    if (this.garbageStart === undefined) this.garbageStart = this.consumed + pos;
  }

  private flushGarbage(reason: 'isa' | 'end', until?: number): void {
    if (this.garbageStart === undefined) return;
    const start = this.garbageStart;
    this.garbageStart = undefined;
    if (reason === 'end' && !this.sawInterchange) {
      this.notX12Reported = true;
      this.sink.issue(x12Issue(X12IssueCode.NOT_X12, 'no ISA interchange header found: the input is not X12', { offset: start }));
      return;
    }
    const stretch = until !== undefined ? ` up to offset ${until}` : ' up to the end of input';
    this.sink.issue(
      x12Issue(X12IssueCode.DATA_OUTSIDE_INTERCHANGE, `text outside any ISA/IEA interchange from offset ${start}${stretch}`, {
        offset: start,
      }),
    );
  }

  private parseIsa(buffer: string, pos: number, final: boolean): { next: number; wait: boolean } {
    const offset = this.consumed + pos;
    const available = buffer.length - pos;
    const elementSeparator = buffer[pos + 3];
    if (elementSeparator === undefined) {
      return this.fail(X12IssueCode.ISA_TRUNCATED, 'input ends inside the ISA segment', offset, buffer.length);
    }

    const fixed = available >= ISA_LENGTH && ISA_SEPARATOR_OFFSETS.every((k) => buffer[pos + k] === elementSeparator);
    let componentIndex: number;
    let isaFields: string[];
    if (fixed) {
      componentIndex = pos + 104;
      isaFields = buffer.slice(pos, componentIndex - 1).split(elementSeparator);
    } else {
      // Tolerate a variable-width ISA: find the 16th element separator, then ISA16 and the terminator.
      let index = pos + 3;
      let count = 1;
      const limit = Math.min(buffer.length, pos + MAX_TOLERANT_ISA_LENGTH);
      while (count < 16) {
        const next = buffer.indexOf(elementSeparator, index + 1);
        if (next < 0 || next >= limit) break;
        index = next;
        count++;
      }
      if (count < 16 || index + 2 >= buffer.length) {
        if (!final && buffer.length < pos + MAX_TOLERANT_ISA_LENGTH) return { next: pos, wait: true };
        return this.fail(X12IssueCode.ISA_TRUNCATED, `ISA segment is incomplete: ${count} of 16 elements found`, offset, buffer.length);
      }
      componentIndex = index + 1;
      isaFields = buffer.slice(pos, index).split(elementSeparator);
      for (let i = 1; i <= 15; i++) {
        const width = isaFields[i]?.length ?? 0;
        if (width !== ISA_ELEMENT_WIDTHS[i - 1]) {
          this.sink.issue(
            x12Issue(
              X12IssueCode.ISA_FIELD_WIDTH,
              `ISA${String(i).padStart(2, '0')} is ${width} characters wide; its fixed width is ${ISA_ELEMENT_WIDTHS[i - 1]}`,
              { offset, segmentId: 'ISA', elementPosition: i },
              { ack: { ta105: ISA_ELEMENT_TA1_CODES[i - 1] } },
            ),
          );
        }
      }
    }
    const componentSeparator = buffer[componentIndex];
    const segmentTerminator = buffer[componentIndex + 1];
    if (segmentTerminator === undefined) {
      return this.fail(X12IssueCode.ISA_TRUNCATED, 'input ends before the ISA segment terminator', offset, buffer.length);
    }
    if (isAlphanumeric(segmentTerminator) || segmentTerminator === ' ' || segmentTerminator === elementSeparator) {
      return this.fail(
        X12IssueCode.INVALID_SEPARATOR,
        'segment terminator (the character after ISA16) is a letter, digit, space or the element separator',
        offset,
        buffer.length,
        '004',
      );
    }
    const version = isaFields[12] ?? '';
    const repetition = this.checkSeparators(offset, version, elementSeparator, componentSeparator, isaFields[11] ?? '', segmentTerminator);

    this.separators = { element: elementSeparator, component: componentSeparator, repetition, segment: segmentTerminator };
    this.state = State.Inside;
    this.sawInterchange = true;
    isaFields.push(componentSeparator);
    this.sink.segment({ id: 'ISA', elements: isaFields, offset, separators: this.separators });
    return { next: componentIndex + 2, wait: false };
  }

  /** Checks that the delimiters are distinct punctuation; returns the usable repetition separator. */
  private checkSeparators(
    offset: number,
    version: string,
    element: string,
    component: string,
    repetitionCandidate: string,
    segment: string,
  ): string | undefined {
    const invalid = (what: string, ta105: string, elementPosition: number) =>
      this.sink.issue(x12Issue(X12IssueCode.INVALID_SEPARATOR, what, { offset, segmentId: 'ISA', elementPosition }, { ack: { ta105 } }));
    if (isAlphanumeric(component) || component === ' ' || component === element || component === segment) {
      invalid('ISA16 component separator is a letter, digit, space or equals another delimiter', '027', 16);
    }
    // Before 5010, ISA11 was the standards identifier ("U"), not a delimiter.
    if (version < '00501') return undefined;
    const usable =
      repetitionCandidate.length === 1 &&
      !isAlphanumeric(repetitionCandidate) &&
      repetitionCandidate !== ' ' &&
      repetitionCandidate !== element &&
      repetitionCandidate !== component &&
      repetitionCandidate !== segment;
    if (!usable) {
      invalid('ISA11 repetition separator must be one punctuation character distinct from the other delimiters', '016', 11);
      return undefined;
    }
    return repetitionCandidate;
  }

  private fail(code: X12IssueCode, message: string, offset: number, end: number, ta105?: string): { next: number; wait: boolean } {
    this.sink.issue(x12Issue(code, message, { offset, segmentId: 'ISA' }, ta105 ? { ack: { ta105 } } : {}));
    this.state = State.Failed;
    this.sawInterchange = true;
    return { next: end, wait: false };
  }
}

/** Tokenizes a whole input at once (see X12Tokenizer). */
export function tokenizeX12(input: string | Uint8Array): { segments: X12Segment[]; issues: X12ValidationIssue[] } {
  const segments: X12Segment[] = [];
  const issues: X12ValidationIssue[] = [];
  const tokenizer = new X12Tokenizer({ segment: (s) => segments.push(s), issue: (i) => issues.push(i) });
  tokenizer.write(input);
  tokenizer.end();
  return { segments, issues };
}
