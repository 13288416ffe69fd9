import { buildSchema, type FragmentDefinitionNode, Kind, type OperationDefinitionNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { queryCost } from './query-cost';

const schema = buildSchema(`
  type Query { patients(first: Int): PatientConnection patient(id: ID!): Patient }
  type PatientConnection { nodes: [Patient!]! edges: [PatientEdge!]! totalCount: Int }
  type PatientEdge { cursor: String! node: Patient! }
  type Patient { id: ID! name: String claims(first: Int): ClaimConnection }
  type ClaimConnection { nodes: [Claim!]! totalCount: Int }
  type Claim { id: ID! status: String }
`);

function cost(query: string, variables?: Record<string, unknown>): number {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  return queryCost(schema, operation, fragments, variables, { defaultPageSize: 20 });
}

describe('queryCost', () => {
  it.each([
    ['one field per unit without lists', '{ patient(id: "a") { id name } }', undefined, 3],
    ['__typename is free', '{ patient(id: "a") { __typename id } }', undefined, 2],
    ['nodes count once per item of the page', '{ patients(first: 50) { totalCount nodes { id } } }', undefined, 1 + 1 + 1 + 50],
    ['the default page size without first', '{ patients { nodes { id } } }', undefined, 1 + 1 + 20],
    ['edges like nodes', '{ patients(first: 10) { edges { cursor node { id } } } }', undefined, 1 + 1 + 10 * 3],
    ['first from a variable', 'query Q($n: Int) { patients(first: $n) { nodes { id } } }', { n: 5 }, 1 + 1 + 5],
    ['first from a variable default', 'query Q($n: Int = 7) { patients(first: $n) { nodes { id } } }', undefined, 1 + 1 + 7],
    [
      'nested pages multiply',
      '{ patients(first: 50) { nodes { id claims(first: 10) { nodes { id status } } } } }',
      undefined,
      1 + 1 + 50 * (1 + 1 + 1 + 10 * 2),
    ],
    [
      'fragments cost what they select',
      '{ patients(first: 2) { nodes { ...P } } } fragment P on Patient { id name }',
      undefined,
      1 + 1 + 2 * 2,
    ],
  ])('%s', (_name, query, variables, expected) => {
    expect(cost(query, variables)).toBe(expected);
  });

  it('is at least one', () => {
    expect(cost('{ __typename }')).toBe(1);
  });
});
