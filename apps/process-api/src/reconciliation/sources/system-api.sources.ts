import { Inject, Injectable } from '@nestjs/common';
import { DownstreamException, unwrap } from '@concord/clients';
import { SYSTEM_API, type SystemApiClient } from '../../system-api.provider';
import type { JournalRecord, JournalSource, RemittanceRecord, RemittanceSource } from '../rules/claims-paid-cash.rule';
import type { EncounterBilling, EncounterBillingSource } from '../rules/discharges-claims.rule';
import type { CostCentreRecord, EmployeeRecord, EmployeeSource, PayrollRecord, PayrollSource } from '../rules/employees-payroll.rule';
import type { PatientAccountRecord, PatientAccountSource, PatientDirectory } from '../rules/patient-accounts.rule';
import { type ReconciledSystem, SourceUnavailable } from '../rules/rule';

const LAYER = 'system-api';
const MRN_SYSTEM = 'urn:concord:health:mrn';

/**
 * Reads through system-api (and only system-api): each call names the core system behind it, so a
 * core system that is down, timing out or throttling surfaces as SourceUnavailable for that system,
 * and the run is recorded incomplete instead of reporting what it could not see as breaks.
 */
async function read<T>(system: ReconciledSystem, call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  try {
    return await unwrap(LAYER, call);
  } catch (error) {
    if (error instanceof DownstreamException && (error.status >= 500 || error.status === 429 || error.status === 408))
      throw new SourceUnavailable(system, error.code, `${system} could not be read through system-api: ${error.message}`, { cause: error });
    throw error;
  }
}

/** Whether a read failed because the record does not exist (then the rule sees "absent", not an outage). */
const isNotFound = (error: unknown): boolean => error instanceof DownstreamException && error.status === 404;

/** Pages through a list route (cursor paging), within the route's page size. */
async function* pages<T>(fetchPage: (cursor?: string) => Promise<{ items: T[]; nextCursor?: string }>): AsyncIterable<T> {
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    yield* page.items;
    cursor = page.nextCursor;
  } while (cursor);
}

/** The rules' ports over the generated system-api client. */
@Injectable()
export class SystemApiSources
  implements RemittanceSource, JournalSource, PatientAccountSource, PatientDirectory, EmployeeSource, PayrollSource, EncounterBillingSource
{
  constructor(@Inject(SYSTEM_API) private readonly systemApi: SystemApiClient) {}

  async *remittances(): AsyncIterable<RemittanceRecord> {
    const all = pages((cursor) =>
      read('billing', this.systemApi.GET('/billing/v1/remittances', { params: { query: { limit: 100, ...(cursor ? { cursor } : {}) } } })),
    );
    for await (const remittance of all)
      yield {
        id: remittance.id,
        traceNumber: remittance.traceNumber,
        claimPayments: remittance.claimPayments.map((payment) => ({
          id: payment.id,
          ...(payment.claimId ? { claimId: payment.claimId } : {}),
          postingStatus: payment.postingStatus,
          paidCents: payment.paid.amount,
          patientResponsibilityCents: payment.patientResponsibility.amount,
        })),
      };
  }

  async journalsFor(sourceType: 'remittance', sourceId: string): Promise<JournalRecord[]> {
    const journals: JournalRecord[] = [];
    const all = pages((cursor) =>
      read(
        'erp',
        this.systemApi.GET('/erp/v1/journals', { params: { query: { sourceType, sourceId, limit: 200, ...(cursor ? { cursor } : {}) } } }),
      ),
    );
    for await (const journal of all)
      journals.push({
        id: journal.id,
        lines: journal.lines.map((line) => ({
          account: line.account,
          side: line.side === 'credit' ? 'credit' : 'debit',
          amountCents: line.amount.amount,
        })),
      });
    return journals;
  }

  async *accounts(): AsyncIterable<PatientAccountRecord> {
    const all = pages((cursor) =>
      read('billing', this.systemApi.GET('/billing/v1/accounts', { params: { query: { limit: 100, ...(cursor ? { cursor } : {}) } } })),
    );
    for await (const account of all)
      yield {
        id: account.id,
        encounterId: account.encounterId,
        status: account.status,
        ...(account.patient.id ? { patientId: account.patient.id } : {}),
        mrn: account.patient.mrn,
        chargesCents: account.balances.charges.amount,
        createdAt: account.createdAt,
      };
  }

  async exists(patient: { id?: string; mrn: string }): Promise<boolean> {
    if (patient.id) {
      try {
        await read('ehr', this.systemApi.GET('/ehr/v1/patients/{id}', { params: { path: { id: patient.id } } }));
        return true;
      } catch (error) {
        if (isNotFound(error)) return false;
        throw error;
      }
    }
    const found = await read(
      'ehr',
      this.systemApi.GET('/ehr/v1/patients', { params: { query: { identifier: `${MRN_SYSTEM}|${patient.mrn}`, limit: 1 } } }),
    );
    return found.items.length > 0;
  }

  async *employees(): AsyncIterable<EmployeeRecord> {
    const all = pages((cursor) =>
      read(
        'workforce',
        this.systemApi.GET('/workforce/v1/employees', { params: { query: { limit: 200, ...(cursor ? { cursor } : {}) } } }),
      ),
    );
    for await (const employee of all)
      yield {
        employeeNumber: employee.employeeNumber,
        status: employee.status,
        costCentre: employee.costCentre,
        hourlyRateCents: employee.hourlyRate.amount,
      };
  }

  async payrollEmployee(employeeNumber: string): Promise<PayrollRecord | undefined> {
    try {
      const record = await read(
        'erp',
        this.systemApi.GET('/workforce/v1/payroll/employees/{employeeNumber}', { params: { path: { employeeNumber } } }),
      );
      return {
        employeeNumber: record.employeeNumber,
        status: record.status,
        costCentre: record.costCentre,
        hourlyRateCents: record.hourlyRate.amount,
      };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async costCentres(): Promise<CostCentreRecord[]> {
    const centres = await read('erp', this.systemApi.GET('/erp/v1/cost-centres'));
    return centres.map((centre) => ({ code: centre.code, active: centre.active }));
  }

  async billingFor(encounterId: string): Promise<EncounterBilling> {
    const accounts = await read('billing', this.systemApi.GET('/billing/v1/accounts', { params: { query: { encounterId, limit: 100 } } }));
    const claims: EncounterBilling['claims'] = [];
    for (const account of accounts.items) {
      const all = pages((cursor) =>
        read(
          'billing',
          this.systemApi.GET('/billing/v1/claims', {
            params: { query: { accountId: account.id, limit: 100, ...(cursor ? { cursor } : {}) } },
          }),
        ),
      );
      for await (const claim of all) claims.push({ id: claim.id, status: claim.status });
    }
    return { accounts: accounts.items.map((account) => ({ id: account.id, chargesCents: account.balances.charges.amount })), claims };
  }
}
