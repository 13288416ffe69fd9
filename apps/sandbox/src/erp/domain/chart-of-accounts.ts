import type { BalanceSide, GlAccountType } from '@concord/contracts';

export interface GlAccount {
  number: string;
  name: string;
  type: GlAccountType;
  /** Revenue, contra-revenue and expense lines must carry a cost centre. */
  requiresCostCentre: boolean;
  /**
   * False for control accounts that only the ERP's own documents post (inventory, goods received not
   * invoiced, payables): a manual journal there would part the ledger from the sub-ledger behind it.
   */
  directPostingAllowed: boolean;
}

export interface CostCentre {
  code: string;
  name: string;
  active: boolean;
  facilityId?: string;
}

/** Accounts the ERP's own postings use (../shared/SCENARIOS.md). */
export const Account = {
  CASH: '1000',
  PATIENT_AR_PAYER: '1200',
  PATIENT_AR_SELF_PAY: '1210',
  INVENTORY: '1300',
  ACCOUNTS_PAYABLE: '2000',
  GOODS_RECEIVED_NOT_INVOICED: '2050',
  ACCRUED_PAYROLL: '2100',
  NET_ASSETS_OPENING: '3000',
  REVENUE_INPATIENT: '4000',
  REVENUE_OUTPATIENT: '4100',
  CONTRACTUAL_ALLOWANCES: '4900',
  SUPPLIES_EXPENSE: '5000',
  PURCHASE_PRICE_VARIANCE: '5050',
  SALARIES_AND_WAGES: '6000',
} as const;

export function normalBalanceOf(type: GlAccountType): BalanceSide {
  switch (type) {
    case 'asset':
    case 'expense':
    case 'contra-revenue':
      return 'debit';
    case 'liability':
    case 'equity':
    case 'revenue':
      return 'credit';
  }
}

const account = (number: string, name: string, type: GlAccountType, directPostingAllowed = true): GlAccount => ({
  number,
  name,
  type,
  requiresCostCentre: type === 'revenue' || type === 'contra-revenue' || type === 'expense',
  directPostingAllowed,
});

export const SEED_ACCOUNTS: GlAccount[] = [
  account(Account.CASH, 'Cash', 'asset'),
  account(Account.PATIENT_AR_PAYER, 'Patient A/R (payer)', 'asset'),
  account(Account.PATIENT_AR_SELF_PAY, 'Patient A/R (self-pay)', 'asset'),
  account(Account.INVENTORY, 'Inventory, medical supplies and implants', 'asset', false),
  account(Account.ACCOUNTS_PAYABLE, 'Accounts payable', 'liability', false),
  account(Account.GOODS_RECEIVED_NOT_INVOICED, 'Goods received not invoiced', 'liability', false),
  account(Account.ACCRUED_PAYROLL, 'Accrued payroll', 'liability'),
  // Not in SCENARIOS.md's list: the opening stock needs a counterpart for the trial balance to be zero.
  account(Account.NET_ASSETS_OPENING, 'Net assets, opening balances', 'equity'),
  account(Account.REVENUE_INPATIENT, 'Gross patient revenue, inpatient', 'revenue'),
  account(Account.REVENUE_OUTPATIENT, 'Gross patient revenue, outpatient', 'revenue'),
  account(Account.CONTRACTUAL_ALLOWANCES, 'Contractual allowances', 'contra-revenue'),
  account(Account.SUPPLIES_EXPENSE, 'Supplies expense', 'expense'),
  account(Account.PURCHASE_PRICE_VARIANCE, 'Purchase price variance', 'expense'),
  account(Account.SALARIES_AND_WAGES, 'Salaries and wages', 'expense'),
];

export const SEED_COST_CENTRES: CostCentre[] = [
  { code: '6100', name: 'Orthopaedic Surgery', active: true, facilityId: 'concord-general' },
  { code: '6200', name: 'Medical-Surgical Nursing', active: true, facilityId: 'concord-general' },
  { code: '6300', name: 'Perioperative Services', active: true, facilityId: 'concord-general' },
  { code: '6400', name: 'Pharmacy', active: true, facilityId: 'concord-general' },
  { code: '6500', name: 'Laboratory', active: true, facilityId: 'concord-general' },
  { code: '7100', name: 'Primary Care Clinic', active: true, facilityId: 'concord-riverside' },
  { code: '8100', name: 'Supply Chain', active: true, facilityId: 'concord-general' },
  { code: '8200', name: 'Finance', active: true, facilityId: 'concord-general' },
  // Closed in the demo's history: postings to it are refused, which the validation endpoint shows.
  { code: '6900', name: 'Former Sleep Laboratory', active: false, facilityId: 'concord-general' },
];
