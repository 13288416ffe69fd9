import { Injectable } from '@nestjs/common';
import { WorkforcePort } from '@concord/connectors/workforce';
import {
  type CreateEmployeeDto,
  type EmployeeDto,
  type PositionDto,
  type TerminateEmployeeDto,
  type UpdateEmployeeDto,
  WORKFORCE_EMPLOYEE_HIRED,
  WORKFORCE_EMPLOYEE_TERMINATED,
  WORKFORCE_EMPLOYEE_UPDATED,
} from '@concord/contracts';
import { type Page, pageOf } from '../erp/dto/list-page';
import { announce, CoreSystemEvents } from '../erp/erp-events.publisher';
import type { PostingContext } from '../erp/posting.decorator';
import type { EmployeeListQuery } from './dto/workforce.dto';
import { hrCall } from './workforce.exception';

/** Staff in the HR system of record: hire, change, terminate (each announced), and reads. */
@Injectable()
export class EmployeesService {
  constructor(
    private readonly workforce: WorkforcePort,
    private readonly events: CoreSystemEvents,
  ) {}

  async list(query: EmployeeListQuery): Promise<Page<EmployeeDto>> {
    const employees = await hrCall(() =>
      this.workforce.listEmployees({ employeeNumber: query.employeeNumber, costCentre: query.costCentre, status: query.status }),
    );
    return pageOf(employees, query, `employees|${query.employeeNumber ?? ''}|${query.costCentre ?? ''}|${query.status ?? ''}`);
  }

  get(id: string): Promise<EmployeeDto> {
    return hrCall(() => this.workforce.getEmployee(id));
  }

  async hire(input: CreateEmployeeDto, posting: PostingContext): Promise<EmployeeDto> {
    const employee = await hrCall(() => this.workforce.hireEmployee(input, { idempotencyKey: posting.idempotencyKey }));
    await this.events.publish(posting.idempotencyKey, [
      announce(
        WORKFORCE_EMPLOYEE_HIRED,
        {
          employeeId: employee.id,
          employeeNumber: employee.employeeNumber,
          positionId: employee.positionId,
          positionTitle: employee.positionTitle,
          costCentre: employee.costCentre,
          hourlyRate: employee.hourlyRate,
          hireDate: employee.hireDate,
          managerId: employee.managerId,
        },
        `Employee/${employee.id}`,
      ),
    ]);
    return employee;
  }

  async update(id: string, change: UpdateEmployeeDto, posting: PostingContext): Promise<EmployeeDto> {
    const employee = await hrCall(() =>
      this.workforce.updateEmployee(id, change, { idempotencyKey: posting.idempotencyKey, ifMatch: posting.ifMatch }),
    );
    await this.events.publish(posting.idempotencyKey, [
      announce(
        WORKFORCE_EMPLOYEE_UPDATED,
        {
          employeeId: employee.id,
          employeeNumber: employee.employeeNumber,
          changedFields: Object.keys(change)
            .filter((field) => change[field as keyof UpdateEmployeeDto] !== undefined)
            .sort(),
          positionId: employee.positionId,
          costCentre: employee.costCentre,
          hourlyRate: employee.hourlyRate,
          status: employee.status,
        },
        `Employee/${employee.id}`,
      ),
    ]);
    return employee;
  }

  async terminate(id: string, input: TerminateEmployeeDto, posting: PostingContext): Promise<EmployeeDto> {
    const employee = await hrCall(() =>
      this.workforce.terminateEmployee(id, input, { idempotencyKey: posting.idempotencyKey, ifMatch: posting.ifMatch }),
    );
    await this.events.publish(posting.idempotencyKey, [
      announce(
        WORKFORCE_EMPLOYEE_TERMINATED,
        {
          employeeId: employee.id,
          employeeNumber: employee.employeeNumber,
          terminationDate: employee.terminationDate ?? input.terminationDate,
          reason: input.reason,
          costCentre: employee.costCentre,
        },
        `Employee/${employee.id}`,
      ),
    ]);
    return employee;
  }

  listPositions(): Promise<PositionDto[]> {
    return hrCall(() => this.workforce.listPositions());
  }
}
