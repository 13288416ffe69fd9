import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PATIENT_PHI } from './patient-phi';
import { PatientDto } from '@concord/contracts';
import { ApiProblemResponses, MaskPhi, Deprecated, PatientContext, PhiAccess, RequireScopes } from '@concord/platform';
import { PatientIdParams } from './dto/patient-id.params';
import { PatientPageDto } from './dto/patient-page.dto';
import { SearchPatientsQuery } from './dto/search-patients.query';
import { PatientService } from './patient.service';

@ApiTags('ehr')
@Controller('ehr/v1/patients')
export class PatientsController {
  constructor(private readonly patients: PatientService) {}

  @Get(':id')
  @Deprecated({ since: '2026-11-24', sunset: '2027-06-30', successor: '/ehr/v2/patients/{id}' })
  @RequireScopes('system/Patient.r')
  @PatientContext({ param: 'id' })
  @PhiAccess({ entityType: 'Patient', action: 'R', subtype: 'read', idParameter: 'id' })
  @MaskPhi(PATIENT_PHI)
  @ApiOperation({
    operationId: 'getPatient',
    summary: 'Read one patient from the EHR (version 1 shape; deprecated, use getPatientV2)',
    deprecated: true,
  })
  @ApiOkResponse({ type: PatientDto })
  @ApiProblemResponses(400, 401, 403, 404, 429, 500, 502, 503, 504)
  get(@Param() params: PatientIdParams): Promise<PatientDto> {
    return this.patients.get(params.id);
  }

  @Get()
  @RequireScopes('system/Patient.s')
  @PhiAccess({ entityType: 'Patient', action: 'E', subtype: 'search' })
  @MaskPhi(PATIENT_PHI)
  @ApiOperation({ operationId: 'searchPatients', summary: 'Search EHR patients by name, birth date or identifier' })
  @ApiOkResponse({ type: PatientPageDto })
  @ApiProblemResponses(400, 401, 403, 429, 500, 502, 503, 504)
  search(@Query() query: SearchPatientsQuery): Promise<PatientPageDto> {
    return this.patients.search(query);
  }
}
