import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BaseConfig, databaseOptions, loadConfig, openDataSource } from '@concord/platform';
import { DropFolderSource } from './drop-folder.source';
import { FileIntake, type FileFeedHandler } from './file-intake';
import { FileRunEntity } from './file-run.entity';
import { CreateFileRuns1764700000000 } from './file-run.migration';
import { FileRunStore } from './file-run.store';

/** A drop folder and a real SQLite database: what a feed sees of the intake. */
describe('FileIntake over a drop folder', () => {
  let dataSource: DataSource;
  const dataDir = mkdtempSync(join(tmpdir(), 'concord-intake-db-'));
  const folders: string[] = [];
  const calls: string[] = [];
  let failNext = false;

  const handler: FileFeedHandler = {
    process: async (content, context) => {
      calls.push(context.fileName);
      if (failNext) {
        failNext = false;
        throw new Error('billing platform unavailable');
      }
      const rows = content.toString().trim().split('\n');
      const bad = rows.filter((row) => row.startsWith('!'));
      return {
        status: bad.length === rows.length ? 'failed' : 'completed',
        accepted: rows.length - bad.length,
        rejected: bad.length,
        unchanged: 0,
        report: { rejected: bad.map((row) => ({ line: rows.indexOf(row) + 1, reason: 'starts with !' })) },
      };
    },
  };

  beforeAll(async () => {
    const config = loadConfig(BaseConfig, { DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    dataSource = await openDataSource(
      databaseOptions(config, { app: 'intake-spec', entities: [FileRunEntity], migrations: [CreateFileRuns1764700000000] }),
    );
  });
  afterAll(async () => {
    await dataSource?.destroy();
    for (const folder of [dataDir, ...folders]) rmSync(folder, { recursive: true, force: true });
  });

  function intakeFor(feed: string, completeness: 'stable' | 'marker' = 'stable') {
    const folder = mkdtempSync(join(tmpdir(), 'concord-intake-'));
    folders.push(folder);
    const intake = new FileIntake({
      feed,
      store: new FileRunStore(dataSource, randomUUID(), 60_000),
      handler,
      source: new DropFolderSource(folder),
      completeness,
    });
    return { folder, intake };
  }

  it('takes a file only on the second poll that sees it unchanged, then moves it with its report', async () => {
    const { folder, intake } = intakeFor('stable');
    writeFileSync(join(folder, 'a.csv'), 'one\ntwo\n');
    writeFileSync(join(folder, 'b.csv.tmp'), 'partial');
    expect((await intake.poll()).processed).toEqual([]);
    expect(await intake.poll()).toMatchObject({ processed: ['a.csv'], failed: [], duplicates: [] });
    expect(readdirSync(folder).sort()).toEqual(['b.csv.tmp', 'processed']);
    const report = JSON.parse(readFileSync(join(folder, 'processed', 'a.csv.report.json'), 'utf8')) as Record<string, unknown>;
    expect(report).toMatchObject({ feed: 'stable', status: 'completed', accepted: 2, rejected: 0, file: 'a.csv' });
  });

  it('waits for the .done marker when the feed says so', async () => {
    const { folder, intake } = intakeFor('marker', 'marker');
    writeFileSync(join(folder, 'm.csv'), 'x\n');
    await intake.poll();
    expect((await intake.poll()).processed).toEqual([]);
    writeFileSync(join(folder, 'm.csv.done'), '');
    expect((await intake.poll()).processed).toEqual(['m.csv']);
    expect(readdirSync(folder)).toEqual(['processed']);
  });

  it('never applies the same content twice, whatever the file is called, nor through an upload', async () => {
    const { folder, intake } = intakeFor('dedupe');
    writeFileSync(join(folder, 'first.csv'), 'same\n');
    await intake.poll();
    await intake.poll();
    const before = calls.length;
    writeFileSync(join(folder, 'second.csv'), 'same\n');
    await intake.poll();
    expect((await intake.poll()).duplicates).toEqual(['second.csv']);
    const upload = await intake.ingest('third.csv', Buffer.from('same\n'));
    expect(upload.duplicate).toBe(true);
    expect(calls.length).toBe(before);
    const sidecar = JSON.parse(readFileSync(join(folder, 'processed', 'second.csv.report.json'), 'utf8')) as Record<string, unknown>;
    expect(sidecar.duplicateOf).toBe(upload.run.id);
  });

  it('moves a file the feed rejects to failed/ with the reasons, and treats it as final', async () => {
    const { folder, intake } = intakeFor('rejects');
    writeFileSync(join(folder, 'bad.csv'), '!one\n!two\n');
    await intake.poll();
    expect((await intake.poll()).failed).toEqual(['bad.csv']);
    const sidecar = JSON.parse(readFileSync(join(folder, 'failed', 'bad.csv.report.json'), 'utf8')) as { report: { rejected: unknown[] } };
    expect(sidecar.report.rejected).toEqual([
      { line: 1, reason: 'starts with !' },
      { line: 2, reason: 'starts with !' },
    ]);
    expect((await intake.ingest('bad-again.csv', Buffer.from('!one\n!two\n'))).duplicate).toBe(true);
  });

  it('lets a file that failed on an error be tried again', async () => {
    const { intake } = intakeFor('retry');
    failNext = true;
    const first = await intake.ingest('r.csv', Buffer.from('retry me\n'));
    expect(first.run).toMatchObject({ status: 'failed', attempts: 1 });
    expect(JSON.parse(first.run.report!)).toMatchObject({ retryable: true, error: 'billing platform unavailable' });
    const second = await intake.ingest('r.csv', Buffer.from('retry me\n'));
    expect(second).toMatchObject({ duplicate: false, run: { status: 'completed', attempts: 2, accepted: 1 } });
  });
});
