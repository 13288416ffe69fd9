import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSftpServer, type SftpServer } from '../../../../test/support/sftp-server';
import { CompletenessTracker } from './completeness';
import { FileConnectorException } from './file-connector.exception';
import { SftpSource } from './sftp.source';

/** Against a real OpenSSH server (internal-sftp, chrooted) on a loopback port. */
describe('SftpSource', () => {
  let server: SftpServer;
  let source: SftpSource;
  let local: string;

  beforeAll(async () => {
    server = await startSftpServer();
    local = join(server.root, 'upload', 'chargemaster');
    mkdirSync(local);
    source = new SftpSource({ ...server, directory: '/upload/chargemaster' });
  }, 60_000);

  afterAll(async () => {
    await source?.close();
    await server?.stop();
  });

  it('lists complete files only once size-stable across two polls, and reads them', async () => {
    writeFileSync(join(local, 'cdm.csv'), 'code,price\nLAB-CBC,310.00\n');
    writeFileSync(join(local, 'cdm-2.csv.part'), 'still arriving');
    const tracker = new CompletenessTracker('stable');
    expect(tracker.complete(await source.list(), new Set())).toEqual([]);
    const second = tracker.complete(await source.list(), new Set());
    expect(second.map((e) => e.name)).toEqual(['cdm.csv']);
    writeFileSync(join(local, 'cdm.csv'), 'code,price\nLAB-CBC,310.00\nLAB-STREP,45.00\n');
    // It grew between polls: not complete yet.
    expect(tracker.complete(await source.list(), new Set())).toEqual([]);
    expect((await source.read('cdm.csv')).toString()).toContain('LAB-STREP');
  });

  it('sees .done markers and moves a handled file with its report, never overwriting', async () => {
    writeFileSync(join(local, 'items.csv'), 'a\n');
    writeFileSync(join(local, 'items.csv.done'), '');
    expect(await source.markers()).toContain('items.csv');
    expect(new CompletenessTracker('marker').complete(await source.list(), await source.markers()).map((e) => e.name)).toContain(
      'items.csv',
    );
    expect(await source.dispose('items.csv', 'processed', '{"ok":true}')).toBe('items.csv');
    expect(readFileSync(join(local, 'processed', 'items.csv.report.json'), 'utf8')).toBe('{"ok":true}');
    expect(existsSync(join(local, 'items.csv.done'))).toBe(false);

    writeFileSync(join(local, 'items.csv'), 'b\n');
    const second = await source.dispose('items.csv', 'processed', '{"ok":2}');
    expect(second).not.toBe('items.csv');
    expect(readFileSync(join(local, 'processed', 'items.csv'), 'utf8')).toBe('a\n');
    expect(readFileSync(join(local, 'processed', second), 'utf8')).toBe('b\n');
    expect(readdirSync(local)).not.toContain('items.csv');
  });

  it('refuses a server whose host key does not match, as a source error', async () => {
    const wrong = new SftpSource({ ...server, directory: '/upload', hostKeySha256: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' });
    await expect(wrong.list()).rejects.toBeInstanceOf(FileConnectorException);
    await wrong.close();
    const right = new SftpSource({ ...server, directory: '/upload', hostKeySha256: server.hostKeySha256 });
    expect((await right.list()).map((e) => e.name)).toEqual([]);
    await right.close();
  });
});
