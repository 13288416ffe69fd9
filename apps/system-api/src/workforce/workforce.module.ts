import { Module } from '@nestjs/common';
import { WorkforcePort } from '@concord/connectors/workforce';
import { ErpModule } from '../erp/erp.module';
import { SystemApiConfig } from '../system-api.config';
import { createWorkforcePort } from './adapters/workforce-adapters';
import { CredentialsService } from './credentials.service';
import { EmployeesService } from './employees.service';
import { PayrollService } from './payroll.service';
import { EmployeesController, PayrollController, PositionsAndCredentialsController } from './workforce.controller';

/** /workforce/v1: staff, positions and credentials from the HR system (WORKFORCE_ADAPTER), and their payroll in the ERP. */
@Module({
  imports: [ErpModule],
  controllers: [EmployeesController, PositionsAndCredentialsController, PayrollController],
  providers: [
    { provide: WorkforcePort, inject: [SystemApiConfig], useFactory: createWorkforcePort },
    EmployeesService,
    CredentialsService,
    PayrollService,
  ],
})
export class WorkforceModule {}
