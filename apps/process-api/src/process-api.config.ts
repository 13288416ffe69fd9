import { BaseConfig, IsHttpUrl, IsPort } from '@concord/platform';

export class ProcessApiConfig extends BaseConfig {
  @IsPort()
  PROCESS_API_PORT: number = 3002;

  /** Base URL of system-api, the only layer process-api calls. */
  @IsHttpUrl()
  SYSTEM_API_URL: string = 'http://127.0.0.1:3001';
}
