import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { ExecutionResult } from 'graphql';
import { type AppLogger, type HttpMetrics, PlatformModule } from '@concord/platform';
import { BillingGraphModule } from './billing/billing-graph.module';
import { ExperienceApiConfig } from './experience-api.config';
import { DEFAULT_PAGE_SIZE } from './graphql/connection';
import { depthLimitRule } from './graphql/depth-limit.rule';
import { formatGraphqlError, formattedOf } from './graphql/graphql-error.format';
import { allowListPlugin, costLimitPlugin } from './graphql/graphql-limits.plugin';
import { loadAllowList } from './graphql/operations-manifest';
import { connectionAuthorization, graphqlContext } from './graphql/subscription-context';
import { OperationsGraphModule } from './operations/operations-graph.module';
import { PatientsModule } from './patients/patients.module';
import { SupplyGraphModule } from './supply/supply-graph.module';
import { WorkforceGraphModule } from './workforce/workforce-graph.module';

@Module({})
export class ExperienceApiModule {
  static register(config: ExperienceApiConfig, logger: AppLogger, metrics: HttpMetrics): DynamicModule {
    const allowList = config.GRAPHQL_OPERATIONS_MODE === 'allow-list' ? loadAllowList(config.GRAPHQL_OPERATIONS_FILE) : undefined;
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
          dependencies: [
            { name: 'process-api', liveUrl: `${config.PROCESS_API_URL}/health/live` },
            { name: 'system-api', liveUrl: `${config.SYSTEM_API_URL}/health/live` },
          ],
        }),
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          path: '/graphql',
          autoSchemaFile: true,
          sortSchema: true,
          introspection: config.GRAPHQL_INTROSPECTION ?? !config.isProduction,
          graphiql: config.GRAPHQL_SANDBOX_UI ?? !config.isProduction,
          includeStacktraceInErrorResponses: false,
          // Guards (scopes, patient context) run on field resolvers too: authorisation is per field.
          fieldResolverEnhancers: ['guards', 'filters'],
          validationRules: [depthLimitRule(config.GRAPHQL_MAX_DEPTH)],
          plugins: [
            costLimitPlugin(config.GRAPHQL_MAX_COST, DEFAULT_PAGE_SIZE, config.GRAPHQL_COST_PER_RATE_UNIT),
            ...(allowList ? [allowListPlugin(allowList)] : []),
          ],
          // APQ: open mode learns operations by hash; allow-list mode knows only the registered ones.
          persistedQueries: allowList ? { cache: allowList.asPersistedQueryCache() } : {},
          formatError: formatGraphqlError,
          // The reply lets guards set RateLimit headers on GraphQL answers too; loaders live for one request.
          context: graphqlContext,
          subscriptions: {
            'graphql-ws': {
              path: '/graphql',
              // Authenticated at connection time: no token, no socket; guards verify it on every subscription.
              onConnect: (ctx: { connectionParams?: Readonly<Record<string, unknown>> }) =>
                connectionAuthorization(ctx.connectionParams) !== undefined,
              // Subscription results skip Apollo's formatError: the same error shape is applied here.
              onNext: (_ctx: unknown, _id: unknown, _payload: unknown, _args: unknown, result: ExecutionResult) =>
                result.errors
                  ? // The JSON form is what goes on the wire; graphql-ws sends it as it is.
                    {
                      ...result,
                      errors: result.errors.map((error) => formatGraphqlError(formattedOf(error))),
                    }
                  : result,
            },
          },
        }),
        PatientsModule,
        BillingGraphModule,
        OperationsGraphModule,
        SupplyGraphModule,
        WorkforceGraphModule,
      ],
    };
  }
}
