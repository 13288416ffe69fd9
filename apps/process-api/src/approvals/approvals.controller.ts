import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, RequireScopes } from '@concord/platform';
import { ApprovalDto, ApprovalQueryDto, CommentDto, IdParams } from '../engine/dto/flow.dto';
import { FlowPresenter } from '../engine/flow-presenter';
import { Approvals } from './approvals.service';

@ApiTags('approvals')
@Controller('v1/approvals')
export class ApprovalsController {
  constructor(
    private readonly approvals: Approvals,
    private readonly present: FlowPresenter,
  ) {}

  @Get()
  @RequireScopes('process/Approval.rs')
  @ApiOperation({ operationId: 'listApprovals', summary: 'Decisions flows wait for (pending by default), oldest first' })
  @ApiOkResponse({ type: [ApprovalDto] })
  @ApiProblemResponses(400, 401, 403, 429)
  async list(@Query() query: ApprovalQueryDto): Promise<ApprovalDto[]> {
    const rows = await this.approvals.list({
      status: query.status ?? 'pending',
      role: query.role,
      flowId: query.flowId,
      limit: query.limit ?? 50,
    });
    return rows.map((row) => this.present.approval(row));
  }

  @Post(':id/approve')
  @HttpCode(200)
  @RequireScopes('process/Approval.rs')
  @ApiOperation({ operationId: 'approveApproval', summary: "Approve (needs the approval's role: scope approval/<Role>.u)" })
  @ApiOkResponse({ type: ApprovalDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 429)
  async approve(@Param() params: IdParams, @Body() body: CommentDto): Promise<ApprovalDto> {
    return this.present.approval(await this.approvals.decide(params.id, 'approved', body.comment));
  }

  @Post(':id/reject')
  @HttpCode(200)
  @RequireScopes('process/Approval.rs')
  @ApiOperation({ operationId: 'rejectApproval', summary: "Reject (needs the approval's role: scope approval/<Role>.u)" })
  @ApiOkResponse({ type: ApprovalDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 429)
  async reject(@Param() params: IdParams, @Body() body: CommentDto): Promise<ApprovalDto> {
    return this.present.approval(await this.approvals.decide(params.id, 'rejected', body.comment));
  }
}
