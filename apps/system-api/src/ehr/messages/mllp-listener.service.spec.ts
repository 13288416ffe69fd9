import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAck, MllpClient, parseHl7 } from '@concord/connectors/hl7v2';
import { createLogger, loadConfig } from '@concord/platform';
import { JORDAN_A04 } from '../../../../../libs/connectors/src/hl7v2/demo-hospital.fixture';
import { SystemApiConfig } from '../../system-api.config';
import type { MessageIntake } from './message-intake.service';
import { MllpListener } from './mllp-listener.service';

/** The intake is the edge here: these tests are about the listener's configuration, not storage. */
const intake = {
  receive: (frame: Buffer | string) => Promise.resolve(buildAck(parseHl7(frame), { code: 'AA' })),
} as unknown as MessageIntake;
const logger = createLogger({ app: 'system-api', level: 'silent' });

describe('MllpListener configuration', () => {
  let dir: string;

  beforeAll(() => {
    // A throw-away self-signed certificate for localhost, made with the system's openssl.
    dir = mkdtempSync(join(tmpdir(), 'ehr-mllp-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stays off when MLLP_PORT is unset', async () => {
    const listener = new MllpListener(loadConfig(SystemApiConfig, {}), intake, logger);
    await listener.onApplicationBootstrap();
    expect(listener.port).toBe(0);
  });

  it('speaks MLLP over TLS with MLLP_TLS_CERT_FILE and MLLP_TLS_KEY_FILE', async () => {
    const config = loadConfig(SystemApiConfig, {
      MLLP_PORT: '0',
      MLLP_TLS_CERT_FILE: join(dir, 'cert.pem'),
      MLLP_TLS_KEY_FILE: join(dir, 'key.pem'),
    });
    const listener = new MllpListener(config, intake, logger);
    await listener.onApplicationBootstrap();
    try {
      expect(listener.tls).toBe(true);
      const client = new MllpClient({
        host: '127.0.0.1',
        port: listener.port,
        tls: { ca: readFileSync(join(dir, 'cert.pem')), servername: 'localhost' },
      });
      const ack = await client.send(JORDAN_A04);
      expect([ack.get('MSA', 1), ack.get('MSA', 2)]).toEqual(['AA', 'CR-ADT-0001']);
      await client.close();
    } finally {
      await listener.onModuleDestroy();
    }
  });
});
