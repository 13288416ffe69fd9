import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChargeItem, Condition, Coverage, Encounter, Patient, Practitioner, Procedure } from '@medplum/fhirtypes';
import { DataSource } from 'typeorm';
import {
  chargeFromFhir,
  coverageFromFhir,
  encounterFromFhir,
  FhirClient,
  patientFromFhir,
  procedureFromFhir,
  ResourceIndex,
} from '@concord/connectors/fhir';
import type { CloudEvent } from '@concord/events';
import { CodeSystem } from '@concord/contracts';
import { type Stack, startStack } from '../support/stack';

/**
 * A stack with the sandbox clearinghouse sharing an exchange folder with system-api, answering at
 * once (no delays), both pollers fast, and helpers that play the patient-to-cash flow's part:
 * reading a discharged encounter from the sandbox EHR and registering it in billing.
 */
export interface BillingStack {
  stack: Stack;
  exchange: string;
  /** An authenticated JSON call to system-api; answers status and parsed body. */
  call<T = Record<string, any>>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: T; headers: Headers }>;
  /** Runs the sandbox clearinghouse now, then has system-api collect what it answered. */
  exchangeNow(): Promise<{ processed: string[]; failed: string[] }>;
  /** Billing events system-api put in its outbox, oldest first. */
  events(type?: string): Promise<CloudEvent[]>;
  close(): Promise<void>;
}

let keys = 0;
export const key = (label = 'k') => `${label}-${process.pid}-${Date.now()}-${++keys}`;

/** `pollers: false` leaves both sides idle until `exchangeNow` (or the collect route) runs them. */
export async function startBillingStack(options: { pollers?: boolean; env?: Record<string, string> } = {}): Promise<BillingStack> {
  const exchange = mkdtempSync(join(tmpdir(), 'concord-clearinghouse-'));
  const pollers = options.pollers ?? true;
  const stack = await startStack({
    env: { BILLING_CLEARINGHOUSE_DIR: exchange, BILLING_CLEARINGHOUSE_POLL_MS: pollers ? '200' : '0', ...options.env },
    sandbox: {
      clearinghouse: { directory: exchange, pollIntervalMs: pollers ? 200 : 3_600_000, settings: { ackDelayMs: 0, remitDelayMs: 0 } },
    },
  });
  const operator = await stack.auth('ops-console');
  const call = async <T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${stack.urls.systemApi}${path}`, {
      method,
      headers: {
        ...operator,
        ...(body === undefined ? {} : { 'content-type': typeof body === 'string' ? 'application/edi-x12' : 'application/json' }),
        ...(method === 'POST' || method === 'PATCH' || method === 'PUT' ? { 'idempotency-key': key(method) } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // X12 and other text answers stay text.
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  };
  return {
    stack,
    exchange,
    call,
    async exchangeNow() {
      await fetch(`${stack.urls.sandbox}/sandbox/v1/clearinghouse/run`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      const collected = await call<{ processed: string[]; failed: string[] }>('POST', '/billing/v1/inbound/x12/collect');
      return collected.body;
    },
    async events(type?: string) {
      const rows = await stack.systemApi
        .get(DataSource)
        .query<{ payload: string }[]>(`SELECT payload FROM event_outbox WHERE type LIKE 'billing.%' ORDER BY position`);
      return rows.map((row) => JSON.parse(row.payload) as CloudEvent).filter((event) => !type || event.type === type);
    },
    async close() {
      await stack.close();
      rmSync(exchange, { recursive: true, force: true });
    },
  };
}

/** What the patient-to-cash flow reads from the EHR about a discharged encounter. */
export async function readEncounter(stack: Stack, encounterId: string) {
  const fhir = new FhirClient({ baseUrl: stack.urls.fhir, timeoutMs: 5_000 });
  const encounter = await fhir.read<Encounter>('Encounter', encounterId);
  const conditions = await fhir.search<Condition>('Condition', { encounter: encounterId });
  const canonical = encounterFromFhir(encounter, ResourceIndex.fromBundle(conditions));
  const patientId = canonical.patient.id!;
  const patient = patientFromFhir(await fhir.read<Patient>('Patient', patientId));
  const coverages = ((await fhir.search<Coverage>('Coverage', { patient: patientId })).entry ?? []).map((e) =>
    coverageFromFhir(e.resource!),
  );
  const charges = ((await fhir.search<ChargeItem>('ChargeItem', { encounter: encounterId })).entry ?? []).map((e) =>
    chargeFromFhir(e.resource!),
  );
  const procedures = ((await fhir.search<Procedure>('Procedure', { encounter: encounterId })).entry ?? []).map((e) =>
    procedureFromFhir(e.resource!),
  );
  const attending = canonical.attendingNpi
    ? ((await fhir.search<Practitioner>('Practitioner', { identifier: `http://hl7.org/fhir/sid/us-npi|${canonical.attendingNpi}` }))
        .entry ?? [])[0]?.resource
    : undefined;
  return {
    encounter: canonical,
    patient,
    coverages,
    charges,
    procedures,
    attending,
    conditions: (conditions.entry ?? []).map((e) => e.resource!),
  };
}

/** The account a discharged encounter gets, as the flow would register it. */
export function accountFor(ehr: Awaited<ReturnType<typeof readEncounter>>, overrides: Record<string, unknown> = {}) {
  const { encounter, patient, coverages, attending } = ehr;
  const address = patient.addresses?.[0];
  return {
    encounterId: encounter.id,
    visitNumber: encounter.visitNumber,
    facilityId: encounter.facilityId,
    patientClass: encounter.class === 'inpatient' ? 'inpatient' : 'outpatient',
    departmentCode: encounter.departmentCode,
    patient: {
      id: patient.id,
      mrn: encounter.patient.mrn ?? patient.mrn,
      name: { family: patient.name.family, given: patient.name.given },
      birthDate: patient.birthDate,
      gender: patient.gender === 'female' || patient.gender === 'male' ? patient.gender : 'unknown',
      ...(address?.line?.length && address.city && address.state && address.postalCode
        ? {
            address: {
              line: address.line.slice(0, 2),
              city: address.city,
              state: address.state,
              postalCode: address.postalCode.replace('-', ''),
            },
          }
        : {}),
    },
    admission: {
      date: encounter.period!.start!.slice(0, 10),
      hour: encounter.period!.start!.slice(11, 16).replace(':', ''),
      ...(encounter.class === 'inpatient' ? { typeCode: '3' } : {}),
      ...(encounter.admitSource ? { sourceCode: encounter.admitSource } : {}),
    },
    discharge: { date: encounter.period!.end!.slice(0, 10), statusCode: encounter.dischargeDisposition ?? '01' },
    ...(attending
      ? {
          attending: {
            name: attending.name?.[0]?.family,
            firstName: attending.name?.[0]?.given?.[0],
            npi: encounter.attendingNpi,
          },
        }
      : {}),
    coverages: coverages.map((c) => ({
      order: c.order,
      payerId: c.payerId,
      ...(c.memberId ? { memberId: c.memberId } : {}),
      ...(c.groupNumber ? { groupNumber: c.groupNumber } : {}),
      relationship: c.relationship,
    })),
    ...overrides,
  };
}

/** The account's coding as health information management finalises it: the encounter's diagnoses, its procedures, the DRG. */
export function codingFor(ehr: Awaited<ReturnType<typeof readEncounter>>, drg?: string) {
  return {
    status: 'final',
    ...(drg ? { drg } : {}),
    diagnoses: ehr.encounter.diagnoses.map((d) => ({
      code: { system: CodeSystem.ICD10_CM, code: d.code.code },
      role: d.role === 'principal' ? 'principal' : 'other',
      ...(d.presentOnAdmission ? { presentOnAdmission: d.presentOnAdmission } : {}),
    })),
    procedures: ehr.procedures.flatMap((p) =>
      p.codes
        .filter((c) => c.system === CodeSystem.ICD10_PCS)
        .map((c) => ({ code: { system: c.system, code: c.code }, role: 'principal', date: (p.performedAt ?? '').slice(0, 10) })),
    ),
  };
}
