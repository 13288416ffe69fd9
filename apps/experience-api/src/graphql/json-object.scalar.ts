import { type CustomScalar, Scalar } from '@nestjs/graphql';
import { GraphQLError, Kind, type ValueNode } from 'graphql';

function literal(node: ValueNode, variables?: Record<string, unknown> | null): unknown {
  switch (node.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return node.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return node.values.map((value) => literal(value, variables));
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((field) => [field.name.value, literal(field.value, variables)]));
    case Kind.VARIABLE:
      return variables?.[node.name.value];
    default:
      throw new GraphQLError(`JSONObject cannot hold a ${node.kind}`);
  }
}

function asObject(value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new GraphQLError('JSONObject must be a JSON object');
  return value as Record<string, unknown>;
}

/** Type reference of the JSONObject scalar in `@Field(() => JSONObject)`. */
export class JSONObject {}

/**
 * A free-form JSON object (flow state, step input, an edit's patch): the upstream shapes vary per
 * flow and step. Class-based, so Nest builds the scalar with its own copy of graphql.
 */
@Scalar('JSONObject', () => JSONObject)
export class JSONObjectScalar implements CustomScalar<Record<string, unknown>, Record<string, unknown>> {
  description = 'A JSON object whose shape depends on the flow or step';

  serialize(value: unknown): Record<string, unknown> {
    return asObject(value);
  }

  parseValue(value: unknown): Record<string, unknown> {
    return asObject(value);
  }

  parseLiteral(node: ValueNode, variables?: Record<string, unknown> | null): Record<string, unknown> {
    return asObject(literal(node, variables));
  }
}
