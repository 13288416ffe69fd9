import {
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/**
 * Rejects operations nested deeper than `maxDepth` fields, before anything is resolved.
 * Introspection fields count like any other (only `__typename` is free), and each fragment's
 * depth is computed once, so a chain of fragments spreading each other cannot make this rule
 * itself exponential.
 */
export function depthLimitRule(maxDepth: number): ValidationRule {
  return (context: ValidationContext) => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const fragmentDepths = new Map<string, number>();
    const inProgress = new Set<string>();

    const fragmentDepth = (name: string): number => {
      const known = fragmentDepths.get(name);
      if (known !== undefined) return known;
      const fragment = fragments.get(name);
      // Unknown or cyclic spreads are reported by graphql's own rules; they add no depth here.
      if (!fragment || inProgress.has(name)) return 0;
      inProgress.add(name);
      const depth = selectionSetDepth(fragment.selectionSet);
      inProgress.delete(name);
      fragmentDepths.set(name, depth);
      return depth;
    };

    /** Depth of the deepest field chain inside a selection set (a leaf field counts 1). */
    const selectionSetDepth = (selectionSet: SelectionSetNode): number => {
      let deepest = 0;
      for (const selection of selectionSet.selections) {
        let depth = 0;
        switch (selection.kind) {
          case Kind.FIELD:
            if (selection.name.value === '__typename') continue;
            depth = 1 + (selection.selectionSet ? selectionSetDepth(selection.selectionSet) : 0);
            break;
          case Kind.INLINE_FRAGMENT:
            depth = selectionSetDepth(selection.selectionSet);
            break;
          case Kind.FRAGMENT_SPREAD:
            depth = fragmentDepth(selection.name.value);
            break;
        }
        if (depth > deepest) deepest = depth;
      }
      return deepest;
    };

    return {
      OperationDefinition(operation) {
        const depth = selectionSetDepth(operation.selectionSet);
        if (depth > maxDepth) {
          context.reportError(
            new GraphQLError(`Query is nested ${depth} levels deep; the limit is ${maxDepth}`, {
              nodes: [operation],
              extensions: { code: 'QUERY_TOO_DEEP' },
            }),
          );
        }
      },
    };
  };
}
