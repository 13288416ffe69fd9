import { Type } from 'class-transformer';
import { IsInt, IsString, Max, Min } from 'class-validator';
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
}
