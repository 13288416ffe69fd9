import { Type } from 'class-transformer';
import { IsInt, Min } from 'class-validator';
import { BaseConfig, IsPort } from '@concord/platform';

export class SandboxConfig extends BaseConfig {
  @IsPort()
  SANDBOX_PORT: number = 4000;

  /** Requests per second the sandbox EHR accepts before answering 429 (0: unlimited). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  SANDBOX_FHIR_QUOTA_PER_SECOND: number = 0;

  /** Requests per second the sandbox ERP API accepts before answering 429 (0: unlimited). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  SANDBOX_ERP_QUOTA_PER_SECOND: number = 0;

  /** Requests per second the sandbox HR APIs (REST and SCIM) accept before answering 429 (0: unlimited). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  SANDBOX_HR_QUOTA_PER_SECOND: number = 0;
}
