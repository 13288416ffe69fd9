import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/access.decorators';

export const API_VERSIONS = Symbol('concord:api-versions');

export class ApiVersionDto {
  @ApiProperty({ example: 'ehr/patients' }) api!: string;
  @ApiProperty({ example: 'v1' }) version!: string;
  @ApiProperty({ enum: ['current', 'supported', 'deprecated'], example: 'deprecated' }) status!: 'current' | 'supported' | 'deprecated';
  @ApiProperty({ example: '/ehr/v1/patients' }) basePath!: string;
  @ApiPropertyOptional({ example: '2027-06-30' }) sunset?: string;
  @ApiPropertyOptional({ example: 'v2' }) successor?: string;
}

/** `GET /versions`: every API version this app serves and its status. */
@ApiTags('versions')
@Controller('versions')
@Public()
export class VersionsController {
  constructor(@Inject(API_VERSIONS) private readonly versions: ApiVersionDto[]) {}

  @Get()
  @ApiOperation({ operationId: 'listApiVersions', summary: 'API versions served here, with deprecation and sunset dates' })
  @ApiOkResponse({ type: [ApiVersionDto] })
  list(): ApiVersionDto[] {
    return this.versions;
  }
}
