import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

const root = dirname(fileURLToPath(import.meta.url));
const lib = (name: string) => resolve(root, 'libs', name, 'src');

// Nest needs decorator metadata, which Vite's own TypeScript transform (oxc) does not emit; the
// TypeScript compiler transpiles the sources instead. (unplugin-swc would too, but @swc/core's
// platform packages are missing from the registry mirror here, which breaks `npm ci`.)
const typescriptWithDecoratorMetadata: Plugin = {
  name: 'concord:typescript-decorator-metadata',
  enforce: 'pre',
  transform(code, id) {
    if (!/\.[cm]?ts$/.test(id) || id.includes('/node_modules/')) return null;
    const output = ts.transpileModule(code, {
      fileName: id,
      compilerOptions: {
        target: ts.ScriptTarget.ES2023,
        module: ts.ModuleKind.ESNext,
        experimentalDecorators: true,
        emitDecoratorMetadata: true,
        useDefineForClassFields: true,
        sourceMap: true,
        inlineSources: true,
      },
    });
    return { code: output.outputText, map: output.sourceMapText ?? null };
  },
};
const plugins = [typescriptWithDecoratorMetadata];

const alias = [
  { find: /^@concord\/connectors\/(.*)$/, replacement: `${lib('connectors')}/$1` },
  { find: '@concord/contracts', replacement: lib('contracts') },
  { find: '@concord/platform', replacement: lib('platform') },
  { find: '@concord/events', replacement: lib('events') },
  { find: '@concord/clients', replacement: lib('clients') },
  { find: '@concord/testing', replacement: lib('testing') },
];

export default defineConfig({
  oxc: false,
  plugins,
  resolve: { alias },
  test: {
    projects: [
      {
        oxc: false,
        plugins,
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['apps/**/*.spec.ts', 'libs/**/*.spec.ts', 'scripts/**/*.spec.ts', 'test/support/**/*.spec.ts'],
          environment: 'node',
          // Some unit specs boot a Nest app or a sandbox server; on a loaded 2-core CI box the 5 s default is too tight.
          testTimeout: 30_000,
          hookTimeout: 60_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        oxc: false,
        plugins,
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.spec.ts'],
          // Unit tests first (fast feedback), then the end-to-end files.
          sequence: { groupOrder: 1 },
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Each file boots its own stack on free ports; two at a time suits a 2-core machine.
          maxWorkers: 2,
        },
      },
      {
        oxc: false,
        plugins,
        resolve: { alias },
        test: {
          name: 'scale',
          // Scale-out only (PostgreSQL + NATS JetStream): run by `npm run test:scale`.
          include: ['test/scale/**/*.scale.spec.ts'],
          sequence: { groupOrder: 3 },
          environment: 'node',
          testTimeout: 400_000,
          hookTimeout: 120_000,
          maxWorkers: 1,
        },
      },
      {
        oxc: false,
        plugins,
        resolve: { alias },
        test: {
          name: 'corpus',
          include: ['test/corpus/**/*.corpus.spec.ts'],
          environment: 'node',
          testTimeout: 60_000,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
