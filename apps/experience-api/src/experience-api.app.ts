import type { INestApplication } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { printSchema } from 'graphql';
import { type AppLogger, createApp, createLogger, HttpMetrics } from '@concord/platform';
import { type ExperienceApiConfig } from './experience-api.config';
import { ExperienceApiModule } from './experience-api.module';

export async function createExperienceApi(config: ExperienceApiConfig, logger?: AppLogger): Promise<NestFastifyApplication> {
  const appLogger = logger ?? createLogger({ app: 'experience-api', level: config.LOG_LEVEL });
  config.resolveAuthDefaults();
  const metrics = new HttpMetrics('experience-api');
  return createApp(ExperienceApiModule.register(config, appLogger, metrics), { config, logger: appLogger, metrics });
}

/** The code-first schema as SDL, exactly as served (published as openapi/experience.graphql). */
export function renderGraphqlSchema(app: INestApplication): string {
  return `${printSchema(app.get(GraphQLSchemaHost).schema)}\n`;
}
