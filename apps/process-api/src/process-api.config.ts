import { IsPort, ServiceClientConfig } from '@concord/platform';

export class ProcessApiConfig extends ServiceClientConfig {
  @IsPort()
  PROCESS_API_PORT: number = 3002;

  override AUTH_CLIENT_ID = 'process-api';
  override AUTH_CLIENT_SECRET = 'process-api-demo-secret';
}
