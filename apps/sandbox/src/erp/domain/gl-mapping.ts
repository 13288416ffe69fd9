import type { ChargeCategory } from '@concord/contracts';
import { Account, type CostCentre } from './chart-of-accounts';

export interface GlMapping {
  departmentCode: string;
  chargeCategory: ChargeCategory;
  revenueAccount?: string;
  contraRevenueAccount?: string;
  receivableAccount?: string;
  expenseAccount?: string;
}

/**
 * Account determination by department and category: inpatient charges to gross inpatient revenue,
 * outpatient to gross outpatient revenue (both with contractual allowances and payer A/R), supplies
 * and labour to their expense accounts. Every active department gets every category.
 */
export function glMappingsFor(costCentres: CostCentre[]): GlMapping[] {
  return costCentres
    .filter((costCentre) => costCentre.active)
    .flatMap((costCentre): GlMapping[] => [
      {
        departmentCode: costCentre.code,
        chargeCategory: 'inpatient',
        revenueAccount: Account.REVENUE_INPATIENT,
        contraRevenueAccount: Account.CONTRACTUAL_ALLOWANCES,
        receivableAccount: Account.PATIENT_AR_PAYER,
      },
      {
        departmentCode: costCentre.code,
        chargeCategory: 'outpatient',
        revenueAccount: Account.REVENUE_OUTPATIENT,
        contraRevenueAccount: Account.CONTRACTUAL_ALLOWANCES,
        receivableAccount: Account.PATIENT_AR_PAYER,
      },
      { departmentCode: costCentre.code, chargeCategory: 'supplies', expenseAccount: Account.SUPPLIES_EXPENSE },
      { departmentCode: costCentre.code, chargeCategory: 'labour', expenseAccount: Account.SALARIES_AND_WAGES },
    ]);
}
