import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Min } from 'class-validator';
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

  /** Whether the sandbox EHR's FHIR routes require a SMART Backend Services bearer token. */
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'SANDBOX_EHR_REQUIRE_AUTH must be true or false' })
  SANDBOX_EHR_REQUIRE_AUTH: boolean = false;

  /** Folder of `<client-id>.jwks.json` public key sets: backend clients the sandbox EHR accepts (besides the demo client under DATA_DIR). */
  @IsOptional()
  @IsString()
  SANDBOX_EHR_JWKS_DIR?: string;
}
