import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ChargeDto, EncounterDto, PatientReferenceDto, phiFieldsOf } from '@concord/contracts';
import { ApiProblemResponses, MaskPhi, PhiAccess, type PhiMaskingPolicy, RequireScopes } from '@concord/platform';
import { ChargePageDto, EncounterIdParams, EncounterPageDto, SearchChargesQuery, SearchEncountersQuery } from './dto/encounter-queries.dto';
import { EncounterService } from './encounter.service';

/** The MRN in patient references (and other marked fields) is clear only with phi/Encounter.r. */
const ENCOUNTER_PHI: PhiMaskingPolicy = {
  scope: 'phi/Encounter.r',
  fields: [...new Set([...phiFieldsOf(EncounterDto), ...phiFieldsOf(PatientReferenceDto), ...phiFieldsOf(ChargeDto)])],
};

@ApiTags('ehr')
@Controller('ehr/v1')
export class EncountersController {
  constructor(private readonly encounters: EncounterService) {}

  @Get('encounters')
  @RequireScopes('system/Encounter.s')
  @PhiAccess({ entityType: 'Encounter', action: 'E', subtype: 'search' })
  @MaskPhi(ENCOUNTER_PHI)
  @ApiOperation({ operationId: 'searchEncounters', summary: 'Search EHR encounters by patient, status and date (read live from the EHR)' })
  @ApiOkResponse({ type: EncounterPageDto })
  @ApiProblemResponses(400, 401, 403, 429, 500, 502, 503, 504)
  search(@Query() query: SearchEncountersQuery): Promise<EncounterPageDto> {
    return this.encounters.searchEncounters(query);
  }

  @Get('encounters/:id')
  @RequireScopes('system/Encounter.r')
  @PhiAccess({ entityType: 'Encounter', action: 'R', subtype: 'read', idParameter: 'id' })
  @MaskPhi(ENCOUNTER_PHI)
  @ApiOperation({ operationId: 'getEncounter', summary: 'One EHR encounter with its diagnoses, procedures (with items used) and charges' })
  @ApiOkResponse({ type: EncounterDto })
  @ApiProblemResponses(400, 401, 403, 404, 429, 500, 502, 503, 504)
  get(@Param() params: EncounterIdParams): Promise<EncounterDto> {
    return this.encounters.getEncounter(params.id);
  }

  @Get('charges')
  @RequireScopes('system/ChargeItem.s')
  @PhiAccess({ entityType: 'ChargeItem', action: 'E', subtype: 'search' })
  @MaskPhi(ENCOUNTER_PHI)
  @ApiOperation({ operationId: 'searchEhrCharges', summary: 'Search charges captured at the EHR by patient or encounter' })
  @ApiOkResponse({ type: ChargePageDto })
  @ApiProblemResponses(400, 401, 403, 429, 500, 502, 503, 504)
  charges(@Query() query: SearchChargesQuery): Promise<ChargePageDto> {
    return this.encounters.searchCharges(query);
  }
}
