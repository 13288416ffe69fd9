import 'reflect-metadata';
import { loadConfig, runMain } from '@concord/platform';
import { createSystemApi } from './system-api.app';
import { SystemApiConfig } from './system-api.config';

runMain('system-api', async () => {
  const config = loadConfig(SystemApiConfig);
  const app = await createSystemApi(config);
  await app.listen({ port: config.SYSTEM_API_PORT, host: config.HOST });
  return () => app.close();
});
