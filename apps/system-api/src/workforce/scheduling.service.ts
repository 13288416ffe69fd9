import { Injectable } from '@nestjs/common';
import { SchedulingPort, WorkforcePort } from '@concord/connectors/workforce';
import type { EmployeeDto, SchedulingAccessDto } from '@concord/contracts';
import type { PostingContext } from '../erp/posting.decorator';
import { hrCall, WorkforceException, WorkforceExceptionCode } from './workforce.exception';

/**
 * Hire-to-payroll's scheduling side: the HR record decides, the scheduling system follows. An active
 * employee is provisioned on their cost centre's rosters; a terminated one loses access after their
 * last day. Both read HR first, so a caller cannot provision someone HR does not employ.
 */
@Injectable()
export class SchedulingService {
  constructor(
    private readonly workforce: WorkforcePort,
    private readonly scheduling: SchedulingPort,
  ) {}

  async provision(employeeNumber: string, posting: PostingContext): Promise<SchedulingAccessDto> {
    const employee = await this.employee(employeeNumber);
    if (employee.status !== 'active')
      throw new WorkforceException(
        WorkforceExceptionCode.INVALID_STATE,
        `Employee ${employeeNumber} is ${employee.status} in HR and cannot be given scheduling access`,
      );
    return hrCall(() =>
      this.scheduling.provision(
        {
          employeeNumber,
          costCentre: employee.costCentre,
          ...(employee.positionTitle ? { positionTitle: employee.positionTitle } : {}),
        },
        { idempotencyKey: posting.idempotencyKey },
      ),
    );
  }

  async deprovision(employeeNumber: string, posting: PostingContext): Promise<SchedulingAccessDto> {
    const employee = await this.employee(employeeNumber);
    if (employee.status !== 'terminated' || !employee.terminationDate)
      throw new WorkforceException(
        WorkforceExceptionCode.INVALID_STATE,
        `Employee ${employeeNumber} has no termination in HR; scheduling access follows the HR record`,
      );
    const terminationDate = employee.terminationDate;
    return hrCall(() => this.scheduling.deprovision(employeeNumber, terminationDate, { idempotencyKey: posting.idempotencyKey }));
  }

  async get(employeeNumber: string): Promise<SchedulingAccessDto> {
    const access = await hrCall(() => this.scheduling.get(employeeNumber));
    if (!access)
      throw new WorkforceException(
        WorkforceExceptionCode.EMPLOYEE_NOT_FOUND,
        `Employee ${employeeNumber} was never given scheduling access`,
      );
    return access;
  }

  private async employee(employeeNumber: string): Promise<EmployeeDto> {
    const employee = await hrCall(() => this.workforce.findEmployeeByNumber(employeeNumber));
    if (!employee)
      throw new WorkforceException(WorkforceExceptionCode.EMPLOYEE_NOT_FOUND, 'The HR system has no employee with this number');
    return employee;
  }
}
