import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { RESOURCE_ID_PATTERN } from '@concord/contracts';
import { ApiProblemResponses, PatientContext, PhiAccess, RequireScopes } from '@concord/platform';
import { PatientSummaryDto } from './dto/patient-summary.dto';
import { GetPatientSummaryCommand } from './get-patient-summary/get-patient-summary.command';
import { GetPatientSummaryUseCase } from './get-patient-summary/get-patient-summary.usecase';

@ApiTags('patients')
@Controller('v1/patients')
export class PatientsController {
  constructor(private readonly getPatientSummary: GetPatientSummaryUseCase) {}

  @Get(':id/summary')
  @RequireScopes('system/Patient.rs')
  @PatientContext({ param: 'id' })
  @PhiAccess({ entityType: 'Patient', action: 'R', subtype: 'summary', idParameter: 'id' })
  @ApiOperation({ operationId: 'getPatientSummary', summary: 'A patient as the business sees it, composed from the system APIs' })
  @ApiParam({
    name: 'id',
    description: 'Patient id at the EHR',
    example: 'avery-quinn',
    schema: { type: 'string', maxLength: 64, pattern: RESOURCE_ID_PATTERN.source },
  })
  @ApiOkResponse({ type: PatientSummaryDto })
  @ApiProblemResponses(400, 401, 403, 404, 500, 502, 503, 504)
  summary(@Param('id') id: string): Promise<PatientSummaryDto> {
    return this.getPatientSummary.execute(GetPatientSummaryCommand.of(id));
  }
}
