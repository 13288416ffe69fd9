/**
 * Which parts of an OpenAPI document only ever describe responses: component schemas no request
 * body or parameter reaches, and array responses. Spectral's OWASP size rules (maxLength, maxItems)
 * are meant for inputs; these parts mirror core-system data and are exempt, by computation rather
 * than by a hand-kept list.
 */
type Json = Record<string, unknown>;

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'];

export function responseOnlyPointers(document: Json): string[] {
  const schemas = ((document.components as Json | undefined)?.schemas ?? {}) as Record<string, Json>;
  const inputs = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const ref = (node as Json).$ref;
    if (typeof ref === 'string' && ref.startsWith('#/components/schemas/')) {
      const name = ref.slice('#/components/schemas/'.length);
      if (!inputs.has(name)) {
        inputs.add(name);
        visit(schemas[name]);
      }
    }
    for (const value of Object.values(node as Json)) visit(value);
  };
  const pointers: string[] = [];
  for (const [path, item] of Object.entries((document.paths ?? {}) as Record<string, Json>)) {
    visit(item.parameters);
    for (const method of METHODS) {
      const operation = item[method] as Json | undefined;
      if (!operation) continue;
      visit(operation.parameters);
      visit(operation.requestBody);
      for (const [status, response] of Object.entries((operation.responses ?? {}) as Record<string, Json>)) {
        const content = (response.content ?? {}) as Record<string, { schema?: Json }>;
        if (Object.values(content).some((media) => media.schema?.type === 'array')) {
          pointers.push(`#/paths/${escape(path)}/${method}/responses/${status}`);
        }
      }
    }
  }
  for (const name of Object.keys(schemas).sort()) if (!inputs.has(name)) pointers.push(`#/components/schemas/${name}`);
  return pointers;
}

function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The Spectral ruleset: the hand-written base plus the computed response-only overrides. */
export function spectralRuleset(base: string, documents: Record<string, Json>): string {
  const files = Object.entries(documents).flatMap(([file, document]) =>
    responseOnlyPointers(document).map((pointer) => `      - '${file}${pointer}'`),
  );
  return `${base.trimEnd()}
  # Response-only parts (computed by scripts/contracts/response-only-schemas.ts from the documents: schemas
  # no request reaches, and array responses) mirror core-system data, which Concord passes on without
  # truncating. Every input schema and parameter is bounded, and the bounds are enforced by validation.
  - files:
${files.join('\n')}
    rules:
      owasp:api4:2023-string-limit: off
      owasp:api4:2023-array-limit: off
`;
}
