import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { expect } from 'vitest';
import type { ChargeCapturedDataDto, EncounterEventDataDto } from '@concord/contracts';
import { EventBackbone } from '@concord/events';
import { TransactionRunner } from '@concord/platform';
import { eventually } from '../support/event-backbone-harness';
import { type Stack, startStack } from '../support/stack';
import { readEncounter } from './billing-e2e.helpers';

type Json = Record<string, any>;

/**
 * The revenue cycle through every layer: the sandbox (EHR, billing platform, clearinghouse
 * answering at once, ERP), system-api, and process-api running the patient-to-cash and
 * charge-capture flows. The test plays the EHR system API's part by publishing the trigger events
 * (a discharge, captured charges) through system-api's outbox, as its HL7/FHIR intake will.
 */
export interface RevenueCycleStack {
  stack: Stack;
  /** An authenticated JSON call (ops-console unless `as` says otherwise) to `system` or `process`. */
  call<T = Json>(
    layer: 'system' | 'process',
    method: string,
    path: string,
    body?: unknown,
    as?: 'ops-console' | 'ops-supervisor',
  ): Promise<{ status: number; body: T }>;
  publish(type: string, data: object, subject: string): Promise<void>;
  /** The discharge event of a sandbox encounter, read from the sandbox EHR as the ADT^A03 would carry it. */
  dischargeOf(encounterId: string, overrides?: Partial<EncounterEventDataDto>): Promise<EncounterEventDataDto>;
  /** The charge-captured events of a sandbox encounter's ChargeItems. */
  chargesOf(encounterId: string): Promise<ChargeCapturedDataDto[]>;
  flowOf(type: string, key: string): Promise<Json>;
  /** Events system-api put in its outbox, oldest first. */
  events(type: string): Promise<{ id: string; data: Json }[]>;
  until(flowId: string, predicate: (flow: Json) => boolean, timeoutMs?: number): Promise<Json>;
  close(): Promise<void>;
}

export async function startRevenueCycleStack(): Promise<RevenueCycleStack> {
  const exchange = mkdtempSync(join(tmpdir(), 'concord-p2c-'));
  const stack = await startStack({
    env: { BILLING_CLEARINGHOUSE_DIR: exchange, BILLING_CLEARINGHOUSE_POLL_MS: '150', FLOW_WAIT_POLL_MS: '150' },
    sandbox: { clearinghouse: { directory: exchange, pollIntervalMs: 150, settings: { ackDelayMs: 0, remitDelayMs: 0 } } },
  });
  const headers = {
    'ops-console': await stack.auth('ops-console'),
    'ops-supervisor': await stack.auth('ops-supervisor'),
  };
  const call = async <T = Json>(
    layer: 'system' | 'process',
    method: string,
    path: string,
    body?: unknown,
    as: keyof typeof headers = 'ops-console',
  ) => {
    const response = await fetch(`${layer === 'system' ? stack.urls.systemApi : stack.urls.processApi}${path}`, {
      method,
      headers: {
        ...headers[as],
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(method === 'GET' ? {} : { 'idempotency-key': randomUUID() }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // X12 stays text.
    }
    return { status: response.status, body: parsed as T };
  };
  const flowOf = async (type: string, key: string) => {
    const listed = await call('process', 'GET', `/v1/flows?type=${type}&key=${encodeURIComponent(key)}`);
    expect(listed.body.items, `${type} ${key}`).toHaveLength(1);
    return (await call('process', 'GET', `/v1/flows/${listed.body.items[0].id}`)).body;
  };
  return {
    stack,
    call,
    async publish(type, data, subject) {
      await stack.systemApi
        .get(TransactionRunner)
        .run((manager) => stack.systemApi.get(EventBackbone).outbox.add(manager, { type, data, subject }));
    },
    async dischargeOf(encounterId, overrides = {}) {
      const ehr = await readEncounter(stack, encounterId);
      const { encounter, patient, coverages, attending } = ehr;
      return {
        patientId: patient.id,
        mrn: encounter.patient.mrn ?? patient.mrn,
        source: { origin: 'hl7v2', controlId: `A03-${encounterId}`, messageType: 'ADT^A03' },
        encounterId: encounter.id,
        ...(encounter.visitNumber ? { visitNumber: encounter.visitNumber } : {}),
        class: encounter.class,
        ...(encounter.departmentCode ? { departmentCode: encounter.departmentCode } : {}),
        facilityId: encounter.facilityId,
        ...(encounter.attendingNpi ? { attendingNpi: encounter.attendingNpi } : {}),
        ...(attending?.name?.[0]?.family
          ? { attendingName: { family: attending.name[0].family, given: attending.name[0].given?.[0] } }
          : {}),
        admittedAt: encounter.period!.start!,
        dischargedAt: encounter.period!.end!,
        dischargeDisposition: encounter.dischargeDisposition ?? '01',
        ...(encounter.admitSource ? { admitSource: encounter.admitSource } : {}),
        diagnoses: encounter.diagnoses.map((d) => ({ system: d.code.system, code: d.code.code })),
        coverages: coverages.map((c) => ({
          order: c.order,
          payerId: c.payerId,
          ...(c.memberId ? { memberId: c.memberId } : {}),
          ...(c.groupNumber ? { groupNumber: c.groupNumber } : {}),
          relationship: c.relationship,
        })),
        ...overrides,
      };
    },
    async chargesOf(encounterId) {
      const ehr = await readEncounter(stack, encounterId);
      return ehr.charges.map((charge) => ({
        patientId: ehr.patient.id,
        mrn: ehr.encounter.patient.mrn ?? ehr.patient.mrn,
        source: { origin: 'fhir' },
        chargeId: charge.id,
        encounterId,
        chargeCode: charge.chargeCode,
        quantity: charge.quantity,
        serviceDate: charge.serviceDate,
        ...(charge.departmentCode ? { departmentCode: charge.departmentCode } : {}),
        transactionType: 'CG',
      }));
    },
    flowOf,
    async events(type) {
      const rows = await stack.systemApi
        .get(DataSource)
        .query<{ type: string; payload: string }[]>(`SELECT type, payload FROM event_outbox WHERE type LIKE 'billing.%' ORDER BY position`);
      return rows.filter((row) => row.type === type).map((row) => JSON.parse(row.payload) as { id: string; data: Json });
    },
    async until(flowId, predicate, timeoutMs = 60_000) {
      return eventually(
        async () => {
          const flow = (await call('process', 'GET', `/v1/flows/${flowId}`)).body;
          expect(predicate(flow), `flow ${flowId}: ${flow.status} at ${flow.currentStep} (${flow.lastError ?? ''})`).toBe(true);
          return flow;
        },
        timeoutMs,
        100,
      );
    },
    async close() {
      await stack.close();
      rmSync(exchange, { recursive: true, force: true });
    },
  };
}
