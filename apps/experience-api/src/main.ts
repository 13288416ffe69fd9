import 'reflect-metadata';
import { loadConfig, runMain } from '@concord/platform';
import { createExperienceApi } from './experience-api.app';
import { ExperienceApiConfig } from './experience-api.config';

runMain('experience-api', async () => {
  const config = loadConfig(ExperienceApiConfig);
  const app = await createExperienceApi(config);
  await app.listen({ port: config.EXPERIENCE_API_PORT, host: config.HOST });
  return () => app.close();
});
