import { Injectable } from '@nestjs/common';
import { unwrap } from '@concord/clients';
import {
  WORKFORCE_CREDENTIAL_EXPIRING,
  WORKFORCE_EMPLOYEE_HIRED,
  WORKFORCE_EMPLOYEE_TERMINATED,
  WORKFORCE_EMPLOYEE_UPDATED,
} from '@concord/contracts';
import { done, type FlowDefinition, type FlowStep, StepFailure } from '../../engine/flow-definition';
import { type CredentialAlertState, credentialAlertStart, type HireToPayrollState, hireToPayrollStart } from './hire-to-payroll.triggers';

const LAYER = 'system-api';
/** A new hire's credentials expiring within this many days are announced at once, not at the next daily check. */
export const CREDENTIAL_WARNING_DAYS = 30;
const RETRY = { maxAttempts: 6, initialBackoffMs: 500, maxBackoffMs: 30_000 };

type Step = FlowStep<HireToPayrollState>;

const readEmployee: Step = {
  name: 'read-employee',
  retry: RETRY,
  async run(ctx) {
    // The HR system is the record: the event may be older than the employee, so the flow syncs what HR holds now.
    const employee = await unwrap(
      LAYER,
      ctx.systemApi.GET('/workforce/v1/employees/{id}', { params: { path: { id: ctx.state.employeeId } } }),
    );
    ctx.link('hrEmployee', employee.id);
    const state = {
      costCentre: employee.costCentre,
      status: employee.status,
      ...(employee.terminationDate ? { terminationDate: employee.terminationDate } : {}),
    };
    if (ctx.state.change === 'terminated' || employee.status === 'terminated') return done({ state, next: 'end-payroll' });
    return done({ state, output: { costCentre: employee.costCentre, positionId: employee.positionId, status: employee.status } });
  },
};

const validateCostCentre: Step = {
  name: 'validate-cost-centre',
  retry: RETRY,
  async run(ctx) {
    const result = await unwrap(
      LAYER,
      ctx.systemApi.GET('/erp/v1/cost-centres/{code}/validation', { params: { path: { code: ctx.state.costCentre } } }),
    );
    // Labour costed to a closed or unknown cost centre would be lost to the department P&L: stop and ask.
    if (!result.valid)
      throw new StepFailure(
        'COST_CENTRE_INVALID',
        `Cost centre ${ctx.state.costCentre} cannot carry labour cost (${result.reason ?? 'invalid'}); correct it in HR and retry`,
        false,
      );
    return done({ output: { costCentre: ctx.state.costCentre, name: result.costCentre?.name } });
  },
};

const syncPayroll: Step = {
  name: 'sync-payroll',
  retry: RETRY,
  async run(ctx) {
    const payroll = await unwrap(
      LAYER,
      ctx.systemApi.POST('/workforce/v1/payroll/employees/{employeeNumber}/sync', {
        params: { path: { employeeNumber: ctx.state.employeeNumber } },
        headers: { 'idempotency-key': ctx.idempotencyKey() },
      }),
    );
    return done({
      state: { payrollStatus: payroll.status },
      output: { costCentre: payroll.costCentre, hourlyRate: payroll.hourlyRate, status: payroll.status },
    });
  },
};

const provisionScheduling: Step = {
  name: 'provision-scheduling',
  retry: RETRY,
  async run(ctx) {
    const access = await unwrap(
      LAYER,
      ctx.systemApi.PUT('/workforce/v1/scheduling/staff/{employeeNumber}', {
        params: { path: { employeeNumber: ctx.state.employeeNumber } },
        headers: { 'idempotency-key': ctx.idempotencyKey() },
      }),
    );
    return done({ state: { schedulingAccess: access.status }, output: { costCentre: access.costCentre, status: access.status } });
  },
};

const checkCredentials: Step = {
  name: 'check-credentials',
  retry: RETRY,
  async run(ctx) {
    const { items } = await unwrap(
      LAYER,
      ctx.systemApi.GET('/workforce/v1/credentials', {
        params: { query: { employeeId: ctx.state.employeeId, expiringWithinDays: CREDENTIAL_WARNING_DAYS } },
      }),
    );
    const expiring = items.map((credential) => ({ credentialId: credential.id, type: credential.type, expiresOn: credential.expiresOn }));
    // The credential check announces each expiring credential once (workforce.credential.expiring.v1),
    // which starts the credential-expiry alert; running it now means a new hire's alert does not wait a day.
    if (expiring.length)
      await unwrap(
        LAYER,
        ctx.systemApi.POST('/workforce/v1/credential-checks', { body: {}, headers: { 'idempotency-key': ctx.idempotencyKey() } }),
      );
    return done({ state: { expiringCredentials: expiring }, output: { expiring }, next: 'end' });
  },
};

const endPayroll: Step = {
  name: 'end-payroll',
  retry: RETRY,
  async run(ctx) {
    const payroll = await unwrap(
      LAYER,
      ctx.systemApi.POST('/workforce/v1/payroll/employees/{employeeNumber}/sync', {
        params: { path: { employeeNumber: ctx.state.employeeNumber } },
        headers: { 'idempotency-key': ctx.idempotencyKey() },
      }),
    );
    if (payroll.status !== 'terminated')
      throw new StepFailure('PAYROLL_NOT_ENDED', `Payroll still shows ${ctx.state.employeeNumber} as ${payroll.status}`, true);
    return done({
      state: { payrollStatus: payroll.status },
      output: { status: payroll.status, terminationDate: payroll.terminationDate },
    });
  },
};

const deprovisionScheduling: Step = {
  name: 'deprovision-scheduling',
  retry: RETRY,
  async run(ctx) {
    const access = await unwrap(
      LAYER,
      ctx.systemApi.POST('/workforce/v1/scheduling/staff/{employeeNumber}/deprovision', {
        params: { path: { employeeNumber: ctx.state.employeeNumber } },
        headers: { 'idempotency-key': ctx.idempotencyKey() },
      }),
    );
    return done({ state: { schedulingAccess: access.status }, output: { status: access.status, accessEndsOn: access.accessEndsOn } });
  },
};

function hireToPayroll(): FlowDefinition<HireToPayrollState> {
  return {
    type: 'hire-to-payroll',
    version: 1,
    title: 'Hire, change or termination in HR carried to ERP payroll and staff scheduling',
    triggers: [WORKFORCE_EMPLOYEE_HIRED, WORKFORCE_EMPLOYEE_UPDATED, WORKFORCE_EMPLOYEE_TERMINATED].map((contract) => ({
      eventType: contract.type,
      start: hireToPayrollStart,
    })),
    slaMs: 24 * 3_600_000,
    impact: (state) => ({
      ...(state.effectiveDate ? { dueDate: state.effectiveDate } : {}),
      details: { employeeNumber: state.employeeNumber, change: state.change, costCentre: state.costCentre },
    }),
    steps: [readEmployee, validateCostCentre, syncPayroll, provisionScheduling, checkCredentials, endPayroll, deprovisionScheduling],
  };
}

/**
 * The alert for a licence or certification about to expire: an exception in the work queue (and
 * process.flow.exception-raised.v1) with the expiry as its due date. Retrying it after the renewal is
 * recorded in HR closes it; until then it stays open.
 */
function credentialExpiry(): FlowDefinition<CredentialAlertState> {
  return {
    type: 'credential-expiry',
    version: 1,
    title: 'An expiring licence or certification raised to the operators until HR records its renewal',
    triggers: [{ eventType: WORKFORCE_CREDENTIAL_EXPIRING.type, start: credentialAlertStart }],
    impact: (state) => ({
      dueDate: state.expiresOn,
      details: {
        employeeNumber: state.employeeNumber ?? state.employeeId,
        credentialType: state.type,
        daysUntilExpiry: state.daysUntilExpiry,
      },
    }),
    steps: [
      {
        name: 'confirm-renewal',
        retry: RETRY,
        async run(ctx) {
          const { items } = await unwrap(
            LAYER,
            ctx.systemApi.GET('/workforce/v1/credentials', { params: { query: { employeeId: ctx.state.employeeId } } }),
          );
          const current = items.find((credential) => credential.id === ctx.state.credentialId);
          if (!current || current.expiresOn <= ctx.state.expiresOn)
            throw new StepFailure(
              'CREDENTIAL_EXPIRING',
              `${ctx.state.type} of employee ${ctx.state.employeeNumber ?? ctx.state.employeeId} expires on ${ctx.state.expiresOn}; retry once HR records the renewal`,
              false,
            );
          return done({ state: { renewedUntil: current.expiresOn }, output: { renewedUntil: current.expiresOn } });
        },
      },
    ],
  };
}

/** hire-to-payroll and its credential-expiry alert (a FlowDefinitionSource, listed in FLOW_SOURCES). */
@Injectable()
export class HireToPayrollFlows {
  definitions(): FlowDefinition<object>[] {
    return [hireToPayroll(), credentialExpiry()];
  }
}
