import type {
  FieldNode,
  FragmentDefinitionNode,
  GraphQLField,
  GraphQLNamedType,
  GraphQLSchema,
  GraphQLType,
  OperationDefinitionNode,
  SelectionSetNode,
  ValueNode,
} from 'graphql';
import { Kind } from 'graphql';

/*
 * Types are inspected by shape, never with graphql's instanceof-based predicates: Nest and Apollo may
 * load another copy of graphql than this file (ESM and CommonJS), and those predicates refuse types
 * from "another realm".
 */
type FieldsHolder = { name: string; getFields(): Record<string, GraphQLField<unknown, unknown>> };

export interface QueryCostOptions {
  /** Page size assumed for a connection asked for without `first`. */
  defaultPageSize: number;
}

/**
 * What an operation costs before it runs: one unit per selected field, where everything under a
 * connection's `edges` or `nodes` counts once per item of the page (`first`, or the default page
 * size). So `patients(first: 50) { nodes { claims(first: 10) { nodes { id } } } }` costs
 * 1 + 1 + 50 × (1 + 1 + 10 × 1) = 602. `__typename` is free; each fragment is costed once.
 */
export function queryCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown> | undefined,
  options: QueryCostOptions,
): number {
  const coerced = variableValues(operation, variables);
  const memo = new Map<string, number>();

  const fieldCost = (
    parentType: FieldsHolder | undefined,
    node: FieldNode,
    pageSize: number | undefined,
    visiting: Set<string>,
  ): number => {
    const name = node.name.value;
    if (name === '__typename') return 0;
    const field = name.startsWith('__') ? undefined : parentType?.getFields()[name];
    if (!node.selectionSet) return 1;
    const type = field ? fieldsHolder(namedType(field.type)) : undefined;
    const isConnection = type?.name.endsWith('Connection') ?? false;
    const childPageSize = isConnection ? pageSizeOf(node, coerced, options.defaultPageSize) : undefined;
    const children = selectionSetCost(type, node.selectionSet, childPageSize, visiting);
    const perItem = pageSize !== undefined && (name === 'edges' || name === 'nodes') ? pageSize : 1;
    return 1 + perItem * children;
  };

  const selectionSetCost = (
    type: FieldsHolder | undefined,
    selectionSet: SelectionSetNode,
    pageSize: number | undefined,
    visiting: Set<string>,
  ): number => {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      switch (selection.kind) {
        case Kind.FIELD:
          cost += fieldCost(type, selection, pageSize, visiting);
          break;
        case Kind.INLINE_FRAGMENT: {
          const condition = selection.typeCondition ? fieldsHolder(schema.getType(selection.typeCondition.name.value)) : type;
          cost += selectionSetCost(condition, selection.selectionSet, pageSize, visiting);
          break;
        }
        case Kind.FRAGMENT_SPREAD: {
          const fragmentName = selection.name.value;
          const fragment = fragments[fragmentName];
          if (!fragment || visiting.has(fragmentName)) break;
          const key = `${fragmentName}@${pageSize ?? '-'}`;
          if (!memo.has(key)) {
            const condition = fieldsHolder(schema.getType(fragment.typeCondition.name.value));
            memo.set(key, selectionSetCost(condition, fragment.selectionSet, pageSize, new Set([...visiting, fragmentName])));
          }
          cost += memo.get(key)!;
          break;
        }
      }
    }
    return cost;
  };

  // Compared as strings: OperationTypeNode may come from another copy of graphql (see above).
  const kind: string = operation.operation;
  const root =
    kind === 'mutation' ? schema.getMutationType() : kind === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  if (!root) return 1;
  return Math.max(1, selectionSetCost(fieldsHolder(root), operation.selectionSet, undefined, new Set()));
}

function namedType(type: GraphQLType): GraphQLNamedType {
  let current: unknown = type;
  while (current && typeof current === 'object' && 'ofType' in current && current.ofType) current = current.ofType;
  return current as GraphQLNamedType;
}

/** The type as something with fields (object or interface types); undefined for scalars, enums and unions. */
function fieldsHolder(type: unknown): FieldsHolder | undefined {
  return type && typeof type === 'object' && typeof (type as Partial<FieldsHolder>).getFields === 'function'
    ? (type as FieldsHolder)
    : undefined;
}

function pageSizeOf(node: FieldNode, variables: Record<string, unknown>, fallback: number): number {
  const argument = node.arguments?.find((a) => a.name.value === 'first');
  const value = argument ? literalNumber(argument.value, variables) : undefined;
  return value !== undefined && value > 0 ? value : fallback;
}

function literalNumber(node: ValueNode, variables: Record<string, unknown>): number | undefined {
  if (node.kind === Kind.INT) return Number(node.value);
  if (node.kind === Kind.VARIABLE) {
    const value = variables[node.name.value];
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  }
  return undefined;
}

/** The operation's variables: the values sent, else the defaults it declares. */
function variableValues(operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (variables && name in variables) values[name] = variables[name];
    else if (definition.defaultValue) values[name] = literalNumber(definition.defaultValue, {});
  }
  return values;
}
