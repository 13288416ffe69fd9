import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class AuditQueryDto {
  @ApiPropertyOptional({ maxLength: 128, description: 'Patient whose data was touched', example: 'avery-quinn' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  patient?: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'Client the access was made for', example: 'partner-acme' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  client?: string;

  @ApiPropertyOptional({ description: 'Earliest instant (ISO 8601)', example: '2026-11-24T00:00:00Z', maxLength: 40 })
  @IsOptional()
  @MaxLength(40)
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Latest instant (ISO 8601)', example: '2026-11-25T00:00:00Z', maxLength: 40 })
  @IsOptional()
  @MaxLength(40)
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class AuditEventDto {
  @ApiProperty() id!: string;
  @ApiProperty() seq!: number;
  @ApiProperty({ example: '2026-11-24T10:15:00.000Z' }) recordedAt!: string;
  @ApiProperty({ example: 'system-api' }) sourceApp!: string;
  @ApiProperty({ enum: ['C', 'R', 'U', 'D', 'E'], example: 'R' }) action!: string;
  @ApiProperty({ example: 'read' }) subtype!: string;
  @ApiProperty({ enum: ['0', '4', '8', '12'], example: '0' }) outcome!: string;
  @ApiProperty({ example: 'partner-acme' }) agent!: string;
  @ApiPropertyOptional({ example: 'dr.lee@concord.example' }) user?: string;
  @ApiPropertyOptional({ type: [String], example: ['process-api', 'experience-api'] }) actors?: string[];
  @ApiPropertyOptional({ example: 'avery-quinn' }) patientId?: string;
  @ApiPropertyOptional({ example: 'TREAT' }) purposeOfUse?: string;
  @ApiProperty({ example: 'Patient' }) entityType!: string;
  @ApiPropertyOptional({ example: 'avery-quinn' }) entityId?: string;
  @ApiPropertyOptional({ type: [String], example: ['birthdate', 'name'] }) queryParameters?: string[];
  @ApiProperty({ example: 'GET /ehr/v1/patients/:id' }) route!: string;
  @ApiProperty() requestId!: string;
  @ApiProperty() traceId!: string;
  @ApiProperty() hash!: string;
}

export class BrokenLinkDto {
  @ApiProperty() seq!: number;
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'record content does not match its hash' }) reason!: string;
}

export class ChainVerificationDto {
  @ApiProperty() intact!: boolean;
  @ApiProperty({ description: 'Records checked before the first break (all of them when intact)' }) checked!: number;
  @ApiPropertyOptional({ type: BrokenLinkDto }) firstBroken?: BrokenLinkDto;
}
