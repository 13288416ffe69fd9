import { BaseConfig, IsPort } from '@concord/platform';

export class SandboxConfig extends BaseConfig {
  @IsPort()
  SANDBOX_PORT: number = 4000;
}
