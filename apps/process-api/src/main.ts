import 'reflect-metadata';
import { loadConfig, runMain } from '@concord/platform';
import { createProcessApi } from './process-api.app';
import { ProcessApiConfig } from './process-api.config';

runMain('process-api', async () => {
  const config = loadConfig(ProcessApiConfig);
  const app = await createProcessApi(config);
  await app.listen({ port: config.PROCESS_API_PORT, host: config.HOST });
  return () => app.close();
});
