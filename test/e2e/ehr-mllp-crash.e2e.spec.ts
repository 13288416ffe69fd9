import { afterAll, describe, expect, it } from 'vitest';
import { mapHl7ToClinicalChange, MllpClient, parseHl7 } from '@concord/connectors/hl7v2';
import { BaseConfig, databaseOptions, loadConfig, openDataSource } from '@concord/platform';
import { TestDatabase } from '@concord/testing';
import { AVERY_A01, AVERY_DFT, JORDAN_A04 } from '../../libs/connectors/src/hl7v2/demo-hospital.fixture';
import { eventsForChange } from '../../apps/system-api/src/ehr/messages/hl7-change-events';
import { type ChildNode, startChildNode } from '../support/child-node';

const TOTAL = 1000;
const SENDERS = 4;

/** Message i of the burst: an A01, an A04 or a DFT under its own control id and its own patient. */
function burstMessage(i: number): { controlId: string; text: string } {
  const controlId = `BURST-${String(i).padStart(4, '0')}`;
  const template = [AVERY_A01, JORDAN_A04, AVERY_DFT][i % 3];
  const text = template
    .replace(/^(MSH(?:\|[^|\r]*){8})\|[^|\r]*/, `$1|${controlId}`)
    .replace(/C[GR]-\d{6}\^\^\^CONCORD\^MR/, `BQ-${i}^^^CONCORD^MR`);
  return { controlId, text };
}

/** Events each message must have produced, exactly once: what the mapping announces for it. */
const expectedEvents = (text: string) => eventsForChange(mapHl7ToClinicalChange(parseHl7(text)), 'x').length;

/**
 * The "done when": kill -9 of system-api in the middle of a burst of 1,000 MLLP messages; after a restart
 * and the senders resending what was not acknowledged (and some that were), no acknowledged message is lost and
 * none is processed twice. Counted in the database: one ehr_message row per control id, and in the outbox exactly
 * the events the mapping announces for it.
 */
describe('HL7 v2 over MLLP under kill -9', () => {
  const database = new TestDatabase();
  const dbEnv = database.envFor('system-api');
  const running: ChildNode[] = [];
  const start = () => {
    const node = startChildNode('test/support/ehr-mllp-node.ts', { EHR_NODE_DB: JSON.stringify(dbEnv) });
    running.push(node);
    return node;
  };

  afterAll(async () => {
    for (const node of running) if (node.child.exitCode === null && node.child.signalCode === null) node.child.kill('SIGKILL');
    await database.dispose();
  });

  /** Sends `messages` over SENDERS pipelining connections; collects the control ids answered AA. */
  async function burst(port: number, messages: { controlId: string; text: string }[], onAck?: (count: number) => void) {
    const acked = new Set<string>();
    const clients = Array.from(
      { length: SENDERS },
      () => new MllpClient({ host: '127.0.0.1', port, maxInFlight: 16, ackTimeoutMs: 60_000 }),
    );
    await Promise.allSettled(
      messages.map(async (message, i) => {
        const ack = await clients[i % SENDERS].send(message.text);
        if (ack.get('MSA', 1) === 'AA' && ack.get('MSA', 2) === message.controlId) acked.add(message.controlId);
        onAck?.(acked.size);
      }),
    );
    await Promise.allSettled(clients.map((client) => client.close()));
    return acked;
  }

  it('loses no acknowledged message and processes none twice', async () => {
    const messages = Array.from({ length: TOTAL }, (_, i) => burstMessage(i));

    const first = start();
    const port1 = Number((await first.waitFor('mllp-port', 240_000)).split(' ')[1]);
    const killAt = 250 + Math.floor(Math.random() * 300);
    const ackedBeforeCrash = await burst(port1, messages, (count) => {
      if (count === killAt && first.child.exitCode === null) first.child.kill('SIGKILL');
    });
    expect((await first.exited).signal).toBe('SIGKILL');
    expect(ackedBeforeCrash.size).toBeGreaterThanOrEqual(killAt);
    expect(ackedBeforeCrash.size).toBeLessThan(TOTAL);

    // The senders resend everything not acknowledged, and (as a confused engine would) 100 that were.
    const second = start();
    const port2 = Number((await second.waitFor('mllp-port', 240_000)).split(' ')[1]);
    const resend = [
      ...messages.filter((m) => !ackedBeforeCrash.has(m.controlId)),
      ...messages.filter((m) => ackedBeforeCrash.has(m.controlId)).slice(0, 100),
    ];
    const ackedAfter = await burst(port2, resend);
    expect(ackedAfter.size).toBe(resend.length);

    const dataSource = await openDataSource(
      databaseOptions(loadConfig(BaseConfig, { ...dbEnv, LOG_LEVEL: 'silent' }), { app: 'system-api', entities: [], migrations: [] }),
    );
    try {
      const rows: { control_id: string; n: string | number }[] = await dataSource.query(
        `SELECT control_id, COUNT(*) AS n FROM ehr_message GROUP BY control_id`,
      );
      const stored = new Map(rows.map((row) => [row.control_id, Number(row.n)]));
      for (const message of messages) expect(stored.get(message.controlId), message.controlId).toBe(1);

      const outbox: { payload: string }[] = await dataSource.query(`SELECT payload FROM event_outbox`);
      const perControlId = new Map<string, number>();
      for (const { payload } of outbox) {
        const controlId = (JSON.parse(payload) as { data: { source?: { controlId?: string } } }).data.source?.controlId;
        if (controlId) perControlId.set(controlId, (perControlId.get(controlId) ?? 0) + 1);
      }
      const wrong = messages.filter((m) => perControlId.get(m.controlId) !== expectedEvents(m.text)).map((m) => m.controlId);
      expect(wrong).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  }, 600_000);
});
