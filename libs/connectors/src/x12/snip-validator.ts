import { x12Issue, X12IssueCode, type X12ValidationIssue } from './x12-issue';
import type { X12Segment } from './x12-segment';
import { isX12Date, isX12Time } from './x12-values';

/**
 * Element-level rules of SNIP levels 1 and 2: data type, length, code values, required and not-used
 * elements, composites and repetitions, checked against a segment's rule as the implementation guide
 * sets it for one loop.
 */

export type ElementType = 'AN' | 'ID' | 'N0' | 'R' | 'DT' | 'TM';
/** R required, S situational (checked when present), N not used. */
export type ElementUsage = 'R' | 'S' | 'N';

export interface ElementRule {
  readonly type: ElementType;
  readonly min: number;
  readonly max: number;
  readonly usage: ElementUsage;
  /** Allowed code values of an ID element. */
  readonly codes?: ReadonlySet<string>;
  /** X12 data element reference number (IK402). */
  readonly ref?: number;
  /** Components of a composite element, by position (1-based → index 0). */
  readonly components?: readonly (ElementRule | undefined)[];
  /** Maximum repetitions (default 1). */
  readonly repeat?: number;
}

export interface SegmentRule {
  readonly id: string;
  /** Rules by element position (1-based → index 0); undefined positions are not checked. */
  readonly elements: readonly (ElementRule | undefined)[];
}

type RuleOptions = { ref?: number; codes?: readonly string[]; usage?: ElementUsage; repeat?: number };

function rule(type: ElementType, min: number, max: number, options: RuleOptions): ElementRule {
  return {
    type,
    min,
    max,
    usage: options.usage ?? 'R',
    ...(options.codes ? { codes: new Set(options.codes) } : {}),
    ...(options.ref !== undefined ? { ref: options.ref } : {}),
    ...(options.repeat !== undefined ? { repeat: options.repeat } : {}),
  };
}

/** Builders for element rules: `an(1, 60)`, `id(['85'])`, `r(1, 18)`, `dt()`, `composite(...)`. */
export const el = {
  an: (min: number, max: number, options: RuleOptions = {}) => rule('AN', min, max, options),
  id: (codes: readonly string[] | undefined, min: number, max: number, options: RuleOptions = {}) =>
    rule('ID', min, max, { ...options, ...(codes ? { codes } : {}) }),
  n0: (min: number, max: number, options: RuleOptions = {}) => rule('N0', min, max, options),
  r: (min: number, max: number, options: RuleOptions = {}) => rule('R', min, max, options),
  dt: (length: 8 | 6 = 8, options: RuleOptions = {}) => rule('DT', length, length, options),
  tm: (min = 4, max = 8, options: RuleOptions = {}) => rule('TM', min, max, options),
  /** A composite: its own usage, then its components. */
  composite: (usage: ElementUsage, components: readonly (ElementRule | undefined)[], options: { ref?: number; repeat?: number } = {}): ElementRule => ({
    type: 'AN',
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    usage,
    components,
    ...options,
  }),
  /** An element the guide marks "not used". */
  notUsed: (): ElementRule => rule('AN', 0, Number.MAX_SAFE_INTEGER, { usage: 'N' }),
  optional: (r: ElementRule): ElementRule => ({ ...r, usage: 'S' }),
};

export function segmentRule(id: string, elements: Readonly<Record<number, ElementRule>>): SegmentRule {
  const max = Math.max(0, ...Object.keys(elements).map(Number));
  const list: (ElementRule | undefined)[] = [];
  for (let i = 1; i <= max; i++) list.push(elements[i]);
  return { id, elements: list };
}

const NON_PRINTABLE = /[^\x20-\x7E]/;
const SIGNED_INTEGER = /^-?\d+$/;
const DECIMAL = /^-?(\d+\.?\d*|\.\d+)$/;

/** Receives element problems with where they are. */
export interface ElementProblem {
  code: X12IssueCode;
  message: string;
  elementPosition: number;
  componentPosition?: number;
  repetitionPosition?: number;
  elementReference?: number;
  badValue?: string;
}

/** Checks one value against its rule; returns the problem, or undefined. */
function checkValue(value: string, rule: ElementRule, name: string): Omit<ElementProblem, 'elementPosition'> | undefined {
  const { type } = rule;
  let length = value.length;
  if (type === 'R' || type === 'N0') {
    const pattern = type === 'R' ? DECIMAL : SIGNED_INTEGER;
    if (!pattern.test(value)) return { code: X12IssueCode.INVALID_NUMBER, message: `${name} is not a ${type === 'R' ? 'decimal number' : 'whole number'}` };
    // Sign and decimal point do not count towards the length of numeric elements.
    length = value.replace('-', '').replace('.', '').length;
  } else if (type === 'DT') {
    if (!isX12Date(value) || value.length !== rule.max) {
      return { code: X12IssueCode.INVALID_DATE, message: `${name} is not a valid ${rule.max === 8 ? 'CCYYMMDD' : 'YYMMDD'} date` };
    }
    return undefined;
  } else if (type === 'TM') {
    if (!isX12Time(value)) return { code: X12IssueCode.INVALID_TIME, message: `${name} is not a valid HHMM[SS[d]] time` };
    return undefined;
  } else if (NON_PRINTABLE.test(value)) {
    return { code: X12IssueCode.INVALID_CHARACTER, message: `${name} contains a character outside the X12 character set` };
  }
  if (length < rule.min) return { code: X12IssueCode.ELEMENT_TOO_SHORT, message: `${name} is shorter than its minimum length ${rule.min}` };
  if (length > rule.max) return { code: X12IssueCode.ELEMENT_TOO_LONG, message: `${name} is longer than its maximum length ${rule.max}` };
  if (type === 'ID' && rule.codes && !rule.codes.has(value)) {
    // Code values are never patient data, so the 999 may quote them.
    return { code: X12IssueCode.INVALID_CODE_VALUE, message: `${name} is not one of the codes the guide allows here`, badValue: value };
  }
  return undefined;
}

function label(segmentId: string, position: number, component?: number): string {
  const base = `${segmentId}${String(position).padStart(2, '0')}`;
  return component === undefined ? base : `${base}-${component}`;
}

/** Checks a segment's elements against a rule; calls back once per problem found. */
export function checkSegmentElements(segment: X12Segment, rule: SegmentRule, onProblem: (problem: ElementProblem) => void): void {
  const { elements } = segment;
  const rules = rule.elements;
  const present = elements.length - 1;
  for (let position = 1; position <= rules.length; position++) {
    const elementRule = rules[position - 1];
    if (elementRule === undefined) continue;
    const value = position <= present ? elements[position]! : '';
    const reference = elementRule.ref !== undefined ? { elementReference: elementRule.ref } : {};
    const name = label(segment.id, position);
    if (value === '') {
      if (elementRule.usage === 'R') {
        onProblem({ code: X12IssueCode.REQUIRED_ELEMENT_MISSING, message: `${name} is required`, elementPosition: position, ...reference });
      }
      continue;
    }
    if (elementRule.usage === 'N') {
      onProblem({ code: X12IssueCode.ELEMENT_NOT_USED, message: `${name} is not used in this loop`, elementPosition: position, ...reference });
      continue;
    }
    const repetitionSeparator = segment.separators.repetition;
    const repetitions = repetitionSeparator !== undefined && value.includes(repetitionSeparator) ? value.split(repetitionSeparator) : [value];
    if (repetitions.length > (elementRule.repeat ?? 1)) {
      onProblem({ code: X12IssueCode.TOO_MANY_REPETITIONS, message: `${name} repeats more than ${elementRule.repeat ?? 1} times`, elementPosition: position, ...reference });
      continue;
    }
    for (let r = 0; r < repetitions.length; r++) {
      const repetition = repetitions[r]!;
      const where = repetitions.length > 1 ? { repetitionPosition: r + 1 } : {};
      if (elementRule.components === undefined) {
        if (repetition.includes(segment.separators.component)) {
          onProblem({ code: X12IssueCode.TOO_MANY_COMPONENTS, message: `${name} is a simple element but has components`, elementPosition: position, ...where, ...reference });
          continue;
        }
        const problem = checkValue(repetition, elementRule, name);
        if (problem) onProblem({ ...problem, elementPosition: position, ...where, ...reference });
        continue;
      }
      const components = repetition.split(segment.separators.component);
      if (components.length > elementRule.components.length) {
        onProblem({ code: X12IssueCode.TOO_MANY_COMPONENTS, message: `${name} has more than ${elementRule.components.length} components`, elementPosition: position, ...where, ...reference });
      }
      for (let c = 1; c <= elementRule.components.length; c++) {
        const componentRule = elementRule.components[c - 1];
        if (componentRule === undefined) continue;
        const componentValue = components[c - 1] ?? '';
        const componentName = label(segment.id, position, c);
        const at = { elementPosition: position, componentPosition: c, ...where, ...(componentRule.ref !== undefined ? { elementReference: componentRule.ref } : reference) };
        if (componentValue === '') {
          if (componentRule.usage === 'R') onProblem({ code: X12IssueCode.REQUIRED_ELEMENT_MISSING, message: `${componentName} is required`, ...at });
          continue;
        }
        if (componentRule.usage === 'N') {
          onProblem({ code: X12IssueCode.ELEMENT_NOT_USED, message: `${componentName} is not used in this loop`, ...at });
          continue;
        }
        const problem = checkValue(componentValue, componentRule, componentName);
        if (problem) onProblem({ ...problem, ...at });
      }
    }
  }
  if (present > rules.length) {
    for (let position = rules.length + 1; position <= present; position++) {
      if (elements[position] !== '') {
        onProblem({ code: X12IssueCode.TOO_MANY_ELEMENTS, message: `${segment.id} has data in element ${position}, past the last element the guide defines`, elementPosition: position });
        break;
      }
    }
  }
}

const SEGMENT_ID = /^[A-Z][A-Z0-9]{1,2}$/;

/** Whether a segment id is syntactically one (two or three upper-case letters and digits). */
export function isSegmentId(id: string): boolean {
  return SEGMENT_ID.test(id);
}

/** An issue for an element problem at a segment in a loop. */
export function elementIssue(problem: ElementProblem, segment: X12Segment, position: number, loopId: string): X12ValidationIssue {
  const { code, message, badValue, ...where } = problem;
  return x12Issue(code, `${message} (loop ${loopId}, segment ${position})`, {
    offset: segment.offset,
    segmentPosition: position,
    segmentId: segment.id,
    loopId,
    ...where,
  }, badValue !== undefined ? { badValue } : {});
}
