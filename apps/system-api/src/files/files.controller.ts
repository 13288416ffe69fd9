import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblemResponses, RequireScopes } from '@concord/platform';
import { FeedParams, FeedRunParams, FileRunDto, FileRunPageDto, ListRunsQuery, UploadQuery } from './dto/file-run.dto';
import { FilesService } from './files.service';

export const FILE_UPLOAD_CONTENT_TYPES = ['text/csv', 'text/plain', 'application/octet-stream'];

@ApiTags('files')
@Controller('files/v1/feeds/:feed/runs')
export class FilesController {
  constructor(private readonly files: FilesService) {}

  @Post()
  @HttpCode(200)
  @RequireScopes('files/Run.c')
  @ApiConsumes(...FILE_UPLOAD_CONTENT_TYPES)
  @ApiBody({ schema: { type: 'string', format: 'binary', maxLength: 52_428_800, description: 'The file, as its sender wrote it' } })
  @ApiOperation({
    operationId: 'uploadFeedFile',
    summary: 'Run a file through a feed (chargemaster, ...): the same bytes are run once; a repeat returns the earlier run',
  })
  @ApiOkResponse({ type: FileRunDto })
  @ApiProblemResponses(400, 401, 403, 404, 413, 415, 429, 500, 503)
  upload(@Param() params: FeedParams, @Query() query: UploadQuery, @Body() body: unknown): Promise<FileRunDto> {
    return this.files.upload(params.feed, query.fileName, body);
  }

  @Get()
  @RequireScopes('files/Run.s')
  @ApiOperation({ operationId: 'listFeedRuns', summary: "A feed's runs, newest first" })
  @ApiOkResponse({ type: FileRunPageDto })
  @ApiProblemResponses(400, 401, 403, 404, 429, 500)
  list(@Param() params: FeedParams, @Query() query: ListRunsQuery): Promise<FileRunPageDto> {
    return this.files.list(params.feed, query.cursor, query.limit ?? 20);
  }

  @Get(':runId')
  @RequireScopes('files/Run.r')
  @ApiOperation({ operationId: 'getFeedRun', summary: 'One run: status and counts' })
  @ApiOkResponse({ type: FileRunDto })
  @ApiProblemResponses(400, 401, 403, 404, 429, 500)
  get(@Param() params: FeedRunParams): Promise<FileRunDto> {
    return this.files.get(params.feed, params.runId);
  }

  @Get(':runId/report')
  @RequireScopes('files/Run.r')
  @Header('content-type', 'application/json')
  @ApiProduces('application/json')
  @ApiOperation({
    operationId: 'downloadFeedRunReport',
    summary: 'The run report: counts, and each rejected row with its line, field and reason',
  })
  @ApiOkResponse({ schema: { type: 'object', additionalProperties: true } })
  @ApiProblemResponses(400, 401, 403, 404, 409, 429, 500)
  async report(@Param() params: FeedRunParams, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const { fileName, body } = await this.files.report(params.feed, params.runId);
    void reply.header('content-disposition', `attachment; filename="${fileName.replace(/"/g, '')}"`);
    return body;
  }
}
