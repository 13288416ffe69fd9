import type { NumberRanges } from './number-ranges';
import { reject } from './s4-error';

/** What the business rules need besides the database. */
export interface RuleContext {
  numbers: NumberRanges;
  /** Upward price variance allowed by the 3-way match, in basis points (200 = 2 %). */
  priceToleranceBasisPoints: bigint;
  /** Requisitions whose total exceeds this (cents) need a release. */
  releaseThresholdCents: bigint;
  /** Today's date (YYYY-MM-DD), the default posting date. */
  today(): string;
}

export const COMPANY_CODE = '1000';
export const CONTROLLING_AREA = 'A000';
export const CHART_OF_ACCOUNTS = 'YCOA';
export const CURRENCY = 'USD';
export const UNRESTRICTED_STOCK = '01';

/** The accounts the automatic postings use (account determination, SCENARIOS.md). */
export const ACCOUNTS = {
  cash: '1000',
  inventory: '1300',
  accountsPayable: '2000',
  goodsReceivedNotInvoiced: '2050',
  suppliesExpense: '5000',
  purchasePriceVariance: '5050',
} as const;

/** Purchase price variances are charged to supply chain. */
export const VARIANCE_COST_CENTER = '8100';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A posting date given or defaulted, and its fiscal year (the calendar year). */
export function postingDateOf(value: unknown, context: RuleContext, target: string): { date: string; year: string } {
  if (value !== undefined && value !== null && (typeof value !== 'string' || !DATE.test(value))) {
    reject('DATE_INVALID', `${target} is not a date (YYYY-MM-DD)`, target);
  }
  const date = value ?? context.today();
  return { date, year: date.slice(0, 4) };
}
