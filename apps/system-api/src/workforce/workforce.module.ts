import { Module } from '@nestjs/common';
import { SchedulingPort, WorkforcePort } from '@concord/connectors/workforce';
import { ErpModule } from '../erp/erp.module';
import { SystemApiConfig } from '../system-api.config';
import { createSchedulingPort, createWorkforcePort } from './adapters/workforce-adapters';
import { CredentialsService } from './credentials.service';
import { EmployeesService } from './employees.service';
import { PayrollService } from './payroll.service';
import { SchedulingService } from './scheduling.service';
import { EmployeesController, PayrollController, PositionsAndCredentialsController, SchedulingController } from './workforce.controller';

/** /workforce/v1: staff, positions and credentials from the HR system (WORKFORCE_ADAPTER), their payroll in the ERP, and their access to staff scheduling. */
@Module({
  imports: [ErpModule],
  controllers: [EmployeesController, PositionsAndCredentialsController, PayrollController, SchedulingController],
  providers: [
    { provide: WorkforcePort, inject: [SystemApiConfig], useFactory: createWorkforcePort },
    EmployeesService,
    CredentialsService,
    PayrollService,
    { provide: SchedulingPort, inject: [SystemApiConfig], useFactory: createSchedulingPort },
    SchedulingService,
  ],
})
export class WorkforceModule {}
