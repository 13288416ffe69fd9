/**
 * Finds changes in an OpenAPI document that would break a client of an earlier, released one:
 * removed operations, new required inputs, inputs no longer accepted, and response fields
 * removed, made optional or retyped. Additions that clients can ignore are not reported.
 */
type Json = Record<string, unknown>;

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

export function breakingChanges(released: Json, current: Json, today = new Date()): string[] {
  const problems: string[] = [];
  const releasedPaths = (released.paths ?? {}) as Record<string, Json>;
  const currentPaths = (current.paths ?? {}) as Record<string, Json>;
  for (const [path, releasedItem] of Object.entries(releasedPaths)) {
    for (const method of METHODS) {
      const before = releasedItem[method] as Json | undefined;
      if (!before) continue;
      const where = `${method.toUpperCase()} ${path}`;
      const after = currentPaths[path]?.[method] as Json | undefined;
      if (!after) {
        const sunset = before['x-sunset'];
        if (!(typeof sunset === 'string' && Date.parse(sunset) < today.getTime()))
          problems.push(`${where}: operation removed before its sunset`);
        continue;
      }
      compareParameters(where, released, current, before, after, problems);
      compareRequestBody(where, released, current, before, after, problems);
      compareResponses(where, released, current, before, after, problems);
    }
  }
  return problems;
}

function compareParameters(where: string, released: Json, current: Json, before: Json, after: Json, problems: string[]): void {
  const key = (p: Json) => `${String(p.in)}:${String(p.name)}`;
  const beforeParams = new Map(((before.parameters ?? []) as Json[]).map((p) => [key(p), p]));
  const afterParams = new Map(((after.parameters ?? []) as Json[]).map((p) => [key(p), p]));
  for (const [name, parameter] of afterParams) {
    const previous = beforeParams.get(name);
    if (parameter.required && !previous?.required) problems.push(`${where}: parameter ${name} is now required`);
    if (previous)
      compareTypes(`${where}: parameter ${name}`, resolve(released, previous.schema), resolve(current, parameter.schema), problems);
  }
  for (const name of beforeParams.keys()) if (!afterParams.has(name)) problems.push(`${where}: parameter ${name} no longer accepted`);
}

function compareRequestBody(where: string, released: Json, current: Json, before: Json, after: Json, problems: string[]): void {
  const beforeSchema = resolve(released, jsonSchemaOf(before.requestBody));
  const afterSchema = resolve(current, jsonSchemaOf(after.requestBody));
  if (!beforeSchema && afterSchema && (after.requestBody as Json).required) problems.push(`${where}: request body is now required`);
  if (!beforeSchema || !afterSchema) return;
  const beforeProps = (beforeSchema.properties ?? {}) as Json;
  const afterProps = (afterSchema.properties ?? {}) as Json;
  const beforeRequired = new Set((beforeSchema.required ?? []) as string[]);
  for (const name of (afterSchema.required ?? []) as string[])
    if (!beforeRequired.has(name)) problems.push(`${where}: body field ${name} is now required`);
  for (const name of Object.keys(beforeProps)) if (!(name in afterProps)) problems.push(`${where}: body field ${name} no longer accepted`);
}

function compareResponses(where: string, released: Json, current: Json, before: Json, after: Json, problems: string[]): void {
  const beforeResponses = (before.responses ?? {}) as Record<string, Json>;
  const afterResponses = (after.responses ?? {}) as Record<string, Json>;
  for (const [status, response] of Object.entries(beforeResponses)) {
    if (!status.startsWith('2')) continue;
    if (!afterResponses[status]) {
      problems.push(`${where}: response ${status} removed`);
      continue;
    }
    compareShapes(
      `${where} ${status}`,
      released,
      current,
      jsonSchemaOf(response),
      jsonSchemaOf(afterResponses[status]),
      problems,
      new Set(),
    );
  }
}

/** Every field a client could read before must still be there, as required and of the same type. */
function compareShapes(
  where: string,
  released: Json,
  current: Json,
  beforeRaw: unknown,
  afterRaw: unknown,
  problems: string[],
  seen: Set<string>,
): void {
  const before = resolve(released, beforeRaw);
  const after = resolve(current, afterRaw);
  if (!before || !after) return;
  const token = `${where}|${JSON.stringify(beforeRaw)}`;
  if (seen.has(token)) return;
  seen.add(token);
  compareTypes(where, before, after, problems);
  if (before.type === 'array') compareShapes(`${where}[]`, released, current, before.items, after.items, problems, seen);
  const beforeProps = (before.properties ?? {}) as Json;
  const afterProps = (after.properties ?? {}) as Json;
  const afterRequired = new Set((after.required ?? []) as string[]);
  for (const name of (before.required ?? []) as string[])
    if (!afterRequired.has(name) && name in afterProps) problems.push(`${where}: field ${name} is no longer always present`);
  for (const [name, schema] of Object.entries(beforeProps)) {
    if (!(name in afterProps)) problems.push(`${where}: field ${name} removed`);
    else compareShapes(`${where}.${name}`, released, current, schema, afterProps[name], problems, seen);
  }
}

function compareTypes(where: string, before: Json | undefined, after: Json | undefined, problems: string[]): void {
  if (before?.type && after?.type && JSON.stringify(before.type) !== JSON.stringify(after.type)) {
    problems.push(`${where}: type changed from ${JSON.stringify(before.type)} to ${JSON.stringify(after.type)}`);
  }
}

function jsonSchemaOf(holder: unknown): unknown {
  const content = (holder as { content?: Record<string, { schema?: unknown }> } | undefined)?.content;
  if (!content) return undefined;
  return (content['application/json'] ?? Object.values(content)[0])?.schema;
}

function resolve(document: Json, schema: unknown): Json | undefined {
  let current = schema as Json | undefined;
  for (let hops = 0; current && typeof current.$ref === 'string' && hops < 20; hops += 1) {
    const name = current.$ref.replace('#/components/schemas/', '');
    current = ((document.components as Json | undefined)?.schemas as Record<string, Json> | undefined)?.[name];
  }
  return current;
}
