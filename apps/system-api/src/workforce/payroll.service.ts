import { Injectable } from '@nestjs/common';
import { ErpPayrollPort } from '@concord/connectors/erp';
import { WorkforcePort } from '@concord/connectors/workforce';
import type { CreatePayrollRunDto, PayrollEmployeeDto, PayrollRunDto } from '@concord/contracts';
import { erpCall } from '../erp/erp.exception';
import type { PostingContext } from '../erp/posting.decorator';
import { hrCall, WorkforceException, WorkforceExceptionCode } from './workforce.exception';

/** Hire-to-payroll: the HR record of an employee synced to ERP payroll, and pay periods costed by cost centre. */
@Injectable()
export class PayrollService {
  constructor(
    private readonly workforce: WorkforcePort,
    private readonly payroll: ErpPayrollPort,
  ) {}

  /** Brings ERP payroll in line with the HR record: cost centre, rate, status and dates (a termination ends payroll). */
  async syncEmployee(employeeNumber: string, posting: PostingContext): Promise<PayrollEmployeeDto> {
    const employee = await hrCall(() => this.workforce.findEmployeeByNumber(employeeNumber));
    if (!employee)
      throw new WorkforceException(WorkforceExceptionCode.EMPLOYEE_NOT_FOUND, 'The HR system has no employee with this number');
    const record: PayrollEmployeeDto = {
      employeeNumber: employee.employeeNumber,
      costCentre: employee.costCentre,
      hourlyRate: employee.hourlyRate,
      status: employee.status,
      hireDate: employee.hireDate,
      ...(employee.terminationDate !== undefined ? { terminationDate: employee.terminationDate } : {}),
    };
    return erpCall('write', () => this.payroll.syncPayrollEmployee(record, { idempotencyKey: posting.idempotencyKey }));
  }

  getEmployee(employeeNumber: string): Promise<PayrollEmployeeDto> {
    return erpCall('read', () => this.payroll.getPayrollEmployee(employeeNumber));
  }

  /** Costs the hours by cost centre and accrues them (DR 6000 per cost centre, CR 2100). */
  postRun(input: CreatePayrollRunDto, posting: PostingContext): Promise<PayrollRunDto> {
    return erpCall('write', () => this.payroll.postPayrollRun(input, { idempotencyKey: posting.idempotencyKey }));
  }
}
