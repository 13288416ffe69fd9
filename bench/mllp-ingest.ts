/**
 * MLLP ingest of system-api's integrated listener: messages/s with N concurrent senders, each message parsed,
 * mapped, stored in ehr_message with its events in the outbox (one transaction per burst: group commit) before its
 * ACK is written. Afterwards the stored rows are counted: every AA must have its row.
 *
 *   node -r ./test/support/ts-register.cjs bench/mllp-ingest.ts [messages=20000] [senders=1,4,16] [inFlight=16]
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node -r ./test/support/ts-register.cjs bench/mllp-ingest.ts
 *
 * system-api runs in a child process (the same entry point as the crash test) on a fresh SQLite folder or a fresh
 * PostgreSQL schema; this process only sends.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MllpClient } from '@concord/connectors/hl7v2';
import { BaseConfig, databaseOptions, loadConfig, openDataSource } from '@concord/platform';
import { AVERY_A01, AVERY_DFT, JORDAN_A04 } from '../libs/connectors/src/hl7v2/demo-hospital.fixture';

const root = resolve(__dirname, '..');
const total = Number(process.argv[2] ?? 20_000);
const senderCounts = (process.argv[3] ?? '1,4,16').split(',').map(Number);
const inFlight = Number(process.argv[4] ?? 16);

function message(run: number, i: number): string {
  const template = [AVERY_A01, JORDAN_A04, AVERY_DFT][i % 3];
  return template
    .replace(/^(MSH(?:\|[^|\r]*){8})\|[^|\r]*/, `$1|R${run}-${i}`)
    .replace(/C[GR]-\d{6}\^\^\^CONCORD\^MR/, `B${run}-${i % 5000}^^^CONCORD^MR`);
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'concord-mllp-bench-'));
  const schema = `bench_mllp_${process.pid}`;
  const env: Record<string, string> = process.env.DATABASE_URL
    ? { DATA_DIR: dataDir, DATABASE_URL: process.env.DATABASE_URL, DATABASE_SCHEMA: schema }
    : { DATA_DIR: dataDir };
  const child = spawn(process.execPath, ['-r', join(root, 'test/support/ts-register.cjs'), join(root, 'test/support/ehr-mllp-node.ts')], {
    cwd: root,
    env: { ...process.env, EHR_NODE_DB: JSON.stringify(env) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((done, fail) => {
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const line = text.split('\n').find((l) => l.startsWith('mllp-port '));
      if (line) done(Number(line.split(' ')[1]));
    });
    child.on('exit', (code) => fail(new Error(`system-api exited (${code})`)));
  });
  const results: string[] = [];
  let acked = 0;
  try {
    for (const [run, senders] of senderCounts.entries()) {
      const clients = Array.from({ length: senders }, () => new MllpClient({ host: '127.0.0.1', port, maxInFlight: inFlight }));
      await Promise.all(clients.map((c) => c.connect()));
      const texts = Array.from({ length: total }, (_, i) => message(run, i));
      let notAa = 0;
      const started = performance.now();
      await Promise.all(
        clients.map(async (client, c) => {
          const mine = texts.filter((_, i) => i % senders === c);
          const window: Promise<void>[] = [];
          for (const text of mine) {
            window.push(
              client.send(text).then((ack) => {
                if (ack.get('MSA', 1) === 'AA') acked++;
                else notAa++;
              }),
            );
            if (window.length >= inFlight) await Promise.all(window.splice(0));
          }
          await Promise.all(window);
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      await Promise.all(clients.map((c) => c.close()));
      results.push(`| ${senders} | ${inFlight} | ${total} | ${Math.round(total / seconds).toLocaleString('en-US')} | ${notAa} |`);
    }
    const dataSource = await openDataSource(
      databaseOptions(loadConfig(BaseConfig, { ...env, LOG_LEVEL: 'silent' }), { app: 'system-api', entities: [], migrations: [] }),
    );
    const [{ n }] = await dataSource.query<{ n: string }[]>(`SELECT COUNT(*) AS n FROM ehr_message WHERE status = 'processed'`);
    const [{ e }] = await dataSource.query<{ e: string }[]>(`SELECT COUNT(*) AS e FROM event_outbox`);
    if (process.env.DATABASE_URL) await dataSource.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await dataSource.destroy();
    process.stdout.write(
      `\n${process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite (WAL)'}: ${acked} AA, ${n} messages stored as processed, ${e} events in the outbox\n\n`,
    );
    process.stdout.write('| senders | in flight each | messages | messages/s | not AA |\n| ---: | ---: | ---: | ---: | ---: |\n');
    process.stdout.write(results.join('\n') + '\n');
    if (Number(n) !== acked) process.exitCode = 1;
  } finally {
    child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
