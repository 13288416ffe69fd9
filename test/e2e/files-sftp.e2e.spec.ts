import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSftpServer, type SftpServer } from '../support/sftp-server';
import { type Stack, startStack } from '../support/stack';

/**
 * The feeds polling a real SFTP server (OpenSSH internal-sftp, chrooted, host key pinned): a file is
 * taken once size-stable across two polls, applied, and moved into processed/ on the server with
 * its report.
 */
describe('chargemaster import over SFTP', () => {
  let sftp: SftpServer;
  let stack: Stack;
  const keys = mkdtempSync(join(tmpdir(), 'concord-sftp-key-'));

  beforeAll(async () => {
    sftp = await startSftpServer();
    for (const feed of ['chargemaster', 'lockbox']) mkdirSync(join(sftp.root, 'upload', feed));
    writeFileSync(join(keys, 'id_ed25519'), sftp.privateKey, { mode: 0o600 });
    stack = await startStack({
      env: {
        FILES_SOURCE: 'sftp',
        FILES_SFTP_HOST: sftp.host,
        FILES_SFTP_PORT: String(sftp.port),
        FILES_SFTP_USERNAME: sftp.username,
        FILES_SFTP_PRIVATE_KEY_FILE: join(keys, 'id_ed25519'),
        FILES_SFTP_DIRECTORY: '/upload',
        FILES_SFTP_HOST_KEY_SHA256: sftp.hostKeySha256,
        FILES_POLL_INTERVAL_MS: '200',
      },
    });
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
    await sftp?.stop();
    rmSync(keys, { recursive: true, force: true });
  });

  it('takes a complete file, applies it to billing and moves it to processed/ on the server', async () => {
    const remote = join(sftp.root, 'upload', 'chargemaster');
    const header = 'Charge Code,Description,Revenue Code,CPT/HCPCS,Department,Unit,Price,Effective From\n';
    writeFileSync(
      join(remote, 'cdm-rb.csv'),
      `${header}RB-SEMI,"Room and board, semi-private, per day",0120,,6100,day,2950.00,2026-10-01\n`,
    );
    const deadline = Date.now() + 30_000;
    while (!existsSync(join(remote, 'processed', 'cdm-rb.csv')) || existsSync(join(remote, 'cdm-rb.csv'))) {
      if (Date.now() > deadline) throw new Error(`not processed; system-api log:\n${stack.logs.text.slice(-3000)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const report = JSON.parse(readFileSync(join(remote, 'processed', 'cdm-rb.csv.report.json'), 'utf8')) as Record<string, unknown>;
    expect(report).toMatchObject({ feed: 'chargemaster', status: 'completed', accepted: 1, rejected: 0, attempts: 1 });

    const headers = await stack.auth('ops-console');
    const entry = (await (await fetch(`${stack.urls.systemApi}/billing/v1/chargemaster/RB-SEMI?asOf=2026-10-01`, { headers })).json()) as {
      price: { amount: number };
    };
    expect(entry.price.amount).toBe(295_000);
    const runs = (await (await fetch(`${stack.urls.systemApi}/files/v1/feeds/chargemaster/runs`, { headers })).json()) as {
      data: { id: string; origin: string; fileName: string }[];
    };
    expect(runs.data.find((run) => run.id === report.runId)).toMatchObject({ origin: 'sftp', fileName: 'cdm-rb.csv' });
  });
});
