/**
 * A process of the file-intake crash test: polls a drop folder twice (files are complete once
 * size-stable across two polls) with a feed that counts its `process` calls in a log file and
 * commits one `file_test_effect` row per run, then prints `POLLED <json>` and exits. The test sets
 * CONCORD_CRASH_POINT to kill it between pick-up and commit, or between commit and move.
 *
 *   FILE_NODE_DIR   the drop folder
 *   FILE_NODE_LOG   file that gets one line per `process` call
 *   DATA_DIR / DATABASE_URL / DATABASE_SCHEMA  the database (TestDatabase.envFor)
 */
import { appendFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { CreateFileRuns1764700000000, DropFolderSource, FileIntake, FileRunEntity, FileRunStore } from '@concord/connectors/files';
import { BaseConfig, databaseOptions, loadConfig, openDataSource } from '@concord/platform';

async function main(): Promise<void> {
  const config = loadConfig(BaseConfig, { ...process.env, LOG_LEVEL: 'silent' });
  const dataSource = await openDataSource(
    databaseOptions(config, { app: 'file-intake', entities: [FileRunEntity], migrations: [CreateFileRuns1764700000000] }),
  );
  await dataSource.query('CREATE TABLE IF NOT EXISTS file_test_effect (run_id varchar(36), file_name varchar(200))');
  const intake = new FileIntake({
    feed: 'crash-test',
    // Lease 0: the crashed process is gone, so its claim may be taken over at once.
    store: new FileRunStore(dataSource, randomUUID(), 0),
    source: new DropFolderSource(process.env.FILE_NODE_DIR!),
    handler: {
      process: async (content, context) => {
        appendFileSync(process.env.FILE_NODE_LOG!, `${context.fileName} ${context.attempt}\n`);
        const rows = content.toString().trim().split('\n').length;
        return { status: 'completed', accepted: rows, rejected: 0, unchanged: 0, report: { rows } };
      },
      commit: async (manager, run) => {
        await manager
          .createQueryBuilder()
          .insert()
          .into('file_test_effect', ['run_id', 'file_name'])
          .values({ run_id: run.id, file_name: run.fileName })
          .execute();
      },
    },
  });
  await intake.poll();
  const result = await intake.poll();
  process.stdout.write(`POLLED ${JSON.stringify(result)}\n`);
  await dataSource.destroy();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
