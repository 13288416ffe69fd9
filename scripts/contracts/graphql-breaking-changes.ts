import { buildSchema, findBreakingChanges } from 'graphql';

/**
 * What a new GraphQL SDL breaks for clients of the released one (removed or retyped fields,
 * arguments made required, enum values dropped ...), as graphql-js `findBreakingChanges` sees it.
 * Deprecating a field with `@deprecated(reason)` is how to retire it without breaking anyone.
 */
export function graphqlBreakingChanges(releasedSdl: string, currentSdl: string): string[] {
  return findBreakingChanges(buildSchema(releasedSdl), buildSchema(currentSdl)).map((change) => `${change.type}: ${change.description}`);
}
