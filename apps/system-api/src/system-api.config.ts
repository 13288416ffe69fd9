import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { BaseConfig, IsHttpUrl, IsPort } from '@concord/platform';

export class SystemApiConfig extends BaseConfig {
  @IsPort()
  SYSTEM_API_PORT: number = 3001;

  /** HL7 v2 MLLP listener port (the listener arrives with the EHR issue). */
  @IsPort()
  MLLP_PORT: number = 2575;

  /** FHIR R4 base URL of the EHR; the sandbox EHR by default. */
  @IsHttpUrl()
  EHR_FHIR_BASE_URL: string = 'http://127.0.0.1:4000/ehr/fhir/R4';

  /** Most calls per second to the EHR's FHIR API (its quota). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  EHR_RATE_PER_SECOND: number = 50;

  /** Most FHIR calls in flight at once. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  EHR_CONCURRENCY: number = 16;

  /** Retries of a throttled, unavailable or timed-out FHIR call. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10)
  EHR_RETRIES: number = 2;

  /** Clients registered on first start (when the registry is empty). */
  @IsString()
  AUTH_CLIENTS_FILE: string = 'config/demo-clients.json';

  /** Lifetime of issued access tokens. */
  @Type(() => Number)
  @IsInt()
  @Min(30)
  @Max(3600)
  AUTH_TOKEN_TTL_SECONDS: number = 300;

  /** Base URL of the billing platform's REST API (Meridian Patient Accounting); the sandbox's by default. */
  @IsHttpUrl()
  BILLING_API_BASE_URL: string = 'http://127.0.0.1:4000/billing/api/v1';

  /** Most calls per second to the billing platform (its API quota). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  BILLING_RATE_PER_SECOND: number = 50;

  /** Most billing-platform calls in flight at once. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  BILLING_CONCURRENCY: number = 8;

  /** Retries of a throttled, unavailable or timed-out billing-platform call. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10)
  BILLING_RETRIES: number = 2;

  /** Root of the clearinghouse file exchange (`outbound/` for 837s and 270s, `inbound/` for what comes back); DATA_DIR/clearinghouse when unset. */
  @IsOptional()
  @IsString()
  BILLING_CLEARINGHOUSE_DIR?: string;

  /** The clearinghouse's real-time X12 endpoint (270 → 271); the sandbox's by default. */
  @IsHttpUrl()
  BILLING_CLEARINGHOUSE_REALTIME_URL: string = 'http://127.0.0.1:4000/clearinghouse/api/v1/realtime';

  /** How often the inbound folder is polled and undelivered files and unposted payments retried (0: never; REST only). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  BILLING_CLEARINGHOUSE_POLL_MS: number = 1_000;

  /** Concord's submitter id (ISA06, GS02, NM1*41) at the clearinghouse. */
  @Matches(/^[A-Za-z0-9]{2,15}$/, { message: 'BILLING_SUBMITTER_ID must be 2-15 letters or digits' })
  BILLING_SUBMITTER_ID: string = 'CONCORDHEALTH';

  @IsString()
  BILLING_SUBMITTER_NAME: string = 'Concord Health';

  /** Contact of the submitter (PER*IC): a name and a 10-digit phone number. */
  @IsString()
  BILLING_SUBMITTER_CONTACT: string = 'Revenue Cycle Desk';

  @Matches(/^\d{10}$/, { message: 'BILLING_SUBMITTER_PHONE must be 10 digits' })
  BILLING_SUBMITTER_PHONE: string = '6035550100';

  /** The clearinghouse's id (ISA08, GS03, NM1*40). */
  @Matches(/^[A-Za-z0-9]{2,15}$/, { message: 'BILLING_CLEARINGHOUSE_ID must be 2-15 letters or digits' })
  BILLING_CLEARINGHOUSE_ID: string = 'CONCORDCH';

  @IsString()
  BILLING_CLEARINGHOUSE_NAME: string = 'Concord Sandbox Clearinghouse';

  /** ISA15 of what Concord sends: P production or T test. */
  @IsIn(['P', 'T'])
  BILLING_X12_USAGE: 'P' | 'T' = 'P';

  /** Highest SNIP level an inbound interchange is validated to before anything of it is applied (4: all). */
  @Type(() => Number)
  @IsIn([1, 2, 3, 4])
  BILLING_INBOUND_SNIP_LEVEL: 1 | 2 | 3 | 4 = 4;

  /** Soft payer-rule edits switched off for every claim (comma-separated edit codes, e.g. SUBSCRIBER_MEMBER_ID_MISSING). */
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean)
      : value,
  )
  @IsIn(['SUBSCRIBER_MEMBER_ID_MISSING', 'TIMELY_FILING_EXCEEDED', 'DUPLICATE_LINE', 'DRG_MISSING', 'POA_MISSING'], { each: true })
  BILLING_DISABLED_EDITS: string[] = [];

  /** Largest X12 body POST /billing/v1/inbound/x12 accepts. */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(200 * 1024 * 1024)
  BILLING_X12_BODY_LIMIT_BYTES: number = 20 * 1024 * 1024;
}
