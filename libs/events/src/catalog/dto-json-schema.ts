import 'reflect-metadata';

/** A JSON Schema (draft 2020-12 subset, as AsyncAPI 3 and OpenAPI 3.1 use it). */
export type JsonSchema = Record<string, unknown>;

type Constructor = abstract new (...args: never[]) => unknown;

interface SwaggerPropertyMetadata {
  type?: unknown;
  isArray?: boolean;
  required?: boolean;
  enum?: readonly unknown[] | Record<string, unknown>;
  description?: string;
  example?: unknown;
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  nullable?: boolean;
  items?: JsonSchema;
}

// Keys @nestjs/swagger's @ApiProperty writes (DECORATORS.API_MODEL_PROPERTIES[_ARRAY]); reading them here keeps
// one description of each DTO for OpenAPI and the event catalog alike.
const PROPERTIES_ARRAY = 'swagger/apiModelPropertiesArray';
const PROPERTY = 'swagger/apiModelProperties';

const PRIMITIVES = new Map<unknown, string>([
  [String, 'string'],
  [Number, 'number'],
  [Boolean, 'boolean'],
  ['string', 'string'],
  ['number', 'number'],
  ['integer', 'integer'],
  ['boolean', 'boolean'],
  ['object', 'object'],
]);

/**
 * JSON Schemas of a DTO class and every DTO it references, from its @ApiProperty metadata. Returns
 * the schemas by class name; references point at `${refPrefix}<ClassName>`.
 */
export function dtoJsonSchemas(root: Constructor, refPrefix: string, into: Record<string, JsonSchema> = {}): Record<string, JsonSchema> {
  const pending: Constructor[] = [root];
  while (pending.length) {
    const type = pending.pop()!;
    if (into[type.name]) continue;
    const schema = objectSchema(type, refPrefix, (nested) => pending.push(nested));
    into[type.name] = schema;
  }
  return into;
}

function objectSchema(type: Constructor, refPrefix: string, reference: (nested: Constructor) => void): JsonSchema {
  const names = (Reflect.getMetadata(PROPERTIES_ARRAY, type.prototype as object) as string[] | undefined) ?? [];
  if (!names.length) throw new Error(`${type.name} has no @ApiProperty fields: it cannot describe event data`);
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const name of names.map((n) => n.replace(/^:/, ''))) {
    const metadata = Reflect.getMetadata(PROPERTY, type.prototype as object, name) as SwaggerPropertyMetadata;
    properties[name] = propertySchema(type, name, metadata, refPrefix, reference);
    if (metadata.required !== false) required.push(name);
  }
  return { type: 'object', title: type.name, properties, ...(required.length ? { required } : {}) };
}

function propertySchema(
  owner: Constructor,
  name: string,
  metadata: SwaggerPropertyMetadata,
  refPrefix: string,
  reference: (nested: Constructor) => void,
): JsonSchema {
  const rawType = Array.isArray(metadata.type) ? (metadata.type as unknown[])[0] : metadata.type;
  const isArray = metadata.isArray === true || Array.isArray(metadata.type);
  let item: JsonSchema;
  if (metadata.enum) {
    const values: unknown[] = Array.isArray(metadata.enum) ? [...(metadata.enum as readonly unknown[])] : Object.values(metadata.enum);
    item = { type: typeof values[0] === 'number' ? 'number' : 'string', enum: values };
  } else if (PRIMITIVES.has(rawType)) {
    item = { type: PRIMITIVES.get(rawType) };
  } else if (typeof rawType === 'function' && rawType !== Object && rawType !== Array) {
    const nested = rawType as Constructor;
    // Lazy type functions (`type: () => X`) have no prototype metadata of their own.
    const resolved = Reflect.getMetadata(PROPERTIES_ARRAY, (nested.prototype ?? {}) as object) ? nested : (rawType as () => Constructor)();
    reference(resolved);
    item = { $ref: `${refPrefix}${resolved.name}` };
  } else if (metadata.items) {
    item = metadata.items;
  } else {
    throw new Error(`${owner.name}.${name}: give @ApiProperty a type so the event schema can describe it`);
  }
  for (const key of ['format', 'minimum', 'maximum', 'minLength', 'maxLength', 'pattern'] as const) {
    if (metadata[key] !== undefined && !item.$ref) item[key] = metadata[key];
  }
  const schema: JsonSchema = isArray ? { type: 'array', items: item } : item;
  if (metadata.nullable) {
    return { anyOf: [schema, { type: 'null' }], ...(metadata.description ? { description: metadata.description } : {}) };
  }
  if (metadata.description && !schema.$ref) schema.description = metadata.description;
  if (metadata.example !== undefined && !schema.$ref) schema.examples = [metadata.example];
  return schema;
}
