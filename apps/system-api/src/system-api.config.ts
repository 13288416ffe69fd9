import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min, ValidateIf } from 'class-validator';
import { BaseConfig, IsHttpUrl, IsPort } from '@concord/platform';

export class SystemApiConfig extends BaseConfig {
  @IsPort()
  SYSTEM_API_PORT: number = 3001;

  /** HL7 v2 MLLP listener port; unset turns the listener off (`npm start` sets 2575), 0 picks a free port (tests). */
  @IsOptional()
  @IsPort()
  MLLP_PORT?: number;

  /** Interface the MLLP listener binds; HOST when unset. */
  @IsOptional()
  @IsString()
  MLLP_HOST?: string;

  /** Largest HL7 v2 message accepted over MLLP; a larger frame gets a NAK and its connection is closed. */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(64 * 1024 * 1024)
  MLLP_MAX_FRAME_BYTES: number = 1024 * 1024;

  /** A frame whose end block has not arrived this long after its start gets a NAK and its connection is closed. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(600_000)
  MLLP_FRAME_TIMEOUT_MS: number = 30_000;

  /** PEM certificate (chain) file: with MLLP_TLS_KEY_FILE the listener speaks MLLP over TLS. */
  @IsOptional()
  @IsString()
  MLLP_TLS_CERT_FILE?: string;

  /** PEM private key file of MLLP_TLS_CERT_FILE (a secret: never logged). */
  @IsOptional()
  @IsString()
  MLLP_TLS_KEY_FILE?: string;

  /** PEM CA file: when set, senders must present a client certificate it signed (mutual TLS). */
  @IsOptional()
  @IsString()
  MLLP_TLS_CA_FILE?: string;

  /** Stored HL7 v2 messages older than this many days are purged (0 keeps them forever). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(36500)
  EHR_MESSAGE_RETENTION_DAYS: number = 90;

  /** How often the retention purge runs (ms; 0 turns it off). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  EHR_MESSAGE_PURGE_INTERVAL_MS: number = 3_600_000;

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

  /** Where batch-file feeds look for files: nowhere (upload only), a local drop folder, or an SFTP directory. */
  @IsIn(['none', 'folder', 'sftp'])
  FILES_SOURCE: 'none' | 'folder' | 'sftp' = 'none';

  /** Drop folder root (FILES_SOURCE=folder): each feed polls `<dir>/<feed>`; default `<DATA_DIR>/files`. */
  @IsOptional()
  @IsString()
  FILES_DROP_DIR?: string;

  /** How often the drop folder or SFTP directory is polled. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  FILES_POLL_INTERVAL_MS: number = 5000;

  /** When a file counts as complete: size-stable across two polls, or once its `.done` marker exists. */
  @IsIn(['stable', 'marker'])
  FILES_COMPLETENESS: 'stable' | 'marker' = 'stable';

  /** How long a run in progress keeps its claim before another instance may take the file over. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(86_400)
  FILES_CLAIM_LEASE_SECONDS: number = 600;

  /** SFTP server (FILES_SOURCE=sftp). */
  // Required when the feeds poll over SFTP: start-up fails naming the missing setting.
  @ValidateIf((config: SystemApiConfig) => config.FILES_SOURCE === 'sftp' || config.FILES_SFTP_HOST !== undefined)
  @Matches(/^[A-Za-z0-9.-]{1,253}$/, { message: 'FILES_SFTP_HOST must be a host name or IPv4 address' })
  FILES_SFTP_HOST?: string;

  @IsPort()
  FILES_SFTP_PORT: number = 22;

  // Required when the feeds poll over SFTP: start-up fails naming the missing setting.
  @ValidateIf((config: SystemApiConfig) => config.FILES_SOURCE === 'sftp' || config.FILES_SFTP_USERNAME !== undefined)
  @Matches(/^[A-Za-z0-9._-]{1,64}$/, { message: 'FILES_SFTP_USERNAME must be 1-64 letters, digits, ".", "_" or "-"' })
  FILES_SFTP_USERNAME?: string;

  /** Path of the private key file for FILES_SFTP_USERNAME (the key is a secret: never logged). */
  // Required when the feeds poll over SFTP: start-up fails naming the missing setting.
  @ValidateIf((config: SystemApiConfig) => config.FILES_SOURCE === 'sftp' || config.FILES_SFTP_PRIVATE_KEY_FILE !== undefined)
  @IsString()
  FILES_SFTP_PRIVATE_KEY_FILE?: string;

  /** Directory on the server; each feed polls `<dir>/<feed>`. */
  @Matches(/^\/[A-Za-z0-9._/-]*$/, { message: 'FILES_SFTP_DIRECTORY must be an absolute path' })
  FILES_SFTP_DIRECTORY: string = '/upload';

  /** SHA-256 host key fingerprint (base64, as ssh-keygen -lf prints it); any other host key is refused. */
  @IsOptional()
  @Matches(/^(SHA256:)?[A-Za-z0-9+/]{43}=?$/, { message: 'FILES_SFTP_HOST_KEY_SHA256 must be a SHA256 fingerprint' })
  FILES_SFTP_HOST_KEY_SHA256?: string;

  /** Largest file an upload may carry. */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  FILES_UPLOAD_LIMIT_BYTES: number = 50 * 1024 * 1024;
}
