/**
 * A SCIM 2.0 filter (RFC 7644 §3.4.2.2), the subset HR clients send: comparisons joined by `and`,
 * `or` and parentheses, `not (...)`, and `pr`. Attribute paths may carry a schema URN prefix.
 * Parsing is pure and answers a typed error naming the position of the first problem.
 */
export type ScimComparator = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';

export type ScimFilter =
  | { kind: 'compare'; path: string; op: ScimComparator; value: string | number | boolean | null }
  | { kind: 'present'; path: string }
  | { kind: 'and' | 'or'; left: ScimFilter; right: ScimFilter }
  | { kind: 'not'; filter: ScimFilter };

export class ScimFilterError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(`${message} at position ${position}`);
    this.name = 'ScimFilterError';
  }
}

const COMPARATORS = new Set(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le']);

type Token = { type: 'word' | 'string' | 'lparen' | 'rparen'; text: string; position: number };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < input.length) {
    const char = input[index];
    if (char === ' ' || char === '\t') {
      index += 1;
    } else if (char === '(' || char === ')') {
      tokens.push({ type: char === '(' ? 'lparen' : 'rparen', text: char, position: index });
      index += 1;
    } else if (char === '"') {
      const start = index;
      let text = '';
      index += 1;
      while (index < input.length && input[index] !== '"') {
        if (input[index] === '\\' && index + 1 < input.length) index += 1;
        text += input[index];
        index += 1;
      }
      if (index >= input.length) throw new ScimFilterError('Unterminated string', start);
      index += 1;
      tokens.push({ type: 'string', text, position: start });
    } else {
      const start = index;
      while (index < input.length && !' \t()"'.includes(input[index])) index += 1;
      tokens.push({ type: 'word', text: input.slice(start, index), position: start });
    }
  }
  return tokens;
}

export function parseScimFilter(input: string): ScimFilter {
  if (input.length > 1_000) throw new ScimFilterError('Filter longer than 1000 characters', 0);
  const tokens = tokenize(input);
  let index = 0;
  let depth = 0;
  const peek = () => tokens[index];
  const next = () => tokens[index++];

  const expression = (): ScimFilter => {
    let left = term();
    while (peek()?.type === 'word' && peek().text.toLowerCase() === 'or') {
      next();
      left = { kind: 'or', left, right: term() };
    }
    return left;
  };
  const term = (): ScimFilter => {
    let left = factor();
    while (peek()?.type === 'word' && peek().text.toLowerCase() === 'and') {
      next();
      left = { kind: 'and', left, right: factor() };
    }
    return left;
  };
  const factor = (): ScimFilter => {
    const token = next();
    if (!token) throw new ScimFilterError('Expected an attribute', input.length);
    if (token.type === 'lparen') {
      if (++depth > 20) throw new ScimFilterError('Filter nested too deeply', token.position);
      const inner = expression();
      const close = next();
      if (close?.type !== 'rparen') throw new ScimFilterError('Expected ")"', close?.position ?? input.length);
      depth -= 1;
      return inner;
    }
    if (token.type === 'word' && token.text.toLowerCase() === 'not') {
      const open = peek();
      if (open?.type !== 'lparen') throw new ScimFilterError('Expected "(" after not', open?.position ?? input.length);
      return { kind: 'not', filter: factor() };
    }
    if (token.type !== 'word' || !/^[A-Za-z][\w:.$-]*$/.test(token.text))
      throw new ScimFilterError('Expected an attribute', token.position);
    const operator = next();
    if (!operator || operator.type !== 'word') throw new ScimFilterError('Expected an operator', operator?.position ?? input.length);
    const op = operator.text.toLowerCase();
    if (op === 'pr') return { kind: 'present', path: token.text };
    if (!COMPARATORS.has(op)) throw new ScimFilterError(`Unknown operator "${operator.text}"`, operator.position);
    const value = next();
    if (!value) throw new ScimFilterError('Expected a value', input.length);
    return { kind: 'compare', path: token.text, op: op as ScimComparator, value: literal(value) };
  };

  const filter = expression();
  const rest = peek();
  if (rest) throw new ScimFilterError(`Unexpected "${rest.text}"`, rest.position);
  return filter;
}

function literal(token: Token): string | number | boolean | null {
  if (token.type === 'string') return token.text;
  if (token.type !== 'word') throw new ScimFilterError('Expected a value', token.position);
  if (token.text === 'true') return true;
  if (token.text === 'false') return false;
  if (token.text === 'null') return null;
  if (/^-?\d+(\.\d+)?$/.test(token.text)) return Number(token.text);
  throw new ScimFilterError(`Expected a quoted string, number, true, false or null, not "${token.text}"`, token.position);
}

/**
 * Whether a resource matches. `read` gives an attribute's value(s) by lower-cased path (without the
 * core schema prefix); string comparisons ignore case, as SCIM's caseExact=false attributes do.
 */
export function matchesScimFilter(filter: ScimFilter, read: (path: string) => unknown): boolean {
  switch (filter.kind) {
    case 'and':
      return matchesScimFilter(filter.left, read) && matchesScimFilter(filter.right, read);
    case 'or':
      return matchesScimFilter(filter.left, read) || matchesScimFilter(filter.right, read);
    case 'not':
      return !matchesScimFilter(filter.filter, read);
    case 'present': {
      const values = asList(read(normalisePath(filter.path)));
      return values.some((value) => value !== undefined && value !== null && value !== '');
    }
    case 'compare':
      return asList(read(normalisePath(filter.path))).some((value) => compare(value, filter.op, filter.value));
  }
}

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:user:';

export function normalisePath(path: string): string {
  const lower = path.toLowerCase();
  return lower.startsWith(CORE) ? lower.slice(CORE.length) : lower;
}

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

function compare(actual: unknown, op: ScimComparator, expected: string | number | boolean | null): boolean {
  if (expected === null)
    return op === 'eq' ? actual === null || actual === undefined : op === 'ne' ? actual !== null && actual !== undefined : false;
  if (actual === undefined || actual === null) return op === 'ne';
  if (typeof expected === 'boolean' || typeof actual === 'boolean') {
    if (op === 'eq') return actual === expected;
    if (op === 'ne') return actual !== expected;
    return false;
  }
  const a = typeof actual === 'string' ? actual.toLowerCase() : actual;
  const e = typeof expected === 'string' ? expected.toLowerCase() : expected;
  switch (op) {
    case 'eq':
      return a === e;
    case 'ne':
      return a !== e;
    case 'co':
      return typeof a === 'string' && typeof e === 'string' && a.includes(e);
    case 'sw':
      return typeof a === 'string' && typeof e === 'string' && a.startsWith(e);
    case 'ew':
      return typeof a === 'string' && typeof e === 'string' && a.endsWith(e);
    case 'gt':
      return (a as number | string) > e;
    case 'ge':
      return (a as number | string) >= e;
    case 'lt':
      return (a as number | string) < e;
    case 'le':
      return (a as number | string) <= e;
  }
}
