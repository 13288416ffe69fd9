import { describe, expect, it } from 'vitest';
import {
  compareEmployee,
  type CostCentreRecord,
  type EmployeeRecord,
  EmployeesPayrollRule,
  PAY_PERIOD_HOURS,
  type PayrollRecord,
} from './employees-payroll.rule';

const centres = new Map<string, CostCentreRecord>([
  ['6200', { code: '6200', active: true }],
  ['9900', { code: '9900', active: false }],
]);
const casey: EmployeeRecord = { employeeNumber: 'E10042', status: 'active', costCentre: '6200', hourlyRateCents: 4_850 };
const payroll = (extra: Partial<PayrollRecord> = {}): PayrollRecord => ({
  employeeNumber: 'E10042',
  status: 'active',
  costCentre: '6200',
  hourlyRateCents: 4_850,
  ...extra,
});

describe('compareEmployee (HR ↔ payroll and cost centres)', () => {
  it.each([
    ['in line', casey, payroll(), []],
    ['terminated, and gone from payroll', { ...casey, status: 'terminated' }, undefined, []],
    ['terminated in both', { ...casey, status: 'terminated' }, payroll({ status: 'terminated' }), []],
  ])('%s: no break', (_label, employee, record, expected) => {
    expect(compareEmployee(employee, record, centres)).toEqual(expected);
  });

  it.each([
    ['active with no payroll record', casey, undefined, 'payroll-record-missing', 4_850 * PAY_PERIOD_HOURS],
    [
      'terminated but still paid',
      { ...casey, status: 'terminated' },
      payroll(),
      'payroll-active-after-termination',
      4_850 * PAY_PERIOD_HOURS,
    ],
    ['a rate 1.50 lower in payroll', casey, payroll({ hourlyRateCents: 4_700 }), 'payroll-record-differs', 150 * PAY_PERIOD_HOURS],
    ['another cost centre in payroll', casey, payroll({ costCentre: '6100' }), 'payroll-record-differs', 0],
  ])('%s: %s, healed by a payroll sync', (_label, employee, record, cause, amount) => {
    const [found, ...rest] = compareEmployee(employee, record, centres);
    expect(rest).toEqual([]);
    expect(found).toMatchObject({
      key: 'employee:E10042:payroll',
      cause,
      amountCents: amount,
      heal: { kind: 'sync-payroll-employee', employeeNumber: 'E10042' },
    });
  });

  it.each([
    ['9900', 'cost-centre-inactive'],
    ['7777', 'cost-centre-unknown'],
  ])('an active employee on cost centre %s: %s, with no automatic remedy', (costCentre, cause) => {
    const breaks = compareEmployee({ ...casey, costCentre }, payroll({ costCentre }), centres);
    expect(breaks).toEqual([expect.objectContaining({ key: 'employee:E10042:cost-centre', cause })]);
    expect(breaks[0].heal).toBeUndefined();
  });
});

describe('EmployeesPayrollRule', () => {
  it('reads the cost centres once and each employee’s payroll record', async () => {
    const asked: string[] = [];
    const rule = new EmployeesPayrollRule(
      {
        async *employees() {
          yield casey;
          yield { ...casey, employeeNumber: 'E10043' };
        },
      },
      {
        payrollEmployee(n) {
          asked.push(n);
          return Promise.resolve(n === 'E10042' ? payroll() : undefined);
        },
        costCentres: () => Promise.resolve([...centres.values()]),
      },
    );
    const result = await rule.evaluate();
    expect(asked).toEqual(['E10042', 'E10043']);
    expect(result.breaks.map((b) => `${b.key}:${b.cause}`)).toEqual(['employee:E10043:payroll:payroll-record-missing']);
  });
});
