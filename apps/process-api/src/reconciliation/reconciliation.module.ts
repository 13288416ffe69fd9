import { Module } from '@nestjs/common';
import { ReconciliationBreakEntity } from './entities/reconciliation-break.entity';
import { ReconciliationLeaseEntity } from './entities/reconciliation-lease.entity';
import { ReconciliationRunBreakEntity } from './entities/reconciliation-run-break.entity';
import { ReconciliationRunEntity } from './entities/reconciliation-run.entity';
import { ReconciliationDischargeEntity } from './entities/reconciliation-discharge.entity';
import { CreateReconciliationTables1764830000000 } from './migrations/1764830000000-create-reconciliation-tables.migration';
import { CreateReconciliationDischarge1764830000001 } from './migrations/1764830000001-create-reconciliation-discharge.migration';
import { ReconciliationRunner } from './reconciliation-runner.service';
import { ReconciliationScheduler } from './reconciliation-scheduler';
import { ReconciliationStore } from './reconciliation-store';
import { ReconciliationsController } from './reconciliations.controller';
import { Reconciliations } from './reconciliations.service';
import { ClaimsPaidCashRule } from './rules/claims-paid-cash.rule';
import { DischargesClaimsRule } from './rules/discharges-claims.rule';
import { EmployeesPayrollRule } from './rules/employees-payroll.rule';
import { PatientAccountsRule } from './rules/patient-accounts.rule';
import { RECONCILIATION_RULES, type ReconciliationRule } from './rules/rule';
import { EhrDischargeRecord } from './sources/discharge-record';
import { SystemApiSources } from './sources/system-api.sources';
import { ProcessApiConfig } from '../process-api.config';

export const RECONCILIATION_ENTITIES = [
  ReconciliationRunEntity,
  ReconciliationBreakEntity,
  ReconciliationRunBreakEntity,
  ReconciliationLeaseEntity,
  ReconciliationDischargeEntity,
];
export const RECONCILIATION_MIGRATIONS = [CreateReconciliationTables1764830000000, CreateReconciliationDischarge1764830000001];

/**
 * Continuous reconciliation: rules comparing what the core systems say (read over system-api), run
 * on demand and on schedule, their breaks kept across runs, fed to the exception queue and healed
 * through the reconciliation-heal flow.
 */
@Module({
  controllers: [ReconciliationsController],
  providers: [
    SystemApiSources,
    EhrDischargeRecord,
    {
      provide: RECONCILIATION_RULES,
      inject: [SystemApiSources, EhrDischargeRecord, ProcessApiConfig],
      useFactory: (sources: SystemApiSources, discharges: EhrDischargeRecord, config: ProcessApiConfig): ReconciliationRule[] => [
        new ClaimsPaidCashRule(sources, sources),
        new PatientAccountsRule(sources, sources),
        new EmployeesPayrollRule(sources, sources),
        new DischargesClaimsRule(discharges, sources, config.RECONCILIATION_CODING_SLA_HOURS * 3_600_000),
      ],
    },
    ReconciliationStore,
    ReconciliationRunner,
    ReconciliationScheduler,
    Reconciliations,
  ],
  exports: [ReconciliationRunner],
})
export class ReconciliationModule {}
