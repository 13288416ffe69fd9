import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, RequireScopes } from '@concord/platform';
import { DepartmentCodeParams, DepartmentProfitabilityDto, PeriodProfitabilityDto, PeriodQueryDto } from './dto/profitability.dto';
import { ProfitabilityQueries } from './profitability.service';

@ApiTags('departments')
@Controller('v1/departments')
export class ProfitabilityController {
  constructor(private readonly queries: ProfitabilityQueries) {}

  @Get('profitability')
  @RequireScopes('process/DepartmentProfitability.s')
  @ApiOperation({ operationId: 'listDepartmentProfitability', summary: 'Every department’s P&L for a closed month' })
  @ApiOkResponse({ type: PeriodProfitabilityDto })
  @ApiProblemResponses(400, 401, 403, 429)
  list(@Query() query: PeriodQueryDto): Promise<PeriodProfitabilityDto> {
    return this.queries.period(query.period);
  }

  @Get(':code/profitability')
  @RequireScopes('process/DepartmentProfitability.r')
  @ApiOperation({
    operationId: 'getDepartmentProfitability',
    summary: 'A department’s P&L for a month: revenue, supply and labour cost, allocated shared cost (cost-allocation flow)',
  })
  @ApiOkResponse({ type: DepartmentProfitabilityDto })
  @ApiProblemResponses(400, 401, 403, 404, 429)
  get(@Param() params: DepartmentCodeParams, @Query() query: PeriodQueryDto): Promise<DepartmentProfitabilityDto> {
    return this.queries.department(params.code, query.period);
  }
}
