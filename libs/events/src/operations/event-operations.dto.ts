import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

const SUBSCRIBER = /^[a-z][a-z0-9.-]{0,99}$/;
const EVENT_TYPE = /^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*\.v[1-9][0-9]*$/;

export class DeadLetterQueryDto {
  @ApiPropertyOptional({
    description: 'Subscriber name',
    example: 'process-api.patient-to-cash',
    maxLength: 100,
    pattern: SUBSCRIBER.source,
  })
  @IsOptional()
  @Matches(SUBSCRIBER)
  subscriber?: string;

  @ApiPropertyOptional({ description: 'Event type', example: 'ehr.encounter.discharged.v1', maxLength: 120, pattern: EVENT_TYPE.source })
  @IsOptional()
  @MaxLength(120)
  @Matches(EVENT_TYPE)
  type?: string;

  @ApiPropertyOptional({ description: 'Business trace (correlation id)', maxLength: 64 })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  correlationId?: string;

  @ApiPropertyOptional({ description: 'Entries parked before this one (paging: pass the last id of the previous page)', minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  before?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class DeadLetterIdParams {
  @ApiProperty({ description: 'Dead letter id (inbox sequence number)', example: 42, minimum: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  id!: number;
}

export class DeadLetterEditIdParams extends DeadLetterIdParams {
  @ApiProperty({ description: 'Edit id', format: 'uuid', maxLength: 36 })
  @Matches(/^[0-9a-f-]{36}$/)
  editId!: string;
}

export class DeadLetterEditDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    description: 'The corrected data, as proposed (masked without the PHI scope)',
    type: 'object',
    additionalProperties: true,
  })
  proposedData!: unknown;
  @ApiProperty({ description: 'The data it replaces (masked without the PHI scope)', type: 'object', additionalProperties: true })
  previousData!: unknown;
  @ApiProperty() reason!: string;
  @ApiProperty({ example: 'ops-console' }) proposedBy!: string;
  @ApiProperty() proposedAt!: string;
  @ApiProperty({ enum: ['proposed', 'approved', 'rejected'] }) status!: string;
  @ApiPropertyOptional({ example: 'ops-supervisor' }) decidedBy?: string;
  @ApiPropertyOptional() decidedAt?: string;
  @ApiPropertyOptional() decisionComment?: string;
}

export class DeadLetterDto {
  @ApiProperty({ description: 'Dead letter id (inbox sequence number)', example: 42 }) id!: number;
  @ApiProperty({ example: 'process-api.patient-to-cash' }) subscriber!: string;
  @ApiProperty({ description: 'CloudEvents id', format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: 'ehr.encounter.discharged.v1' }) type!: string;
  @ApiProperty({ description: 'Ordering key', example: 'avery-quinn' }) key!: string;
  @ApiProperty() correlationId!: string;
  @ApiProperty({ enum: ['dead', 'skipped'] }) status!: string;
  @ApiProperty({ description: 'Handling attempts made', example: 5 }) attempts!: number;
  @ApiPropertyOptional({ description: 'Last error, as the handler reported it' }) lastError?: string;
  @ApiProperty({ description: "Whether the key's later events wait for this one (hold policy)" }) holdsKey!: boolean;
  @ApiProperty() receivedAt!: string;
  @ApiProperty({
    description: 'The CloudEvent; `data` is masked for callers without the PHI scope',
    type: 'object',
    additionalProperties: true,
  })
  event!: Record<string, unknown>;
  @ApiProperty({ type: [DeadLetterEditDto] }) edits!: DeadLetterEditDto[];
}

export class RetryDeadLettersDto {
  @ApiPropertyOptional({ type: [Number], description: 'Dead letter ids; or give a filter instead', maxItems: 1000 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsInt({ each: true })
  @Min(1, { each: true })
  ids?: number[];

  @ApiPropertyOptional({ maxLength: 100, pattern: SUBSCRIBER.source })
  @IsOptional()
  @Matches(SUBSCRIBER)
  subscriber?: string;

  @ApiPropertyOptional({ maxLength: 120, pattern: EVENT_TYPE.source })
  @IsOptional()
  @MaxLength(120)
  @Matches(EVENT_TYPE)
  type?: string;
}

export class RetryResultDto {
  @ApiProperty({ description: 'Dead letters put back in line', example: 3 }) retried!: number;
}

export class SkipDeadLetterDto {
  @ApiProperty({ description: 'Why the event is discarded (kept with it)', minLength: 3, maxLength: 500 })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason!: string;
}

export class ProposeEditDto {
  @ApiProperty({ description: "Corrected `data` for the event; must match its type's schema", type: 'object', additionalProperties: true })
  @IsObject()
  data!: Record<string, unknown>;

  @ApiProperty({ description: 'Why the data is corrected', minLength: 3, maxLength: 500 })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason!: string;
}

export class DecideEditDto {
  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  comment?: string;
}

export class ReplayRequestDto {
  @ApiProperty({
    description: 'Subscriber to deliver to',
    example: 'process-api.patient-to-cash',
    maxLength: 100,
    pattern: SUBSCRIBER.source,
  })
  @Matches(SUBSCRIBER)
  subscriber!: string;

  @ApiPropertyOptional({ description: 'Earliest event time, inclusive (ISO 8601)', maxLength: 40 })
  @IsOptional()
  @MaxLength(40)
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Latest event time, exclusive (ISO 8601)', maxLength: 40 })
  @IsOptional()
  @MaxLength(40)
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ type: 'array', items: { type: 'string', maxLength: 120 }, maxItems: 50, description: 'Event types' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(EVENT_TYPE, { each: true })
  types?: string[];

  @ApiPropertyOptional({ maxLength: 64, description: 'Only this business trace' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  correlationId?: string;
}

export class ReplayResultDto {
  @ApiProperty({ description: 'Events re-delivered; those the subscriber already handled have no second effect', example: 12 })
  delivered!: number;
}

export class SubscriberStatusDto {
  @ApiProperty({ example: 'process-api.patient-to-cash' }) subscriber!: string;
  @ApiProperty({ type: [String] }) types!: string[];
  @ApiProperty({ description: 'Events waiting: in the inbox not yet handled plus held by the transport', example: 0 }) lag!: number;
  @ApiProperty({ description: 'Events parked in the dead-letter queue', example: 0 }) deadLetters!: number;
}

export class EventTypeDto {
  @ApiProperty({ example: 'ehr.encounter.discharged.v1' }) type!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ example: 'encounter' }) aggregateType!: string;
  @ApiProperty() containsPhi!: boolean;
  @ApiProperty({ enum: ['hold', 'continue'] }) deadLetterPolicy!: string;
}
