import { describe, expect, it } from 'vitest';
import { graphqlBreakingChanges } from './graphql-breaking-changes';

const RELEASED = `
  type Query { patient(id: ID!): Patient }
  type Patient { id: ID! mrn: String gender: Gender! }
  enum Gender { MALE FEMALE }
`;

describe('graphqlBreakingChanges', () => {
  it('accepts additions and deprecations', () => {
    const current = `
      type Query { patient(id: ID!): Patient patients(first: Int): [Patient!] }
      type Patient { id: ID! mrn: String @deprecated(reason: "use identifiers") gender: Gender! email: String }
      enum Gender { MALE FEMALE OTHER }
    `;
    expect(graphqlBreakingChanges(RELEASED, current)).toEqual([]);
  });

  it('names removed fields, retyped fields, new required arguments and removed enum values', () => {
    const current = `
      type Query { patient(id: ID!, tenant: String!): Patient }
      type Patient { id: ID! gender: String! }
      enum Gender { MALE FEMALE }
    `;
    const changes = graphqlBreakingChanges(RELEASED, current);
    expect(changes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^FIELD_REMOVED: Patient\.mrn/),
        expect.stringMatching(/^FIELD_CHANGED_KIND: Patient\.gender/),
        expect.stringMatching(/^REQUIRED_ARG_ADDED: .*tenant/),
      ]),
    );
  });
});
