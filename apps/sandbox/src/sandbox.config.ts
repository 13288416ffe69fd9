import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Min } from 'class-validator';
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

  /** Requests per second the sandbox billing API accepts before answering 429 (0: unlimited). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  SANDBOX_BILLING_QUOTA_PER_SECOND: number = 0;

  /** Root of the clearinghouse file exchange (`outbound/` from Concord, `inbound/` to it); DATA_DIR/clearinghouse when unset. */
  @IsOptional()
  @IsString()
  SANDBOX_CLEARINGHOUSE_DIR?: string;

  /** Delay before the clearinghouse releases the 999 and 277CA of a file. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  SANDBOX_CLEARINGHOUSE_ACK_DELAY_MS: number = 2_000;

  /** Delay before the clearinghouse releases the 835 paying accepted claims. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  SANDBOX_CLEARINGHOUSE_REMIT_DELAY_MS: number = 5_000;

  /** How often the clearinghouse looks at its drop folder and releases due answers. */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  SANDBOX_CLEARINGHOUSE_POLL_MS: number = 500;

  /** Highest SNIP level the clearinghouse's 999 reports (claim-level problems come back on the 277CA). */
  @Type(() => Number)
  @IsIn([1, 2, 3, 4])
  SANDBOX_CLEARINGHOUSE_ACK_SNIP_LEVEL: 1 | 2 | 3 | 4 = 1;

  /** `host:port` of Concord's MLLP listener: the sandbox EHR then sends the demo HL7 v2 feed there once (unset: no feed). */
  @IsOptional()
  @Matches(/^[^\s:]+:\d{1,5}$/, { message: 'SANDBOX_HL7_FEED_TARGET must be host:port' })
  SANDBOX_HL7_FEED_TARGET?: string;

  /** Pause between the feed's messages. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  SANDBOX_HL7_FEED_INTERVAL_MS: number = 1_000;
}
