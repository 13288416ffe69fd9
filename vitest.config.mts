import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const root = dirname(fileURLToPath(import.meta.url));
const lib = (name: string) => resolve(root, 'libs', name, 'src');

// Nest needs decorator metadata, which esbuild does not emit: SWC compiles the tests instead.
const plugins = [
  swc.vite({
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2023',
    },
  }),
];

const alias = [
  { find: /^@concord\/connectors\/(.*)$/, replacement: `${lib('connectors')}/$1` },
  { find: '@concord/contracts', replacement: lib('contracts') },
  { find: '@concord/platform', replacement: lib('platform') },
  { find: '@concord/events', replacement: lib('events') },
  { find: '@concord/clients', replacement: lib('clients') },
  { find: '@concord/testing', replacement: lib('testing') },
];

export default defineConfig({
  plugins,
  resolve: { alias },
  test: {
    projects: [
      {
        plugins,
        resolve: { alias },
        test: { name: 'unit', include: ['apps/**/*.spec.ts', 'libs/**/*.spec.ts', 'scripts/**/*.spec.ts'], environment: 'node' },
      },
      {
        plugins,
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.spec.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Each file boots its own stack on free ports; two at a time suits a 2-core machine.
          maxWorkers: 2,
        },
      },
      {
        plugins,
        resolve: { alias },
        test: { name: 'corpus', include: ['test/corpus/**/*.corpus.spec.ts'], environment: 'node', testTimeout: 60_000 },
      },
    ],
  },
});
