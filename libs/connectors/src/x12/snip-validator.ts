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

/**
 * One element's rule. Every rule object has all fields (absent ones undefined) in the same order, so
 * the checker's property reads stay monomorphic: it runs for every element of a 100 MB remittance.
 */
export interface ElementRule {
  readonly type: ElementType;
  readonly min: number;
  readonly max: number;
  readonly usage: ElementUsage;
  /** Allowed code values of an ID element. */
  readonly codes: ReadonlySet<string> | undefined;
  /** X12 data element reference number (IK402). */
  readonly ref: number | undefined;
  /** Components of a composite element, by position (1-based → index 0). */
  readonly components: readonly (ElementRule | undefined)[] | undefined;
  /** Maximum repetitions. */
  readonly repeat: number;
}

export interface SegmentRule {
  readonly id: string;
  /** Rules by element position (1-based → index 0); undefined positions are not checked. */
  readonly elements: readonly (ElementRule | undefined)[];
  /** "CLM05", "CLM05-1" …: element names precomputed so that checking valid data allocates nothing. */
  readonly names: readonly string[];
  readonly componentNames: readonly (readonly string[] | undefined)[];
}

type RuleOptions = { ref?: number; codes?: readonly string[]; usage?: ElementUsage; repeat?: number };

function rule(type: ElementType, min: number, max: number, options: RuleOptions): ElementRule {
  return {
    type,
    min,
    max,
    usage: options.usage ?? 'R',
    codes: options.codes ? new Set(options.codes) : undefined,
    ref: options.ref,
    components: undefined,
    repeat: options.repeat ?? 1,
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
  composite: (
    usage: ElementUsage,
    components: readonly (ElementRule | undefined)[],
    options: { ref?: number; repeat?: number } = {},
  ): ElementRule => ({
    type: 'AN',
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    usage,
    codes: undefined,
    ref: options.ref,
    components,
    repeat: options.repeat ?? 1,
  }),
  /** An element the guide marks "not used". */
  notUsed: (): ElementRule => rule('AN', 0, Number.MAX_SAFE_INTEGER, { usage: 'N' }),
  optional: (r: ElementRule): ElementRule => ({ ...r, usage: 'S' }),
};

function label(segmentId: string, position: number, component?: number): string {
  const base = `${segmentId}${String(position).padStart(2, '0')}`;
  return component === undefined ? base : `${base}-${component}`;
}

export function segmentRule(id: string, elements: Readonly<Record<number, ElementRule>>): SegmentRule {
  const max = Math.max(0, ...Object.keys(elements).map(Number));
  const list: (ElementRule | undefined)[] = [];
  const names: string[] = [];
  const componentNames: (string[] | undefined)[] = [];
  for (let i = 1; i <= max; i++) {
    const element = elements[i];
    list.push(element);
    names.push(label(id, i));
    componentNames.push(element?.components?.map((_, c) => label(id, i, c + 1)));
  }
  return { id, elements: list, names, componentNames };
}

/** An element problem and where it is. */
export interface ElementProblem {
  code: X12IssueCode;
  message: string;
  elementPosition: number;
  componentPosition?: number;
  repetitionPosition?: number;
  elementReference?: number;
  badValue?: string;
}

type ValueProblem = Omit<ElementProblem, 'elementPosition'>;

/** Length of a numeric value as X12 counts it (no sign, no decimal point), or -1 when it is not one. */
function numericLength(value: string, decimal: boolean): number {
  const n = value.length;
  let i = value.charCodeAt(0) === 45 ? 1 : 0;
  let digits = 0;
  let point = false;
  for (; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 46 && decimal && !point) point = true;
    else return -1;
  }
  return digits === 0 ? -1 : digits;
}

/** Whether a value holds only printable ASCII and none of the two in-element delimiters (component, repetition). */
function isPlainPrintable(value: string, component: number, repetition: number): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 32 || c > 126 || c === component || c === repetition) return false;
  }
  return true;
}

/** Checks one value against its rule; returns the problem, or undefined (allocating nothing). */
function checkValue(value: string, rule: ElementRule, name: string, component = -1, repetition = -1): ValueProblem | undefined {
  const { type } = rule;
  let length = value.length;
  if (type === 'R' || type === 'N0') {
    length = numericLength(value, type === 'R');
    if (length < 0)
      return { code: X12IssueCode.INVALID_NUMBER, message: `${name} is not a ${type === 'R' ? 'decimal number' : 'whole number'}` };
  } else if (type === 'DT') {
    if (value.length !== rule.max || !isX12Date(value)) {
      return { code: X12IssueCode.INVALID_DATE, message: `${name} is not a valid ${rule.max === 8 ? 'CCYYMMDD' : 'YYMMDD'} date` };
    }
    return undefined;
  } else if (type === 'TM') {
    if (!isX12Time(value)) return { code: X12IssueCode.INVALID_TIME, message: `${name} is not a valid HHMM[SS[d]] time` };
    return undefined;
  } else if (!isPlainPrintable(value, component, repetition)) {
    return { code: X12IssueCode.INVALID_CHARACTER, message: `${name} contains a character outside the X12 character set` };
  }
  if (length < rule.min) return { code: X12IssueCode.ELEMENT_TOO_SHORT, message: `${name} is shorter than its minimum length ${rule.min}` };
  if (length > rule.max) return { code: X12IssueCode.ELEMENT_TOO_LONG, message: `${name} is longer than its maximum length ${rule.max}` };
  if (type === 'ID' && rule.codes !== undefined && !rule.codes.has(value)) {
    // Code values are never patient data, so the 999 may quote them.
    return { code: X12IssueCode.INVALID_CODE_VALUE, message: `${name} is not one of the codes the guide allows here`, badValue: value };
  }
  return undefined;
}

function withReference(problem: ElementProblem, reference: number | undefined): ElementProblem {
  if (reference !== undefined) problem.elementReference = reference;
  return problem;
}

/**
 * Checks a segment's elements against a rule. Returns the problems found, or undefined when there are
 * none: valid segments (nearly all of them) cost no allocation.
 */
export function checkSegmentElements(segment: X12Segment, rule: SegmentRule): ElementProblem[] | undefined {
  const { elements } = segment;
  const rules = rule.elements;
  const present = elements.length - 1;
  let problems: ElementProblem[] | undefined;
  const componentSeparator = segment.separators.component;
  const repetitionSeparator = segment.separators.repetition;
  const componentCode = componentSeparator.charCodeAt(0);
  const repetitionCode = repetitionSeparator === undefined ? -1 : repetitionSeparator.charCodeAt(0);
  for (let position = 1; position <= rules.length; position++) {
    const elementRule = rules[position - 1];
    if (elementRule === undefined) continue;
    const value = position <= present ? elements[position] : '';
    if (value === '') {
      if (elementRule.usage === 'R')
        (problems ??= []).push(
          withReference(
            { code: X12IssueCode.REQUIRED_ELEMENT_MISSING, message: `${rule.names[position - 1]} is required`, elementPosition: position },
            elementRule.ref,
          ),
        );
      continue;
    }
    const name = rule.names[position - 1];
    if (elementRule.usage === 'N') {
      (problems ??= []).push(
        withReference(
          { code: X12IssueCode.ELEMENT_NOT_USED, message: `${name} is not used in this loop`, elementPosition: position },
          elementRule.ref,
        ),
      );
      continue;
    }
    const components = elementRule.components;
    if (components === undefined && elementRule.repeat === 1) {
      // Fast path for simple elements: one scan checks the value and that no delimiter hides in it.
      const problem = checkValue(value, elementRule, name, componentCode, repetitionCode);
      if (problem === undefined) continue;
      if (repetitionSeparator !== undefined && value.includes(repetitionSeparator)) {
        (problems ??= []).push(
          withReference(
            { code: X12IssueCode.TOO_MANY_REPETITIONS, message: `${name} repeats more than 1 times`, elementPosition: position },
            elementRule.ref,
          ),
        );
      } else if (value.includes(componentSeparator)) {
        (problems ??= []).push(
          withReference(
            {
              code: X12IssueCode.TOO_MANY_COMPONENTS,
              message: `${name} is a simple element but has components`,
              elementPosition: position,
            },
            elementRule.ref,
          ),
        );
      } else {
        (problems ??= []).push(withReference({ ...problem, elementPosition: position }, elementRule.ref));
      }
      continue;
    }
    const repeated = repetitionSeparator !== undefined && value.includes(repetitionSeparator);
    const repetitions = repeated ? value.split(repetitionSeparator) : undefined;
    const count = repetitions?.length ?? 1;
    if (count > elementRule.repeat) {
      (problems ??= []).push(
        withReference(
          {
            code: X12IssueCode.TOO_MANY_REPETITIONS,
            message: `${name} repeats more than ${elementRule.repeat} times`,
            elementPosition: position,
          },
          elementRule.ref,
        ),
      );
      continue;
    }
    for (let r = 0; r < count; r++) {
      const repetition = repetitions ? repetitions[r] : value;
      if (components === undefined) {
        if (repetition.includes(componentSeparator)) {
          const problem: ElementProblem = {
            code: X12IssueCode.TOO_MANY_COMPONENTS,
            message: `${name} is a simple element but has components`,
            elementPosition: position,
          };
          if (repetitions) problem.repetitionPosition = r + 1;
          (problems ??= []).push(withReference(problem, elementRule.ref));
          continue;
        }
        const problem = checkValue(repetition, elementRule, name);
        if (problem) {
          const located: ElementProblem = { ...problem, elementPosition: position };
          if (repetitions) located.repetitionPosition = r + 1;
          (problems ??= []).push(withReference(located, elementRule.ref));
        }
        continue;
      }
      const parts = repetition.split(componentSeparator);
      if (parts.length > components.length) {
        const problem: ElementProblem = {
          code: X12IssueCode.TOO_MANY_COMPONENTS,
          message: `${name} has more than ${components.length} components`,
          elementPosition: position,
        };
        if (repetitions) problem.repetitionPosition = r + 1;
        (problems ??= []).push(withReference(problem, elementRule.ref));
      }
      const componentNames = rule.componentNames[position - 1]!;
      for (let c = 1; c <= components.length; c++) {
        const componentRule = components[c - 1];
        if (componentRule === undefined) continue;
        const componentValue = parts[c - 1] ?? '';
        let problem: ValueProblem | undefined;
        if (componentValue === '') {
          if (componentRule.usage === 'R')
            problem = { code: X12IssueCode.REQUIRED_ELEMENT_MISSING, message: `${componentNames[c - 1]} is required` };
        } else if (componentRule.usage === 'N') {
          problem = { code: X12IssueCode.ELEMENT_NOT_USED, message: `${componentNames[c - 1]} is not used in this loop` };
        } else {
          problem = checkValue(componentValue, componentRule, componentNames[c - 1]);
        }
        if (problem) {
          const located: ElementProblem = { ...problem, elementPosition: position, componentPosition: c };
          if (repetitions) located.repetitionPosition = r + 1;
          (problems ??= []).push(withReference(located, componentRule.ref ?? elementRule.ref));
        }
      }
    }
  }
  if (present > rules.length) {
    for (let position = rules.length + 1; position <= present; position++) {
      if (elements[position] !== '') {
        (problems ??= []).push({
          code: X12IssueCode.TOO_MANY_ELEMENTS,
          message: `${segment.id} has data in element ${position}, past the last element the guide defines`,
          elementPosition: position,
        });
        break;
      }
    }
  }
  return problems;
}

const SEGMENT_ID = /^[A-Z][A-Z0-9]{1,2}$/;

/** Whether a segment id is syntactically one (two or three upper-case letters and digits). */
export function isSegmentId(id: string): boolean {
  return SEGMENT_ID.test(id);
}

/** An issue for an element problem at a segment in a loop. */
export function elementIssue(problem: ElementProblem, segment: X12Segment, position: number, loopId: string): X12ValidationIssue {
  const { code, message, badValue, ...where } = problem;
  return x12Issue(
    code,
    `${message} (loop ${loopId}, segment ${position})`,
    {
      offset: segment.offset,
      segmentPosition: position,
      segmentId: segment.id,
      loopId,
      ...where,
    },
    badValue !== undefined ? { badValue } : {},
  );
}
