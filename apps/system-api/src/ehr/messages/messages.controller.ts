import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, MaskPhi, PhiAccess, type PhiMaskingPolicy, RequireScopes } from '@concord/platform';
import {
  BulkReprocessResultDto,
  EhrMessageDto,
  EhrMessageIdParams,
  EhrMessagePageDto,
  ReprocessEhrMessagesDto,
  ReprocessResultDto,
  SearchEhrMessagesQuery,
} from './dto/ehr-message.dto';
import { MessageStore } from './message-store.service';

/** Message text and the patient identifiers read from it are PHI: clear only with phi/Message.r. */
const MESSAGE_PHI: PhiMaskingPolicy = { scope: 'phi/Message.r', fields: ['patientIdentifiers', 'raw'] };

@ApiTags('ehr')
@Controller('ehr/v1/messages')
export class MessagesController {
  constructor(private readonly store: MessageStore) {}

  @Get()
  @RequireScopes('ehr/Message.s')
  @PhiAccess({ entityType: 'HL7Message', action: 'E', subtype: 'search' })
  @MaskPhi(MESSAGE_PHI)
  @ApiOperation({
    operationId: 'searchEhrMessages',
    summary: 'Search inbound HL7 v2 messages by control id, type, patient identifier, status and time, newest first',
  })
  @ApiOkResponse({ type: EhrMessagePageDto })
  @ApiProblemResponses(400, 401, 403, 429)
  search(@Query() query: SearchEhrMessagesQuery): Promise<EhrMessagePageDto> {
    return this.store.search(query);
  }

  @Post('reprocess')
  @HttpCode(200)
  @RequireScopes('ehr/Message.u')
  @PhiAccess({ entityType: 'HL7Message', action: 'U', subtype: 'reprocess' })
  @ApiOperation({
    operationId: 'reprocessEhrMessages',
    summary: 'Reprocess stored messages by id or filter (failed ones by default); operators',
  })
  @ApiOkResponse({ type: BulkReprocessResultDto })
  @ApiProblemResponses(400, 401, 403, 429)
  reprocessMany(@Body() body: ReprocessEhrMessagesDto): Promise<BulkReprocessResultDto> {
    return this.store.reprocessMany(body);
  }

  @Get(':id')
  @RequireScopes('ehr/Message.r')
  @PhiAccess({ entityType: 'HL7Message', action: 'R', subtype: 'read', idParameter: 'id' })
  @MaskPhi(MESSAGE_PHI)
  @ApiOperation({ operationId: 'getEhrMessage', summary: 'One stored HL7 v2 message with its text, status and the ACK sent' })
  @ApiOkResponse({ type: EhrMessageDto })
  @ApiProblemResponses(400, 401, 403, 404, 429)
  get(@Param() params: EhrMessageIdParams): Promise<EhrMessageDto> {
    return this.store.get(params.id);
  }

  @Post(':id/reprocess')
  @HttpCode(200)
  @RequireScopes('ehr/Message.u')
  @PhiAccess({ entityType: 'HL7Message', action: 'U', subtype: 'reprocess', idParameter: 'id' })
  @ApiOperation({ operationId: 'reprocessEhrMessage', summary: 'Process one stored message again with the current mappings; operators' })
  @ApiOkResponse({ type: ReprocessResultDto })
  @ApiProblemResponses(400, 401, 403, 404, 429)
  reprocess(@Param() params: EhrMessageIdParams): Promise<ReprocessResultDto> {
    return this.store.reprocess(params.id);
  }
}
