import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CrashPoint } from '@concord/events';
import { CreateFileRuns1764700000000, FileRunEntity } from '@concord/connectors/files';
import { BaseConfig, databaseOptions, loadConfig, openDataSource } from '@concord/platform';
import { TestDatabase } from '@concord/testing';
import { startChildNode, type ChildNode } from '../support/child-node';

/**
 * kill -9 between pick-up and commit (after the claim, and after processing) and between the
 * commit and the move: after a restart every file has been committed exactly once, sits in
 * processed/ with its report, and was processed again only when the crash came before the commit.
 */
describe('file intake under kill -9', () => {
  const database = new TestDatabase();
  const running: ChildNode[] = [];
  const folders: string[] = [];

  afterAll(async () => {
    for (const node of running) if (node.child.exitCode === null && node.child.signalCode === null) node.child.kill('SIGKILL');
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
    await database.dispose();
  });

  const env = database.envFor('file-intake');

  async function effects(): Promise<{ run_id: string; file_name: string }[]> {
    const config = loadConfig(BaseConfig, { ...env, LOG_LEVEL: 'silent' });
    const dataSource = await openDataSource(
      databaseOptions(config, { app: 'file-intake', entities: [FileRunEntity], migrations: [CreateFileRuns1764700000000] }),
    );
    try {
      return await dataSource.query<{ run_id: string; file_name: string }[]>('SELECT run_id, file_name FROM file_test_effect');
    } finally {
      await dataSource.destroy();
    }
  }

  async function runNode(folder: string, log: string, crash?: CrashPoint) {
    const node = startChildNode('test/support/file-intake-node.ts', {
      ...env,
      FILE_NODE_DIR: folder,
      FILE_NODE_LOG: log,
      ...(crash ? { CONCORD_CRASH_POINT: crash } : {}),
    });
    running.push(node);
    if (crash) {
      expect(await node.exited).toEqual({ code: null, signal: 'SIGKILL' });
      return undefined;
    }
    const line = await node.waitFor('POLLED ');
    expect(await node.exited).toEqual({ code: 0, signal: null });
    return JSON.parse(line.slice('POLLED '.length)) as { processed: string[]; duplicates: string[] };
  }

  const cases: { crash: CrashPoint; file: string; processCalls: number }[] = [
    { crash: 'files.after-claim', file: 'claim.csv', processCalls: 1 },
    { crash: 'files.before-commit', file: 'process.csv', processCalls: 2 },
    { crash: 'files.after-commit', file: 'commit.csv', processCalls: 1 },
  ];

  for (const { crash, file, processCalls } of cases)
    it(`re-processes a file exactly once after a crash at ${crash}`, async () => {
      const folder = mkdtempSync(join(tmpdir(), 'concord-drop-'));
      folders.push(folder);
      const log = join(folder, '..', `${file}.log`);
      writeFileSync(log, '');
      writeFileSync(join(folder, file), `${crash}\nline 2\nline 3\n`);

      await runNode(folder, log, crash);
      expect(readdirSync(folder)).toContain(file);

      const result = await runNode(folder, log);
      expect(result?.processed).toEqual([file]);
      expect((await effects()).filter((e) => e.file_name === file)).toHaveLength(1);
      const calls = readFileSync(log, 'utf8').trim().split('\n').filter(Boolean);
      expect(calls).toHaveLength(processCalls);
      expect(readdirSync(folder)).not.toContain(file);
      const report = JSON.parse(readFileSync(join(folder, 'processed', `${file}.report.json`), 'utf8')) as Record<string, unknown>;
      expect(report).toMatchObject({ status: 'completed', accepted: 3, file });

      if (crash !== 'files.after-claim') return;
      // Dropped again: recognised by its content, moved aside as a duplicate, never applied again.
      writeFileSync(join(folder, `again-${file}`), `${crash}\nline 2\nline 3\n`);
      const again = await runNode(folder, log);
      expect(again?.duplicates).toEqual([`again-${file}`]);
      expect((await effects()).filter((e) => e.file_name === file)).toHaveLength(1);
      expect(readFileSync(log, 'utf8').trim().split('\n')).toHaveLength(processCalls);
    }, 240_000);
});
