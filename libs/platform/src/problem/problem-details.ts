import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { FieldError } from './field-error';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
export const PROBLEM_TYPE_BASE = 'https://concord.health/problems/';

export class FieldErrorDto implements FieldError {
  @ApiProperty({ enum: ['body', 'query', 'path', 'header', 'argument'], example: 'query' })
  in!: FieldError['in'];

  @ApiProperty({ example: 'birthdate' })
  name!: string;

  @ApiPropertyOptional({ example: '/name/family' })
  pointer?: string;

  @ApiProperty({ example: 'birthdate must be a date in YYYY-MM-DD form' })
  detail!: string;
}

/** RFC 9457 problem details, with Concord's `code`, `requestId` and field `errors` extensions. */
export class ProblemDetailsDto {
  @ApiProperty({ example: 'https://concord.health/problems/patient-not-found' })
  type!: string;

  @ApiProperty({ example: 'Patient not found' })
  title!: string;

  @ApiProperty({ example: 404 })
  status!: number;

  @ApiPropertyOptional({ example: 'No patient with id "nobody" at the EHR' })
  detail?: string;

  @ApiPropertyOptional({ example: '/ehr/v1/patients/nobody' })
  instance?: string;

  @ApiProperty({ description: 'Stable machine-readable error code', example: 'PATIENT_NOT_FOUND' })
  code!: string;

  @ApiPropertyOptional({ description: 'X-Request-Id of the failed request', example: '5f0c6a9e-3f55-4a7e-9a55-0d9a1c1b2d3e' })
  requestId?: string;

  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'One entry per invalid field' })
  errors?: FieldErrorDto[];
}

export type ProblemDetails = ProblemDetailsDto;

export function problemTypeFor(code: string): string {
  return PROBLEM_TYPE_BASE + code.toLowerCase().replace(/_/g, '-');
}

/** "PATIENT_NOT_FOUND" → "Patient not found". */
export function titleFor(code: string): string {
  const words = code.toLowerCase().split('_').join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
