/**
 * Validates openapi/events.asyncapi.yaml with the AsyncAPI parser (the reference implementation):
 * CI fails on any error-level diagnostic.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DiagnosticSeverity, Parser } from '@asyncapi/parser';

async function main(): Promise<void> {
  const file = join(resolve(__dirname, '..', '..'), 'openapi/events.asyncapi.yaml');
  const { document, diagnostics } = await new Parser().parse(readFileSync(file, 'utf8'));
  const errors = diagnostics.filter((diagnostic) => Number(diagnostic.severity) === Number(DiagnosticSeverity.Error));
  for (const diagnostic of errors) process.stderr.write(`${diagnostic.path.join('.')}: ${diagnostic.message}\n`);
  if (errors.length || !document) {
    process.stderr.write(`asyncapi: ${errors.length} errors in openapi/events.asyncapi.yaml\n`);
    process.exit(1);
  }
  process.stdout.write(`asyncapi: events.asyncapi.yaml is valid AsyncAPI ${document.version()} (${document.channels().length} channels)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
