import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import type { FileRunEntity } from '@concord/connectors/files';

/** Feeds system-api serves (documented in the contract; the service answers 404 for any other). */
export const FEED_NAMES = ['chargemaster', 'lockbox'] as const;

export class FileRunDto {
  @ApiProperty({ example: '6f1c1c55-2f0e-4f53-9c1e-8f6a0a4f9d01' })
  id!: string;

  @ApiProperty({ example: 'chargemaster' })
  feed!: string;

  @ApiProperty({ example: 'cdm-2026-07.csv' })
  fileName!: string;

  @ApiProperty({ description: 'SHA-256 of the file, hex: the same bytes are never applied twice' })
  contentHash!: string;

  @ApiProperty({ type: 'integer', format: 'int32', minimum: 0, maximum: 2147483647, description: 'Bytes', example: 2048 })
  size!: number;

  @ApiProperty({ enum: ['folder', 'sftp', 'upload'] })
  origin!: string;

  @ApiProperty({ enum: ['claimed', 'completed', 'failed'], description: 'claimed while in progress' })
  status!: string;

  @ApiProperty({
    type: 'integer',
    format: 'int32',
    minimum: 1,
    maximum: 2147483647,
    description: 'Pick-ups of the file (more than 1 after a crash or a retried error)',
  })
  attempts!: number;

  @ApiProperty({ type: 'integer', format: 'int32', minimum: 0, maximum: 2147483647 })
  accepted!: number;

  @ApiProperty({ type: 'integer', format: 'int32', minimum: 0, maximum: 2147483647 })
  rejected!: number;

  @ApiProperty({ type: 'integer', format: 'int32', minimum: 0, maximum: 2147483647 })
  unchanged!: number;

  @ApiProperty({ format: 'date-time' })
  startedAt!: string;

  @ApiPropertyOptional({ format: 'date-time' })
  completedAt?: string;

  @ApiPropertyOptional({ description: 'Where the file went: processed/<name> or failed/<name> (folder and SFTP runs)' })
  disposedAs?: string;

  @ApiProperty({ description: 'true when this upload carried bytes already run: the earlier run is returned, nothing is applied' })
  duplicate!: boolean;
}

export class FileRunPageDto {
  @ApiProperty({ type: [FileRunDto] })
  data!: FileRunDto[];

  @ApiPropertyOptional({ description: 'Cursor of the next (older) page' })
  nextCursor?: string;
}

export class FeedParams {
  @ApiProperty({ enum: FEED_NAMES, description: 'The feed (batch-file interface)', example: 'chargemaster' })
  @Matches(/^[a-z][a-z0-9-]{0,59}$/)
  feed!: string;
}

export class FeedRunParams extends FeedParams {
  @ApiProperty({ format: 'uuid', maxLength: 36 })
  @Matches(/^[0-9a-f-]{36}$/)
  runId!: string;
}

export class UploadQuery {
  @ApiProperty({ description: 'Name of the file as the sender called it', example: 'cdm-2026-07.csv', maxLength: 200 })
  @IsString()
  @MaxLength(200)
  fileName!: string;
}

export class ListRunsQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ maxLength: 300, description: 'Opaque cursor from a previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  cursor?: string;
}

export function fileRunDtoOf(run: FileRunEntity, duplicate = false): FileRunDto {
  return {
    id: run.id,
    feed: run.feed,
    fileName: run.fileName,
    contentHash: run.contentHash,
    size: run.size,
    origin: run.origin,
    status: run.status,
    attempts: run.attempts,
    accepted: run.accepted,
    rejected: run.rejected,
    unchanged: run.unchanged,
    startedAt: run.claimedAt,
    ...(run.completedAt ? { completedAt: run.completedAt } : {}),
    ...(run.disposedAs ? { disposedAs: run.disposedAs } : {}),
    duplicate,
  };
}
