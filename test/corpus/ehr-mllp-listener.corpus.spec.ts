import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeHl7Bytes, MllpClient, readInboundHl7, splitHl7Batch } from '@concord/connectors/hl7v2';
import { AVERY_A01 } from '../../libs/connectors/src/hl7v2/demo-hospital.fixture';
import { eventsForChange } from '../../apps/system-api/src/ehr/messages/hl7-change-events';
import { MllpListener } from '../../apps/system-api/src/ehr/messages/mllp-listener.service';
import { type Stack, startStack } from '../support/stack';

/**
 * Every public HL7 v2 sample in ../shared/fixtures/hl7v2 sent, as it is in the file, to system-api's own MLLP
 * listener (the message store, the mappings, the outbox): ADT and DFT messages of the mapped triggers are stored
 * as processed with their events, everything else is stored as failed and answered AE or AR; the listener keeps
 * answering after the whole corpus. The folder is optional (CONCORD_FIXTURES_DIR): without it the suite is skipped.
 */
const fixtures = process.env.CONCORD_FIXTURES_DIR ?? resolve(__dirname, '..', '..', '..', 'shared', 'fixtures');
const dir = join(fixtures, 'hl7v2');

const MAPPED = /^(ADT\^A(01|02|03|04|08|11|13|40)|DFT\^P03)$/;

/** Mapped-type samples that cannot mean anything (see hl7v2.corpus.spec.ts for why): answered AE, kept as failed. */
const KNOWN_UNMAPPABLE = new Set(['nodehl7c__adt-example.hl7']);

interface Sample {
  label: string;
  file: string;
  input: Buffer | string;
}

function samples(): Sample[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.hl7'))
    .sort()
    .flatMap((file): Sample[] => {
      const bytes = readFileSync(join(dir, file));
      const messages = splitHl7Batch(bytes);
      return messages.length === 1
        ? [{ label: file, file, input: bytes }]
        : messages.map((input, index) => ({ label: `${file} #${index + 1}`, file, input }));
    });
}

describe.skipIf(!existsSync(dir))('HL7 v2 corpus through the system-api MLLP listener', () => {
  let stack: Stack;
  let client: MllpClient;
  let db: DataSource;
  const corpus = samples();

  beforeAll(async () => {
    stack = await startStack({ env: { MLLP_PORT: '0' } });
    db = stack.systemApi.get(DataSource);
    client = new MllpClient({ host: '127.0.0.1', port: stack.systemApi.get(MllpListener).port, ackTimeoutMs: 20_000 });
  }, 120_000);
  afterAll(async () => {
    await client?.close();
    await stack?.close();
  }, 60_000);

  it('stores and answers every sample: ADT/DFT mapped with their events, the rest cleanly refused', async () => {
    expect(corpus.length).toBeGreaterThanOrEqual(40);
    let mapped = 0;
    for (const sample of corpus) {
      const expected = readInboundHl7(sample.input);
      const ack = await client.send(sample.input);
      const code = ack.get('MSA', 1);
      expect(ack.get('MSA', 2), sample.label).toBe(expected.controlId);
      // The stored copy of exactly this sample (several samples share a control id).
      const text = typeof sample.input === 'string' ? sample.input : decodeHl7Bytes(sample.input);
      const rows: { id: string; status: string; raw: string }[] = await db.query(
        `SELECT id, status, raw FROM ehr_message WHERE control_id = ${db.options.type === 'postgres' ? '$1' : '?'}`,
        [expected.controlId],
      );
      const row = rows.find((r) => r.raw === text);
      expect(row, sample.label).toBeDefined();
      const type = expected.change?.message.messageType ?? '';
      if (MAPPED.test(type) && !KNOWN_UNMAPPABLE.has(sample.file)) {
        mapped++;
        expect(code, sample.label).toBe('AA');
        expect(row!.status, sample.label).toBe('processed');
        const events: { payload: string }[] = await db.query(`SELECT payload FROM event_outbox`);
        const own = events.filter(
          (e) => (JSON.parse(e.payload) as { data: { source?: { messageId?: string } } }).data.source?.messageId === row!.id,
        );
        expect(own.length, sample.label).toBe(eventsForChange(expected.change!, row!.id).length);
        expect(own.length, sample.label).toBeGreaterThan(0);
      } else {
        expect(['AE', 'AR'], sample.label).toContain(code);
        expect(ack.getSegment('ERR') ?? ack.get('MSA', 3), sample.label).toBeDefined();
        expect(row!.status, sample.label).toBe('failed');
      }
    }
    expect(mapped).toBeGreaterThanOrEqual(12);
    const [{ n }] = await db.query(`SELECT COUNT(*) AS n FROM ehr_message`);
    expect(Number(n)).toBe(corpus.length);
    // Still listening and processing after the whole corpus.
    expect((await client.send(AVERY_A01)).get('MSA', 1)).toBe('AA');
  }, 120_000);
});
