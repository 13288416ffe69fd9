import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { type CloudEvent, EventBackbone } from '@concord/events';
import { TransactionRunner } from '@concord/platform';
import { accountFor, readEncounter } from './billing-e2e.helpers';
import { eventually } from '../support/event-backbone-harness';
import { type Stack, startStack } from '../support/stack';

/** Shared by the supply-replenishment and procure-to-pay flow suites. */
export type Json = Record<string, any>;
export const usd = (amount: number) => ({ amount, currency: 'USD' });
export const SUPPLY_FLOW = 'supply-replenishment';

export async function bootStack(): Promise<{
  stack: Stack;
  operator: Record<string, string>;
  patient: { id: string; mrn: string };
  accountId: string;
}> {
  const stack = await startStack({
    env: { ERP_MASTER_DATA_SYNC_INTERVAL_MS: '0', WORKFORCE_EXPIRY_CHECK_INTERVAL_MS: '0', SUPPLY_CHARGE_GRACE_MS: '0' },
  });
  const operator = await stack.auth('ops-console');
  // The encounter's account, as registration opens it at admission (before the procedure).
  const ehr = await readEncounter(stack, 'enc-aq-tka');
  const account = await call(stack, operator, 'system', 'POST', '/billing/v1/accounts', accountFor(ehr));
  expect(account.status, JSON.stringify(account.body)).toBe(201);
  return {
    stack,
    operator,
    patient: { id: ehr.patient.id, mrn: ehr.encounter.patient.mrn ?? ehr.patient.mrn! },
    accountId: account.body.id,
  };
}

export async function call(
  stack: Stack,
  headers: Record<string, string>,
  layer: 'system' | 'process',
  method: string,
  path: string,
  body?: unknown,
) {
  const response = await fetch(`${layer === 'system' ? stack.urls.systemApi : stack.urls.processApi}${path}`, {
    method,
    headers: {
      ...headers,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(method === 'GET' ? {} : { 'idempotency-key': randomUUID() }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as Json };
}

/** The procedure as the EHR records it (proc-aq-tka of the sandbox seed), with the items it used. */
export function procedure(patient: { id: string; mrn: string }, procedureId: string, itemsUsed: Json[]) {
  return {
    patientId: patient.id,
    mrn: patient.mrn,
    source: { origin: 'hl7v2', controlId: `MSG-${procedureId}`, messageType: 'DFT^P03' },
    procedureId,
    encounterId: 'enc-aq-tka',
    codes: [
      { system: 'http://www.ama-assn.org/go/cpt', code: '27447' },
      { system: 'http://www.cms.gov/Medicare/Coding/ICD10', code: '0SRD0JZ' },
    ],
    performedAt: '2026-11-02T13:00:00Z',
    departmentCode: '6300',
    performerNpi: '1245319599',
    itemsUsed,
  };
}
export const knee = (serialNumber: string) => ({
  itemCode: 'KNEE-TOT-CR',
  quantity: 1,
  gtin: '00812345678906',
  serialNumber,
  lotNumber: 'LOT-2026-114',
});

/** What the EHR system API does: the event in system-api's outbox, relayed to process-api by the backbone. */
export async function publishProcedures(stack: Stack, procedures: Json[]): Promise<CloudEvent[]> {
  return stack.systemApi.get(TransactionRunner).run((manager) =>
    stack.systemApi.get(EventBackbone).outbox.add(
      manager,
      procedures.map((data) => ({ type: 'ehr.procedure.performed.v1', data, subject: `Procedure/${data.procedureId}` })),
    ),
  );
}

export async function flowOf(stack: Stack, operator: Record<string, string>, procedureId: string, status?: string): Promise<Json> {
  return eventually(async () => {
    const list = await call(stack, operator, 'process', 'GET', `/v1/flows?type=${SUPPLY_FLOW}&key=procedure:${procedureId}`);
    expect(list.body.items).toHaveLength(1);
    const flow = (await call(stack, operator, 'process', 'GET', `/v1/flows/${list.body.items[0].id}`)).body;
    if (status) expect(flow.status).toBe(status);
    return flow;
  });
}
export const link = (flow: Json, name: string): string => flow.links.find((l: { name: string }) => l.name === name)?.value;
export const rows = (journal: Json) =>
  (journal.lines as Json[])
    .map((line) => [line.side === 'debit' ? 'DR' : 'CR', line.account, line.costCentre ?? '', line.amount.amount])
    .sort((a, b) => a.join('|').localeCompare(b.join('|')));
