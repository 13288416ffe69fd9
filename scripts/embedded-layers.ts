/**
 * The embedded profile's Concord process: system-api, process-api and experience-api in one Node
 * process, each on its own port and talking to the others over real HTTP, sharing one in-process
 * event transport (ARCHITECTURE §7). `npm start` runs it beside the sandbox; with NATS_URL set the
 * launcher runs each app as its own process instead.
 */
import 'reflect-metadata';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { InProcessTransport } from '@concord/events';
import { createLogger, loadConfig, runMain } from '@concord/platform';
import { createExperienceApi } from '../apps/experience-api/src/experience-api.app';
import { ExperienceApiConfig } from '../apps/experience-api/src/experience-api.config';
import { createProcessApi } from '../apps/process-api/src/process-api.app';
import { ProcessApiConfig } from '../apps/process-api/src/process-api.config';
import { createSystemApi } from '../apps/system-api/src/system-api.app';
import { SystemApiConfig } from '../apps/system-api/src/system-api.config';

runMain('concord', async () => {
  const systemConfig = loadConfig(SystemApiConfig);
  const processConfig = loadConfig(ProcessApiConfig);
  const experienceConfig = loadConfig(ExperienceApiConfig);
  const logDir = resolve(systemConfig.DATA_DIR, 'logs');
  mkdirSync(logDir, { recursive: true });
  const logger = (app: string, level: string) =>
    createLogger({ app, level, destination: createWriteStream(join(logDir, `${app}.log`), { flags: 'a' }) });
  const transport = new InProcessTransport();
  const apps: NestFastifyApplication[] = [];
  const started = async (app: NestFastifyApplication, port: number, host: string) => {
    apps.push(app);
    await app.listen({ port, host });
  };
  await started(
    await createSystemApi(systemConfig, logger('system-api', systemConfig.LOG_LEVEL), { eventTransport: transport }),
    systemConfig.SYSTEM_API_PORT,
    systemConfig.HOST,
  );
  await started(
    await createProcessApi(processConfig, logger('process-api', processConfig.LOG_LEVEL), { eventTransport: transport }),
    processConfig.PROCESS_API_PORT,
    processConfig.HOST,
  );
  await started(
    await createExperienceApi(experienceConfig, logger('experience-api', experienceConfig.LOG_LEVEL)),
    experienceConfig.EXPERIENCE_API_PORT,
    experienceConfig.HOST,
  );
  // Every subscriber of the process is registered now: events may flow.
  transport.open();
  return async () => {
    for (const app of apps.reverse()) await app.close();
  };
});
