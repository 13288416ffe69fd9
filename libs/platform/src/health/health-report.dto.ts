import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class HealthCheckResultDto {
  @ApiProperty({ example: 'database' })
  name!: string;

  @ApiProperty({ enum: ['up', 'down'], example: 'up' })
  status!: 'up' | 'down';

  @ApiPropertyOptional({ example: 'connect ECONNREFUSED 127.0.0.1:3001' })
  detail?: string;

  @ApiProperty({ example: 3 })
  durationMs!: number;
}

export class HealthReportDto {
  @ApiProperty({ enum: ['up', 'down'], example: 'up' })
  status!: 'up' | 'down';

  @ApiProperty({ example: 'system-api' })
  app!: string;

  @ApiProperty({ type: [HealthCheckResultDto] })
  checks!: HealthCheckResultDto[];
}
