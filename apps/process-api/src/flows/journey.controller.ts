import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, PatientContext, PhiAccess, RequireScopes } from '@concord/platform';
import { JourneyDto, PatientParams } from '../engine/dto/flow.dto';
import { FlowQueries } from './flow-queries.service';

@ApiTags('patients')
@Controller('v1/patients')
export class JourneyController {
  constructor(private readonly flows: FlowQueries) {}

  @Get(':id/journey')
  @RequireScopes('system/Patient.r', 'process/Flow.r')
  @PatientContext({ param: 'id' })
  @PhiAccess({ entityType: 'Patient', action: 'R', subtype: 'journey', idParameter: 'id' })
  @ApiOperation({
    operationId: 'getPatientJourney',
    summary:
      "One patient's path across systems: every flow with the ids it met (HL7 control id, FHIR encounter, CLM01, payer claim number, 835 trace, ERP journals)",
  })
  @ApiOkResponse({ type: JourneyDto })
  @ApiProblemResponses(400, 401, 403, 429)
  journey(@Param() params: PatientParams): Promise<JourneyDto> {
    return this.flows.journey(params.id);
  }
}
