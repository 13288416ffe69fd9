import type { FoundBreak, ReconciliationRule, RuleResult } from './rule';

/** Hours of one biweekly pay period: what a wrong or missing payroll record puts at stake. */
export const PAY_PERIOD_HOURS = 80;

export interface EmployeeRecord {
  employeeNumber: string;
  /** `active` or `terminated`. */
  status: string;
  costCentre: string;
  hourlyRateCents: number;
}

export interface PayrollRecord {
  employeeNumber: string;
  status: string;
  costCentre: string;
  hourlyRateCents: number;
}

export interface CostCentreRecord {
  code: string;
  active: boolean;
}

/** Port: employees as HR knows them. */
export interface EmployeeSource {
  employees(): AsyncIterable<EmployeeRecord>;
}

/** Port: the ERP's payroll records and cost centres. */
export interface PayrollSource {
  payrollEmployee(employeeNumber: string): Promise<PayrollRecord | undefined>;
  costCentres(): Promise<CostCentreRecord[]>;
}

/** Compares one employee with their payroll record and cost centre. */
export function compareEmployee(
  employee: EmployeeRecord,
  payroll: PayrollRecord | undefined,
  costCentres: Map<string, CostCentreRecord>,
): FoundBreak[] {
  const breaks: FoundBreak[] = [];
  const n = employee.employeeNumber;
  const period = employee.hourlyRateCents * PAY_PERIOD_HOURS;
  const records = [
    { system: 'workforce' as const, type: 'employee', id: n },
    ...(payroll ? [{ system: 'erp' as const, type: 'payroll-employee', id: n }] : []),
  ];
  const sync = { kind: 'sync-payroll-employee' as const, employeeNumber: n };
  if (!payroll) {
    if (employee.status === 'active')
      breaks.push({
        key: `employee:${n}:payroll`,
        cause: 'payroll-record-missing',
        summary: `Employee ${n} is active in HR but has no payroll record in the ERP`,
        amountCents: period,
        records,
        heal: sync,
      });
  } else if (employee.status !== 'active' && payroll.status === 'active') {
    breaks.push({
      key: `employee:${n}:payroll`,
      cause: 'payroll-active-after-termination',
      summary: `Employee ${n} is terminated in HR but still active in payroll`,
      amountCents: payroll.hourlyRateCents * PAY_PERIOD_HOURS,
      records,
      heal: sync,
    });
  } else if (
    employee.status === 'active' &&
    (payroll.status !== 'active' || payroll.costCentre !== employee.costCentre || payroll.hourlyRateCents !== employee.hourlyRateCents)
  ) {
    const differences = [
      payroll.status !== 'active' ? 'status' : undefined,
      payroll.costCentre !== employee.costCentre ? 'cost centre' : undefined,
      payroll.hourlyRateCents !== employee.hourlyRateCents ? 'hourly rate' : undefined,
    ].filter(Boolean);
    breaks.push({
      key: `employee:${n}:payroll`,
      cause: 'payroll-record-differs',
      summary: `Payroll record of employee ${n} differs from HR in ${differences.join(', ')}`,
      amountCents: payroll.status !== 'active' ? period : Math.abs(employee.hourlyRateCents - payroll.hourlyRateCents) * PAY_PERIOD_HOURS,
      records,
      heal: sync,
    });
  }
  if (employee.status === 'active') {
    const centre = costCentres.get(employee.costCentre);
    if (!centre || !centre.active)
      breaks.push({
        key: `employee:${n}:cost-centre`,
        cause: centre ? 'cost-centre-inactive' : 'cost-centre-unknown',
        summary: `Employee ${n} is charged to cost centre ${employee.costCentre}, ${centre ? 'inactive' : 'unknown'} in the ERP`,
        amountCents: period,
        records: [
          { system: 'workforce', type: 'employee', id: n },
          { system: 'erp', type: 'cost-centre', id: employee.costCentre },
        ],
      });
  }
  return breaks;
}

/** Employees (HR) ↔ payroll records and cost centres (ERP). */
export class EmployeesPayrollRule implements ReconciliationRule {
  readonly name = 'employees-payroll';
  readonly title = 'Employees (HR) ↔ payroll records and cost centres (ERP)';
  readonly systems = ['workforce' as const, 'erp' as const];

  constructor(
    private readonly employees: EmployeeSource,
    private readonly payroll: PayrollSource,
  ) {}

  async evaluate(): Promise<RuleResult> {
    const costCentres = new Map((await this.payroll.costCentres()).map((centre) => [centre.code, centre]));
    const breaks: FoundBreak[] = [];
    let examined = 0;
    for await (const employee of this.employees.employees()) {
      examined += 1;
      breaks.push(...compareEmployee(employee, await this.payroll.payrollEmployee(employee.employeeNumber), costCentres));
    }
    return { breaks, examined };
  }
}
