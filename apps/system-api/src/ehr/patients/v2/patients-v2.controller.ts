import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PATIENT_V2_PHI } from '../patient-phi';
import { ApiProblemResponses, MaskPhi, PatientContext, PhiAccess, RequireScopes } from '@concord/platform';
import { PatientIdParams } from '../dto/patient-id.params';
import { PatientService } from '../patient.service';
import { PatientV2Dto, toPatientV2 } from './patient-v2.dto';

@ApiTags('ehr')
@Controller('ehr/v2/patients')
export class PatientsV2Controller {
  constructor(private readonly patients: PatientService) {}

  @Get(':id')
  @RequireScopes('system/Patient.r')
  @PatientContext({ param: 'id' })
  @PhiAccess({ entityType: 'Patient', action: 'R', subtype: 'read', idParameter: 'id' })
  @MaskPhi(PATIENT_V2_PHI)
  @ApiOperation({ operationId: 'getPatientV2', summary: 'Read one patient from the EHR (version 2 shape)' })
  @ApiOkResponse({ type: PatientV2Dto })
  @ApiProblemResponses(400, 401, 403, 404, 429, 500, 502, 503, 504)
  async get(@Param() params: PatientIdParams): Promise<PatientV2Dto> {
    return toPatientV2(await this.patients.get(params.id));
  }
}
