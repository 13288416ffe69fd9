import { Kind, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

/**
 * What a GraphQL operation costs against a rate limit: one unit per selected field (each fragment
 * counted once where it is spread), at least one. `__typename` is free.
 */
export function operationCost(operation: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>): number {
  const memo = new Map<string, number>();
  const costOf = (selectionSet: SelectionSetNode, visiting: Set<string>): number => {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      switch (selection.kind) {
        case Kind.FIELD:
          if (selection.name.value !== '__typename') cost += 1 + (selection.selectionSet ? costOf(selection.selectionSet, visiting) : 0);
          break;
        case Kind.INLINE_FRAGMENT:
          cost += costOf(selection.selectionSet, visiting);
          break;
        case Kind.FRAGMENT_SPREAD: {
          const name = selection.name.value;
          const fragment = fragments[name];
          if (!fragment || visiting.has(name)) break;
          if (!memo.has(name)) memo.set(name, costOf(fragment.selectionSet, new Set([...visiting, name])));
          cost += memo.get(name)!;
          break;
        }
      }
    }
    return cost;
  };
  return Math.max(1, costOf(operation.selectionSet, new Set()));
}
