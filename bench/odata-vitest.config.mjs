import { defineConfig, mergeConfig } from 'vitest/config';
import base from '../vitest.config.mts';

// The repository config defines test projects only; benchmarks run as one plain project.
export default mergeConfig({ ...base, test: {} }, defineConfig({ test: { benchmark: { include: ['bench/odata-*.bench.ts'] } } }));
