/** The four delimiters of an interchange, read from its ISA. */
export interface X12Separators {
  /** Data element separator: the character right after "ISA". */
  readonly element: string;
  /** Component element separator: ISA16. */
  readonly component: string;
  /** Repetition separator: ISA11 in 5010; absent when the interchange has none (4010, or an invalid ISA11). */
  readonly repetition: string | undefined;
  /** Segment terminator: the character after ISA16. */
  readonly segment: string;
}

/** One segment as read: its id, its raw elements, where it starts and which separators apply. */
export interface X12Segment {
  readonly id: string;
  /** elements[0] is the segment id; elements[n] is element n, raw (components and repetitions not split). */
  readonly elements: readonly string[];
  /** Character offset of the segment's first character in the whole input. */
  readonly offset: number;
  readonly separators: X12Separators;
}

/** Element n of a segment (1-based), or '' when absent. */
export function elementOf(segment: X12Segment, position: number): string {
  return segment.elements[position] ?? '';
}

/** Component m (1-based) of element n, or '' when absent. */
export function componentOf(segment: X12Segment, position: number, component: number): string {
  const value = segment.elements[position];
  if (value === undefined || value === '') return '';
  if (component === 1 && !value.includes(segment.separators.component)) return value;
  return value.split(segment.separators.component)[component - 1] ?? '';
}

/** The components of element n (one entry when it is not a composite). */
export function componentsOf(segment: X12Segment, position: number): string[] {
  const value = segment.elements[position];
  if (value === undefined || value === '') return [];
  return value.split(segment.separators.component);
}

/** The repetitions of element n (one entry when there is no repetition separator). */
export function repetitionsOf(segment: X12Segment, position: number): string[] {
  const value = segment.elements[position];
  if (value === undefined || value === '') return [];
  const repetition = segment.separators.repetition;
  return repetition === undefined ? [value] : value.split(repetition);
}
