import type { EmploymentStatus } from '@concord/contracts';
import { divideRounded } from './cents';
import { ErpDomainError, ErpErrorCode, invalid, notFound } from './erp-domain.error';

export interface PayrollEmployee {
  employeeNumber: string;
  costCentre: string;
  hourlyRateCents: number;
  status: EmploymentStatus;
  hireDate: string;
  terminationDate?: string;
  version: number;
  updatedAt: string;
}

export interface PayrollCost {
  costCentre: string;
  hours: number;
  labourCostCents: number;
  employeeCount: number;
}

export interface PayrollRun {
  id: string;
  periodStart: string;
  periodEnd: string;
  costs: PayrollCost[];
  totalCents: number;
  journalEntryId: string;
  postedAt: string;
}

/** Labour cost of hours at an hourly rate, rounded to the cent: hours are taken to the hundredth. */
export function labourCostCents(hours: number, hourlyRateCents: number): number {
  const hundredths = Math.round(hours * 100);
  return divideRounded(BigInt(hundredths) * BigInt(hourlyRateCents), 100n);
}

/**
 * The payroll side of the ERP: employees synced from HR with their cost centre and rate, and runs
 * that cost timesheet hours by cost centre (the journal itself is posted by the ERP).
 */
export class Payroll {
  private readonly employees = new Map<string, PayrollEmployee>();
  private readonly runs = new Map<string, PayrollRun>();

  listEmployees(): PayrollEmployee[] {
    return [...this.employees.values()];
  }

  employee(employeeNumber: string): PayrollEmployee {
    const employee = this.employees.get(employeeNumber);
    if (!employee) throw notFound('Payroll employee', employeeNumber);
    return employee;
  }

  upsertEmployee(input: Omit<PayrollEmployee, 'version' | 'updatedAt'>, at: string): PayrollEmployee {
    if (input.terminationDate !== undefined && input.terminationDate < input.hireDate) {
      throw invalid('terminationDate', 'terminationDate is before hireDate');
    }
    const existing = this.employees.get(input.employeeNumber);
    const employee: PayrollEmployee = { ...input, version: (existing?.version ?? 0) + 1, updatedAt: at };
    this.employees.set(employee.employeeNumber, employee);
    return employee;
  }

  /** Costs the timesheets by cost centre; throws on an unknown employee or one not employed in the period. */
  cost(input: { periodStart: string; periodEnd: string; timesheets: { employeeNumber: string; hours: number }[] }): {
    costs: PayrollCost[];
    totalCents: number;
  } {
    if (input.periodEnd < input.periodStart) throw invalid('periodEnd', 'periodEnd is before periodStart');
    if (!input.timesheets.length) throw invalid('timesheets', 'A payroll run needs at least one timesheet');
    const seen = new Set<string>();
    const byCostCentre = new Map<string, PayrollCost>();
    input.timesheets.forEach((timesheet, index) => {
      const field = `timesheets[${index}]`;
      if (seen.has(timesheet.employeeNumber))
        throw invalid(`${field}.employeeNumber`, `Employee ${timesheet.employeeNumber} appears twice in the run`);
      seen.add(timesheet.employeeNumber);
      if (
        !Number.isFinite(timesheet.hours) ||
        timesheet.hours <= 0 ||
        Math.abs(Math.round(timesheet.hours * 100) - timesheet.hours * 100) > 1e-6
      ) {
        throw invalid(`${field}.hours`, 'hours must be positive, to the hundredth');
      }
      const employee = this.employees.get(timesheet.employeeNumber);
      if (!employee)
        throw new ErpDomainError(ErpErrorCode.NOT_FOUND, `Employee ${timesheet.employeeNumber} is not on payroll`, {
          field: `${field}.employeeNumber`,
        });
      const employedInPeriod =
        employee.hireDate <= input.periodEnd && (employee.terminationDate === undefined || employee.terminationDate >= input.periodStart);
      if (!employedInPeriod) {
        throw new ErpDomainError(
          ErpErrorCode.INVALID_STATE,
          `Employee ${timesheet.employeeNumber} was not employed between ${input.periodStart} and ${input.periodEnd}`,
          {
            field: `${field}.employeeNumber`,
          },
        );
      }
      const cost = byCostCentre.get(employee.costCentre) ?? {
        costCentre: employee.costCentre,
        hours: 0,
        labourCostCents: 0,
        employeeCount: 0,
      };
      cost.hours = Math.round((cost.hours + timesheet.hours) * 100) / 100;
      cost.labourCostCents += labourCostCents(timesheet.hours, employee.hourlyRateCents);
      cost.employeeCount += 1;
      byCostCentre.set(employee.costCentre, cost);
    });
    const costs = [...byCostCentre.values()].sort((a, b) => a.costCentre.localeCompare(b.costCentre));
    return { costs, totalCents: costs.reduce((sum, cost) => sum + cost.labourCostCents, 0) };
  }

  nextRunId(): string {
    return `PAYR-${String(this.runs.size + 1).padStart(6, '0')}`;
  }

  recordRun(run: PayrollRun): PayrollRun {
    this.runs.set(run.id, run);
    return run;
  }

  listRuns(): PayrollRun[] {
    return [...this.runs.values()];
  }

  run(id: string): PayrollRun {
    const run = this.runs.get(id);
    if (!run) throw notFound('Payroll run', id);
    return run;
  }
}
