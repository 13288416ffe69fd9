import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

export type TestProfile = 'embedded' | 'scale';

/** Which profile the suite runs on: `CONCORD_TEST_PROFILE=scale` switches to PostgreSQL. */
export function testProfile(): TestProfile {
  return process.env.CONCORD_TEST_PROFILE === 'scale' ? 'scale' : 'embedded';
}

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Per-run settings for one app: a fresh SQLite folder and in-memory counters, or a fresh
 * PostgreSQL schema (named after the run, dropped by `dispose`) and Redis counters.
 */
export class TestDatabase {
  readonly runId = randomBytes(4).toString('hex');
  private readonly dataDir = mkdtempSync(join(tmpdir(), 'concord-test-'));
  private readonly schemas: string[] = [];

  constructor(readonly profile: TestProfile = testProfile()) {}

  envFor(app: string): Record<string, string> {
    if (this.profile === 'embedded') return { DATA_DIR: this.dataDir };
    const schema = `t${this.runId}_${app.replace(/-/g, '_')}`;
    this.schemas.push(schema);
    // Redis keys are namespaced per run, so counters of earlier runs never leak into this one.
    return {
      DATA_DIR: this.dataDir,
      DATABASE_URL: TEST_DATABASE_URL,
      DATABASE_SCHEMA: schema,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: `t${this.runId}:`,
    };
  }

  async dispose(): Promise<void> {
    rmSync(this.dataDir, { recursive: true, force: true });
    if (!this.schemas.length) return;
    const client = new Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      for (const schema of this.schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    } finally {
      await client.end();
    }
  }
}
