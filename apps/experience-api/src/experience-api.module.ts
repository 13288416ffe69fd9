import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AppLogger, type HttpMetrics, PlatformModule } from '@concord/platform';
import { ExperienceApiConfig } from './experience-api.config';
import { depthLimitRule } from './graphql/depth-limit.rule';
import { PatientsModule } from './patients/patients.module';

@Module({})
export class ExperienceApiModule {
  static register(config: ExperienceApiConfig, logger: AppLogger, metrics: HttpMetrics): DynamicModule {
    return {
      module: ExperienceApiModule,
      imports: [
        PlatformModule.forApp({
          app: 'experience-api',
          config,
          configClass: ExperienceApiConfig,
          logger,
          metrics,
          versions: [
            { api: 'graphql', version: 'v1', status: 'current', basePath: '/graphql' },
            { api: 'audit', version: 'v1', status: 'current', basePath: '/audit/v1' },
          ],
          dependencies: [{ name: 'process-api', liveUrl: `${config.PROCESS_API_URL}/health/live` }],
        }),
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          path: '/graphql',
          autoSchemaFile: true,
          sortSchema: true,
          introspection: config.GRAPHQL_INTROSPECTION,
          includeStacktraceInErrorResponses: false,
          validationRules: [depthLimitRule(config.GRAPHQL_MAX_DEPTH)],
          // The reply lets guards set RateLimit headers on GraphQL answers too.
          context: (request: FastifyRequest, reply: FastifyReply) => ({ req: request, reply }),
        }),
        PatientsModule,
      ],
    };
  }
}
