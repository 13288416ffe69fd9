import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
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

  /** Which ERP adapter serves /erp/v1: the sandbox ERP's REST API, or an S/4HANA-style OData v4 system. */
  @IsIn(['sandbox', 'odata'])
  ERP_ADAPTER: 'sandbox' | 'odata' = 'sandbox';

  /** Base URL of the sandbox ERP's vendor REST API (ERP_ADAPTER=sandbox). */
  @IsHttpUrl()
  ERP_BASE_URL: string = 'http://127.0.0.1:4000/erp/api/v1';

  /** Origin of the S/4HANA-style OData system (ERP_ADAPTER=odata); its APIs at S/4's default paths. */
  @IsHttpUrl()
  ERP_ODATA_BASE_URL: string = 'http://127.0.0.1:4004';

  /** Communication user of the OData system (basic authentication; none when unset). */
  @IsOptional()
  @Matches(/^[A-Za-z0-9._@-]{1,64}$/, { message: 'ERP_ODATA_USERNAME must be 1-64 letters, digits, ".", "_", "@" or "-"' })
  ERP_ODATA_USERNAME?: string;

  /** Password of ERP_ODATA_USERNAME (a secret: never logged). */
  @IsOptional()
  @IsString()
  ERP_ODATA_PASSWORD?: string;

  /** Plant whose storage locations are Concord's stock locations (OData adapter). */
  @Matches(/^[A-Z0-9]{4}$/, { message: 'ERP_ODATA_PLANT must be a 4-character plant code' })
  ERP_ODATA_PLANT: string = '1000';

  /** The 3-way match price tolerance the ERP applies, in per cent, reported with match results (OData adapter). */
  @Type(() => Number)
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  ERP_PRICE_TOLERANCE_PERCENT: number = 2;

  /** Requisitions above this total (cents) wait for approval in the ERP (OData adapter; 1000000 = 10,000.00). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  ERP_APPROVAL_THRESHOLD_CENTS: number = 1_000_000;

  /** Most calls per second to the ERP (its API quota). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  ERP_RATE_PER_SECOND: number = 20;

  /** Most ERP calls in flight at once. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  ERP_CONCURRENCY: number = 8;

  /** Retries of a throttled, unavailable or timed-out ERP call (after its Retry-After). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10)
  ERP_RETRIES: number = 2;

  /** How often item and supplier master changes are polled from the ERP (ms; 0 turns the sync off). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  ERP_MASTER_DATA_SYNC_INTERVAL_MS: number = 300_000;

  /** Which HR adapter serves /workforce/v1: the sandbox HR REST API, or SCIM 2.0 (no positions or credentials). */
  @IsIn(['sandbox', 'scim'])
  WORKFORCE_ADAPTER: 'sandbox' | 'scim' = 'sandbox';

  /** Base URL of the sandbox HR REST API (WORKFORCE_ADAPTER=sandbox). */
  @IsHttpUrl()
  WORKFORCE_BASE_URL: string = 'http://127.0.0.1:4000/hr/api/v1';

  /** Base URL of the HR system's SCIM 2.0 endpoint (WORKFORCE_ADAPTER=scim). */
  @IsHttpUrl()
  WORKFORCE_SCIM_BASE_URL: string = 'http://127.0.0.1:4000/hr/scim/v2';

  /** Most calls per second to the HR system. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  WORKFORCE_RATE_PER_SECOND: number = 20;

  /** Most HR calls in flight at once. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  WORKFORCE_CONCURRENCY: number = 4;

  /** Retries of a throttled, unavailable or timed-out HR call. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10)
  WORKFORCE_RETRIES: number = 2;

  /** How often credentials are checked for expiry (ms; a day by default; 0 turns the check off). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  WORKFORCE_EXPIRY_CHECK_INTERVAL_MS: number = 86_400_000;

  /** Credentials expiring within this many days raise workforce.credential.expiring.v1. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  WORKFORCE_CREDENTIAL_WARNING_DAYS: number = 30;
}
