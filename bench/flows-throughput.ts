/**
 * Patient-to-cash throughput, through every layer: completed flows per second, and the delay from
 * discharge to claim submitted (p50/p99).
 *
 *   node -r ./test/support/ts-register.cjs bench/flows-throughput.ts [flows] [outbound-rate]
 *   CONCORD_TEST_PROFILE=scale node -r ./test/support/ts-register.cjs bench/flows-throughput.ts [flows]
 *
 * Boots the sandbox (EHR, billing platform, clearinghouse answering at once, ERP), system-api and
 * process-api in this process as the e2e stack does (embedded: SQLite + in-process events; scale:
 * PostgreSQL + NATS JetStream on 127.0.0.1). Each flow is one clinic visit (OV-EST-3, Keystone
 * Health Plan, as scenario 2): its captured charge and its discharge are published together, and
 * the flow runs account → charges → coding → 837P → 999/277CA → 835 → four ERP journals. The
 * connectors' outbound limits (BILLING_RATE_PER_SECOND, ERP_RATE_PER_SECOND: 50 and 20 calls/s
 * by default) would bound the result, so they are lifted to `outbound-rate` (default 100000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { type CloudEvent, EventBackbone, type NewEvent } from '@concord/events';
import { TransactionRunner } from '@concord/platform';
import { startStack } from '../test/support/stack';

const flows = Number(process.argv[2] ?? 200);
const outboundRate = String(process.argv[3] ?? 100_000);
const BATCH = 20;

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main(): Promise<void> {
  const exchange = mkdtempSync(join(tmpdir(), 'concord-bench-p2c-'));
  const unlimited = JSON.stringify({
    platinum: [{ name: 'burst', quota: 1_000_000, windowSeconds: 1 }],
    gold: [{ name: 'burst', quota: 1_000_000, windowSeconds: 1 }],
  });
  const stack = await startStack({
    env: {
      LOG_LEVEL: 'warn',
      BILLING_CLEARINGHOUSE_DIR: exchange,
      BILLING_CLEARINGHOUSE_POLL_MS: '100',
      FLOW_WAIT_POLL_MS: '5000',
      FLOW_POLL_INTERVAL_MS: '50',
      THROTTLE_TIERS: unlimited,
      BILLING_RATE_PER_SECOND: outboundRate,
      ERP_RATE_PER_SECOND: outboundRate,
      EHR_RATE_PER_SECOND: outboundRate,
    },
    sandbox: { clearinghouse: { directory: exchange, pollIntervalMs: 100, settings: { ackDelayMs: 0, remitDelayMs: 0 } } },
  });
  const system = stack.systemApi;
  const processDb = stack.processApi.get(DataSource);
  const run = `b${Date.now().toString(36)}`;
  const dischargedAt = new Map<string, number>();

  const started = performance.now();
  for (let from = 0; from < flows; from += BATCH) {
    const events: NewEvent[] = [];
    for (let i = from; i < Math.min(flows, from + BATCH); i++) {
      const encounterId = `${run}-enc-${i}`;
      events.push({
        type: 'ehr.charge.captured.v1',
        subject: `ChargeItem/${encounterId}-ov`,
        data: {
          patientId: 'jordan-rivera',
          source: { origin: 'fhir' },
          chargeId: `${encounterId}-ov`,
          encounterId,
          chargeCode: 'OV-EST-3',
          quantity: 1,
          serviceDate: '2026-11-09',
          departmentCode: '7100',
        },
      });
      events.push({
        type: 'ehr.encounter.discharged.v1',
        subject: `Encounter/${encounterId}`,
        data: {
          patientId: 'jordan-rivera',
          source: { origin: 'hl7v2', controlId: `A03-${encounterId}`, messageType: 'ADT^A03' },
          encounterId,
          class: 'ambulatory',
          departmentCode: '7100',
          facilityId: 'concord-riverside',
          attendingNpi: '1667788990',
          admittedAt: '2026-11-09T10:00:00Z',
          dischargedAt: '2026-11-09T10:25:00Z',
          diagnoses: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'J06.9' }],
          coverages: [{ order: 1, payerId: 'KHP01', memberId: 'KHP-44718-01', groupNumber: 'KHP-GOLD-2026', relationship: 'self' }],
        },
      });
    }
    const added: CloudEvent[] = await system.get(TransactionRunner).run((manager) => system.get(EventBackbone).outbox.add(manager, events));
    const now = Date.now();
    for (const event of added)
      if (event.type === 'ehr.encounter.discharged.v1') dischargedAt.set((event.data as { encounterId: string }).encounterId, now);
  }

  let completed = 0;
  let failed = 0;
  const deadline = performance.now() + Math.max(120_000, flows * 1_000);
  while (performance.now() < deadline) {
    const rows = await processDb.query<{ status: string; n: number | string }[]>(
      `SELECT status, COUNT(*) AS n FROM flow_instance WHERE type = 'patient-to-cash' GROUP BY status`,
    );
    completed = Number(rows.find((r) => r.status === 'completed')?.n ?? 0);
    failed = Number(rows.find((r) => r.status === 'failed')?.n ?? 0);
    if (completed + failed >= flows) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const elapsedMs = performance.now() - started;

  const outbox = await system
    .get(DataSource)
    .query<{ type: string; payload: string }[]>(`SELECT type, payload FROM event_outbox WHERE type LIKE 'billing.claim.%'`);
  const delays = outbox
    .filter((row) => row.type === 'billing.claim.submitted.v1')
    .map((row) => JSON.parse(row.payload) as CloudEvent)
    .flatMap((event) => {
      const at = dischargedAt.get((event.data as { encounterId?: string }).encounterId ?? '');
      return at === undefined ? [] : [Date.parse(event.time) - at];
    })
    .sort((a, b) => a - b);

  // Where an instance's time goes: from the step before's end to this step's completion, averaged.
  const records = await processDb.query<{ flow_id: string; step: string; kind: string; at: string }[]>(
    `SELECT r.flow_id, r.step, r.kind, r.at FROM flow_step_record r JOIN flow_instance f ON f.id = r.flow_id WHERE f.type = 'patient-to-cash' ORDER BY r.flow_id, r.seq`,
  );
  const stepMs = new Map<string, number[]>();
  let previous: { flow: string; at: number } | undefined;
  for (const record of records) {
    if (record.kind !== 'completed' && record.kind !== 'started') continue;
    const at = Date.parse(record.at);
    if (record.kind === 'completed' && previous?.flow === record.flow_id)
      stepMs.set(record.step, [...(stepMs.get(record.step) ?? []), at - previous.at]);
    previous = { flow: record.flow_id, at };
  }
  const steps = Object.fromEntries([...stepMs].map(([step, list]) => [step, Math.round(list.reduce((a, b) => a + b, 0) / list.length)]));

  process.stdout.write(
    `${JSON.stringify(
      {
        profile: stack.database.profile,
        flows,
        completed,
        failed,
        seconds: Number((elapsedMs / 1000).toFixed(2)),
        completedFlowsPerSecond: Number((completed / (elapsedMs / 1000)).toFixed(1)),
        dischargeToSubmittedMs: { n: delays.length, p50: percentile(delays, 50), p99: percentile(delays, 99), max: delays.at(-1) },
        meanStepMs: steps,
      },
      null,
      2,
    )}\n`,
  );
  await stack.close();
  rmSync(exchange, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
  process.exit(1);
});
