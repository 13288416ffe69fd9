import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateEmployeeDto,
  CreatePayrollRunDto,
  CredentialQueryDto,
  EmployeeDto,
  PayrollEmployeeDto,
  PayrollRunDto,
  PositionDto,
  SchedulingAccessDto,
  TerminateEmployeeDto,
  UpdateEmployeeDto,
} from '@concord/contracts';
import { ApiProblemResponses, IdempotencyKeyRequired, MaskPhi, PhiAccess, type PhiMaskingPolicy, RequireScopes } from '@concord/platform';
import { Posting, type PostingContext } from '../erp/posting.decorator';
import { CredentialsService } from './credentials.service';
import {
  CredentialCheckRequestDto,
  CredentialCheckResultDto,
  CredentialListDto,
  EmployeeIdParams,
  EmployeeListQuery,
  EmployeeNumberParams,
  EmployeePageDto,
} from './dto/workforce.dto';
import { EmployeesService } from './employees.service';
import { PayrollService } from './payroll.service';
import { SchedulingService } from './scheduling.service';

/** Staff names and e-mail addresses are personal data: shown in clear only with phi/Employee.r. */
export const EMPLOYEE_PERSONAL_DATA: PhiMaskingPolicy = { scope: 'phi/Employee.r', fields: ['name', 'email'] };
/** Licence numbers identify a person as much as a name does. */
export const CREDENTIAL_PERSONAL_DATA: PhiMaskingPolicy = { scope: 'phi/Employee.r', fields: ['licenceNumber'] };

const WRITE_PROBLEMS = [400, 401, 403, 404, 409, 422, 429, 502, 503, 504];

@ApiTags('workforce')
@Controller('workforce/v1/employees')
export class EmployeesController {
  constructor(private readonly employees: EmployeesService) {}

  @Get()
  @RequireScopes('workforce/Employee.s')
  @PhiAccess({ entityType: 'Employee', action: 'E', subtype: 'search' })
  @MaskPhi(EMPLOYEE_PERSONAL_DATA)
  @ApiOperation({ operationId: 'listEmployees', summary: 'Staff by employee number, cost centre and status' })
  @ApiOkResponse({ type: EmployeePageDto })
  @ApiProblemResponses(400, 401, 403, 429, 502, 503, 504)
  list(@Query() query: EmployeeListQuery): Promise<EmployeePageDto> {
    return this.employees.list(query);
  }

  @Get(':id')
  @RequireScopes('workforce/Employee.r')
  @PhiAccess({ entityType: 'Employee', action: 'R', subtype: 'read', idParameter: 'id' })
  @MaskPhi(EMPLOYEE_PERSONAL_DATA)
  @ApiOperation({ operationId: 'getEmployee', summary: 'One employee as the HR system of record holds them' })
  @ApiOkResponse({ type: EmployeeDto })
  @ApiProblemResponses(400, 401, 403, 404, 429, 502, 503, 504)
  get(@Param() params: EmployeeIdParams): Promise<EmployeeDto> {
    return this.employees.get(params.id);
  }

  @Post()
  @IdempotencyKeyRequired()
  @RequireScopes('workforce/Employee.c')
  @PhiAccess({ entityType: 'Employee', action: 'C', subtype: 'create' })
  @MaskPhi(EMPLOYEE_PERSONAL_DATA)
  @ApiOperation({
    operationId: 'hireEmployee',
    summary: 'Hire: create the employee in the HR system (announced as workforce.employee.hired.v1)',
  })
  @ApiCreatedResponse({ type: EmployeeDto })
  @ApiProblemResponses(...WRITE_PROBLEMS)
  hire(@Body() body: CreateEmployeeDto, @Posting() posting: PostingContext): Promise<EmployeeDto> {
    return this.employees.hire(body, posting);
  }

  @Patch(':id')
  @IdempotencyKeyRequired()
  @RequireScopes('workforce/Employee.u')
  @PhiAccess({ entityType: 'Employee', action: 'U', subtype: 'update', idParameter: 'id' })
  @MaskPhi(EMPLOYEE_PERSONAL_DATA)
  @ApiOperation({
    operationId: 'updateEmployee',
    summary: 'Change position, cost centre, rate or manager (If-Match: the version decided on)',
  })
  @ApiOkResponse({ type: EmployeeDto })
  @ApiProblemResponses(...WRITE_PROBLEMS)
  update(@Param() params: EmployeeIdParams, @Body() body: UpdateEmployeeDto, @Posting() posting: PostingContext): Promise<EmployeeDto> {
    return this.employees.update(params.id, body, posting);
  }

  @Post(':id/termination')
  @HttpCode(200)
  @IdempotencyKeyRequired()
  @RequireScopes('workforce/Employee.u')
  @PhiAccess({ entityType: 'Employee', action: 'U', subtype: 'terminate', idParameter: 'id' })
  @MaskPhi(EMPLOYEE_PERSONAL_DATA)
  @ApiOperation({ operationId: 'terminateEmployee', summary: 'End the employment (announced as workforce.employee.terminated.v1)' })
  @ApiOkResponse({ type: EmployeeDto })
  @ApiProblemResponses(...WRITE_PROBLEMS)
  terminate(
    @Param() params: EmployeeIdParams,
    @Body() body: TerminateEmployeeDto,
    @Posting() posting: PostingContext,
  ): Promise<EmployeeDto> {
    return this.employees.terminate(params.id, body, posting);
  }
}

@ApiTags('workforce')
@Controller('workforce/v1')
export class PositionsAndCredentialsController {
  constructor(
    private readonly employees: EmployeesService,
    private readonly credentials: CredentialsService,
  ) {}

  @Get('positions')
  @RequireScopes('workforce/Position.s')
  @ApiOperation({ operationId: 'listPositions', summary: 'Budgeted positions and the credentials their holders must keep current' })
  @ApiOkResponse({ type: [PositionDto] })
  @ApiProblemResponses(401, 403, 422, 429, 502, 503, 504)
  positions(): Promise<PositionDto[]> {
    return this.employees.listPositions();
  }

  @Get('credentials')
  @RequireScopes('workforce/Credential.s')
  @PhiAccess({ entityType: 'Credential', action: 'E', subtype: 'search' })
  @MaskPhi(CREDENTIAL_PERSONAL_DATA)
  @ApiOperation({
    operationId: 'listCredentials',
    summary: 'Licences and certifications, e.g. those expiring within n days (expired included)',
  })
  @ApiOkResponse({ type: CredentialListDto })
  @ApiProblemResponses(400, 401, 403, 422, 429, 502, 503, 504)
  async list(@Query() query: CredentialQueryDto): Promise<CredentialListDto> {
    return { items: await this.credentials.list(query) };
  }

  @Post('credential-checks')
  @HttpCode(200)
  @RequireScopes('workforce/CredentialCheck.c')
  @ApiOperation({
    operationId: 'runCredentialCheck',
    summary:
      'Run the daily credential expiry check now: each credential expiring soon is announced once (workforce.credential.expiring.v1)',
  })
  @ApiOkResponse({ type: CredentialCheckResultDto })
  @ApiProblemResponses(400, 401, 403, 422, 429, 502, 503, 504)
  check(@Body() body: CredentialCheckRequestDto): Promise<CredentialCheckResultDto> {
    return this.credentials.check(body.asOf);
  }
}

@ApiTags('workforce')
@Controller('workforce/v1/payroll')
export class PayrollController {
  constructor(private readonly payroll: PayrollService) {}

  @Post('employees/:employeeNumber/sync')
  @HttpCode(200)
  @IdempotencyKeyRequired()
  @RequireScopes('workforce/PayrollEmployee.u')
  @ApiOperation({
    operationId: 'syncPayrollEmployee',
    summary: 'Bring ERP payroll in line with the HR record (cost centre, rate, status; a termination ends payroll)',
  })
  @ApiOkResponse({ type: PayrollEmployeeDto })
  @ApiProblemResponses(...WRITE_PROBLEMS)
  sync(@Param() params: EmployeeNumberParams, @Posting() posting: PostingContext): Promise<PayrollEmployeeDto> {
    return this.payroll.syncEmployee(params.employeeNumber, posting);
  }

  @Get('employees/:employeeNumber')
  @RequireScopes('workforce/PayrollEmployee.r')
  @ApiOperation({ operationId: 'getPayrollEmployee', summary: 'An employee as ERP payroll knows them' })
  @ApiOkResponse({ type: PayrollEmployeeDto })
  @ApiProblemResponses(400, 401, 403, 404, 422, 429, 502, 503, 504)
  get(@Param() params: EmployeeNumberParams): Promise<PayrollEmployeeDto> {
    return this.payroll.getEmployee(params.employeeNumber);
  }

  @Post('runs')
  @IdempotencyKeyRequired()
  @RequireScopes('workforce/PayrollRun.c')
  @ApiOperation({
    operationId: 'postPayrollRun',
    summary: 'Cost a pay period’s hours by cost centre and accrue them (DR 6000 per cost centre, CR 2100)',
  })
  @ApiCreatedResponse({ type: PayrollRunDto })
  @ApiProblemResponses(...WRITE_PROBLEMS)
  run(@Body() body: CreatePayrollRunDto, @Posting() posting: PostingContext): Promise<PayrollRunDto> {
    return this.payroll.postRun(body, posting);
  }
}

@ApiTags('workforce')
@Controller('workforce/v1/scheduling/staff')
export class SchedulingController {
  constructor(private readonly scheduling: SchedulingService) {}

  @Put(':employeeNumber')
  @IdempotencyKeyRequired()
  @RequireScopes('workforce/SchedulingAccess.u')
  @ApiOperation({
    operationId: 'provisionSchedulingAccess',
    summary: 'Give an active employee access to their cost centre’s rosters, as HR holds them (repeatable)',
  })
  @ApiOkResponse({ type: SchedulingAccessDto })
  @ApiProblemResponses(...WRITE_PROBLEMS)
  provision(@Param() params: EmployeeNumberParams, @Posting() posting: PostingContext): Promise<SchedulingAccessDto> {
    return this.scheduling.provision(params.employeeNumber, posting);
  }

  @Post(':employeeNumber/deprovision')
  @HttpCode(200)
  @IdempotencyKeyRequired()
  @RequireScopes('workforce/SchedulingAccess.u')
  @ApiOperation({
    operationId: 'deprovisionSchedulingAccess',
    summary: 'Withdraw a terminated employee’s scheduling access after their last day (HR’s termination date)',
  })
  @ApiOkResponse({ type: SchedulingAccessDto })
  @ApiProblemResponses(...WRITE_PROBLEMS)
  deprovision(@Param() params: EmployeeNumberParams, @Posting() posting: PostingContext): Promise<SchedulingAccessDto> {
    return this.scheduling.deprovision(params.employeeNumber, posting);
  }

  @Get(':employeeNumber')
  @RequireScopes('workforce/SchedulingAccess.r')
  @ApiOperation({ operationId: 'getSchedulingAccess', summary: 'An employee’s access to staff scheduling' })
  @ApiOkResponse({ type: SchedulingAccessDto })
  @ApiProblemResponses(400, 401, 403, 404, 429, 502, 503, 504)
  get(@Param() params: EmployeeNumberParams): Promise<SchedulingAccessDto> {
    return this.scheduling.get(params.employeeNumber);
  }
}
