import { buildSchema, type GraphQLError, parse, specifiedRules, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { depthLimitRule } from './depth-limit.rule';

const schema = buildSchema(`
  type Query {
    patient(id: ID!): Patient
    patients: [Patient!]!
  }
  type Patient {
    id: ID!
    name: String
    relatives: [Patient!]!
    practitioner: Practitioner
  }
  type Practitioner {
    id: ID!
    patients: [Patient!]!
  }
`);

const MAX_DEPTH = 3;

/** Errors of the depth rule alone, so that other rules' findings do not blur the result. */
const depthErrors = (query: string, maxDepth = MAX_DEPTH): readonly GraphQLError[] =>
  validate(schema, parse(query), [depthLimitRule(maxDepth)]);

describe('depthLimitRule', () => {
  it.each([
    { name: 'one level', query: '{ patients { id } }', depth: 2 },
    { name: 'a scalar at the root level', query: '{ __typename }', depth: 0 },
    { name: 'exactly the limit', query: '{ patient(id: "1") { relatives { id } } }', depth: 3 },
    {
      name: 'the limit through a named fragment',
      query: '{ patient(id: "1") { ...Rel } } fragment Rel on Patient { relatives { id } }',
      depth: 3,
    },
    { name: 'the limit through an inline fragment', query: '{ patient(id: "1") { ... on Patient { relatives { id } } } }', depth: 3 },
    { name: '__typename one level below the limit', query: '{ patient(id: "1") { relatives { relatives { __typename } } } }', depth: 3 },
    { name: 'a spread of an unknown fragment', query: '{ patient(id: "1") { ...Missing } }', depth: 1 },
  ])('accepts $name', ({ query }) => {
    expect(depthErrors(query)).toStrictEqual([]);
  });

  it.each([
    { name: 'plain fields', query: '{ patient(id: "1") { relatives { relatives { id } } } }', depth: 4 },
    {
      name: 'the deepest of several siblings',
      query: '{ patient(id: "1") { id name relatives { id relatives { id } } practitioner { id } } }',
      depth: 4,
    },
    {
      name: 'a named fragment',
      query: '{ patient(id: "1") { ...Deep } } fragment Deep on Patient { relatives { relatives { id } } }',
      depth: 4,
    },
    {
      name: 'fragments spreading fragments',
      query: `
        { patient(id: "1") { ...A } }
        fragment A on Patient { relatives { ...B } }
        fragment B on Patient { practitioner { ...C } }
        fragment C on Practitioner { patients { id } }`,
      depth: 5,
    },
    { name: 'an inline fragment', query: '{ patient(id: "1") { ... on Patient { relatives { relatives { id } } } } }', depth: 4 },
    {
      name: 'an inline fragment without a type condition',
      query: '{ patient(id: "1") { ... @include(if: true) { relatives { relatives { id } } } } }',
      depth: 4,
    },
    {
      name: 'a named query with variables',
      query: 'query Deep($id: ID!) { patient(id: $id) { relatives { relatives { id } } } }',
      depth: 4,
    },
    { name: 'aliased fields', query: '{ a: patient(id: "1") { b: relatives { c: relatives { d: relatives { id } } } } }', depth: 5 },
  ])('rejects $name with QUERY_TOO_DEEP', ({ query, depth }) => {
    const errors = depthErrors(query);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.extensions).toStrictEqual({ code: 'QUERY_TOO_DEEP' });
    expect(errors[0]?.message).toBe(`Query is nested ${depth} levels deep; the limit is ${MAX_DEPTH}`);
  });

  it('counts exactly: the same query passes at its own depth and fails one below', () => {
    const query = '{ patient(id: "1") { practitioner { patients { relatives { id } } } } }';
    expect(depthErrors(query, 5)).toStrictEqual([]);
    expect(depthErrors(query, 4)).toHaveLength(1);
  });

  it('does not count __typename as a level', () => {
    const withTypename = '{ patient(id: "1") { relatives { relatives { __typename } } } }';
    const withId = '{ patient(id: "1") { relatives { relatives { id } } } }';
    expect(depthErrors(withTypename)).toStrictEqual([]);
    expect(depthErrors(withId)).toHaveLength(1);
  });

  it('points at the operation that is too deep, once per operation', () => {
    const query = `
      query Shallow { patients { id } }
      query Deep { patient(id: "1") { relatives { relatives { id } } } }
    `;
    const errors = depthErrors(query);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.locations).toStrictEqual([{ line: 3, column: 7 }]);
  });

  it('reports each deep operation', () => {
    const deep = '{ patient(id: "1") { relatives { relatives { id } } } }';
    expect(depthErrors(`query One ${deep} query Two ${deep}`)).toHaveLength(2);
  });

  it('finishes on cyclic fragment spreads and still measures the depth it walked', () => {
    const query = `
      { patient(id: "1") { ...A } }
      fragment A on Patient { relatives { ...B } }
      fragment B on Patient { relatives { ...A } }
    `;
    const started = Date.now();
    expect(depthErrors(query, 3)).toStrictEqual([]);
    expect(depthErrors(query, 2).map((error) => error.message)).toStrictEqual(['Query is nested 3 levels deep; the limit is 2']);
    // Alongside graphql's own rules, the cycle itself is what gets reported.
    const all = validate(schema, parse(query), [...specifiedRules, depthLimitRule(MAX_DEPTH)]);
    expect(all.map((error) => error.message)).toContainEqual(expect.stringContaining('Cannot spread fragment "A" within itself'));
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('computes each fragment once: a chain of 40 fragments, each spreading the next one twice, validates', () => {
    // Walked without caching, this document has 2^39 paths to the last fragment and would never finish.
    const count = 40;
    const fragments = Array.from({ length: count }, (_, i) =>
      i < count - 1 ? `fragment F${i} on Patient { relatives { ...F${i + 1} ...F${i + 1} } }` : `fragment F${i} on Patient { id }`,
    );
    const query = `{ patient(id: "1") { ...F0 } }\n${fragments.join('\n')}`;
    // patient, 39 levels of relatives, then id.
    expect(depthErrors(query, 41)).toStrictEqual([]);
    expect(depthErrors(query, 40).map((error) => error.message)).toStrictEqual(['Query is nested 41 levels deep; the limit is 40']);
  });

  it('computes each fragment once: a wide fan of spreads through many fragments validates', () => {
    // Each fragment spreads the next one from two different fields: 2^39 field paths without caching.
    const count = 40;
    const fragments = Array.from({ length: count }, (_, i) =>
      i < count - 1
        ? `fragment G${i} on Patient { relatives { ...G${i + 1} } practitioner { patients { ...G${i + 1} } } }`
        : `fragment G${i} on Patient { name }`,
    );
    const query = `{ patients { ...G0 } }\n${fragments.join('\n')}`;
    // patients, then 39 times practitioner + patients (the deeper branch), then name.
    expect(depthErrors(query, 80)).toStrictEqual([]);
    expect(depthErrors(query, 3).map((error) => error.message)).toStrictEqual(['Query is nested 80 levels deep; the limit is 3']);
  });

  it('finishes on a fragment that spreads itself', () => {
    const query = '{ patient(id: "1") { ...Self } } fragment Self on Patient { relatives { ...Self } }';
    expect(depthErrors(query, 1).map((error) => error.extensions['code'])).toStrictEqual(['QUERY_TOO_DEEP']);
    expect(depthErrors(query, 2)).toStrictEqual([]);
  });

  it('finishes on a cycle reached from a fragment that is spread twice', () => {
    const query = `
      { patient(id: "1") { ...A ...A } }
      fragment A on Patient { relatives { ...B ...B } }
      fragment B on Patient { practitioner { patients { ...A ...B } } }
    `;
    // patient, relatives, practitioner, patients: the spreads back into the cycle add nothing.
    expect(depthErrors(query, 4)).toStrictEqual([]);
    expect(depthErrors(query, 3)).toHaveLength(1);
  });
});

describe('depthLimitRule on introspection', () => {
  it.each([
    { name: '__schema', query: '{ __schema { types { fields { type { fields { name } } } } } }', depth: 6 },
    { name: '__type', query: '{ __type(name: "Patient") { fields { type { fields { type { name } } } } } }', depth: 6 },
    {
      name: '__schema through a named fragment',
      query: '{ __schema { ...Types } } fragment Types on __Schema { types { fields { type { name } } } }',
      depth: 5,
    },
    {
      name: 'the ofType chain of a type reference',
      query: '{ __type(name: "Patient") { fields { type { ofType { ofType { name } } } } } }',
      depth: 6,
    },
    { name: 'introspection beside ordinary fields', query: '{ patients { id } __schema { types { fields { name } } } }', depth: 4 },
  ])('counts $name like any other field and rejects it', ({ query, depth }) => {
    const errors = depthErrors(query);
    expect(errors.map((error) => error.message)).toStrictEqual([`Query is nested ${depth} levels deep; the limit is ${MAX_DEPTH}`]);
    expect(errors[0]?.extensions).toStrictEqual({ code: 'QUERY_TOO_DEEP' });
  });

  it.each([
    { name: 'a shallow __schema query', query: '{ __schema { queryType { name } } }' },
    { name: 'a shallow __type query', query: '{ __type(name: "Patient") { fields { name } } }' },
    { name: '__typename inside introspection', query: '{ __schema { types { name __typename } } }' },
  ])('accepts $name within the limit', ({ query }) => {
    expect(depthErrors(query)).toStrictEqual([]);
  });

  it('lets the introspection queries it rejects pass every other rule (they are valid against the schema)', () => {
    const query = '{ __schema { types { fields { type { fields { name } } } } } }';
    expect(validate(schema, parse(query))).toStrictEqual([]);
    expect(
      validate(schema, parse(query), [...specifiedRules, depthLimitRule(MAX_DEPTH)]).map((error) => error.extensions['code']),
    ).toStrictEqual(['QUERY_TOO_DEEP']);
  });

  it('still does not count __typename as a level', () => {
    expect(depthErrors('{ patient(id: "1") { relatives { relatives { __typename } } } }')).toStrictEqual([]);
    expect(depthErrors('{ __typename }', 0)).toStrictEqual([]);
  });
});
