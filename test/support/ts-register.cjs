/**
 * Lets a child process of a test run the TypeScript sources directly (`node -r ./test/support/ts-register.cjs x.ts`):
 * each .ts file is transpiled to CommonJS with decorator metadata, and `@concord/*` resolves to libs/.
 * The crash tests use it to start real processes they can kill with SIGKILL, without a build first.
 */
const Module = require('node:module');
const { readFileSync } = require('node:fs');
const { join, resolve } = require('node:path');
const ts = require('typescript');

const root = resolve(__dirname, '..', '..');
const libs = join(root, 'libs');
const originalResolve = Module._resolveFilename;

Module._resolveFilename = function resolveConcord(request, parent, isMain, options) {
  if (request.startsWith('@concord/')) {
    const [, name, ...rest] = request.split('/');
    const target = rest.length ? join(libs, name, 'src', ...rest) : join(libs, name, 'src');
    return originalResolve.call(this, target, parent, isMain, options);
  }
  return originalResolve.call(this, request, parent, isMain, options);
};

require.extensions['.ts'] = function compile(module, filename) {
  const output = ts.transpileModule(readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: {
      target: ts.ScriptTarget.ES2023,
      module: ts.ModuleKind.CommonJS,
      esModuleInterop: true,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      useDefineForClassFields: true,
    },
  });
  module._compile(output.outputText, filename);
};
