import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { IsHttpUrl, IsPort, ServiceClientConfig } from '@concord/platform';

export class ExperienceApiConfig extends ServiceClientConfig {
  override AUTH_CLIENT_ID = 'experience-api';
  override AUTH_CLIENT_SECRET = 'experience-api-demo-secret';

  @IsPort()
  EXPERIENCE_API_PORT: number = 3000;

  /** Base URL of process-api, which experience-api composes its graph from. */
  @IsHttpUrl()
  PROCESS_API_URL: string = 'http://127.0.0.1:3002';

  /** Whether the schema can be introspected; unset, it is on except when NODE_ENV=production. */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'GRAPHQL_INTROSPECTION must be true or false' })
  GRAPHQL_INTROSPECTION?: boolean;

  /** Whether GET /graphql serves the GraphiQL sandbox; unset, it is on except when NODE_ENV=production. */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'GRAPHQL_SANDBOX_UI must be true or false' })
  GRAPHQL_SANDBOX_UI?: boolean;

  /** Highest cost (fields, counted once per item of each requested page) an operation may have. */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(1_000_000)
  GRAPHQL_MAX_COST: number = 20_000;

  /**
   * Cost points per throttle unit (a REST call is one unit): an operation is charged its cost divided by
   * this, rounded up. The default makes the costliest allowed operation (GRAPHQL_MAX_COST) one gold-tier burst.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  GRAPHQL_COST_PER_RATE_UNIT: number = 200;

  /**
   * `open`: any valid operation runs, and clients may register operations by hash (APQ).
   * `allow-list`: only the operations in GRAPHQL_OPERATIONS_FILE run (in full or by hash); the production setting.
   */
  @IsIn(['open', 'allow-list'])
  GRAPHQL_OPERATIONS_MODE: 'open' | 'allow-list' = 'open';

  /** JSON file listing the registered operations: `{ "operations": [{ "name": "...", "query": "..." }] }`. */
  @IsOptional()
  @IsString()
  GRAPHQL_OPERATIONS_FILE?: string;

  /** How often a flow subscription reads the flow from process-api. */
  @Type(() => Number)
  @IsInt()
  @Min(50)
  @Max(60_000)
  GRAPHQL_SUBSCRIPTION_POLL_MS: number = 1000;

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }

  /** Deepest selection nesting a query may have (15 admits the standard introspection query). */
  @Type(() => Number)
  @IsInt()
  @Min(2)
  @Max(50)
  GRAPHQL_MAX_DEPTH: number = 15;
}
