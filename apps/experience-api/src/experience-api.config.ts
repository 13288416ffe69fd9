import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, Max, Min } from 'class-validator';
import { IsHttpUrl, IsPort, ServiceClientConfig } from '@concord/platform';

export class ExperienceApiConfig extends ServiceClientConfig {
  override AUTH_CLIENT_ID = 'experience-api';
  override AUTH_CLIENT_SECRET = 'experience-api-demo-secret';

  @IsPort()
  EXPERIENCE_API_PORT: number = 3000;

  /** Base URL of process-api, which experience-api composes its graph from. */
  @IsHttpUrl()
  PROCESS_API_URL: string = 'http://127.0.0.1:3002';

  /** Whether the schema can be introspected (tools like GraphiQL need it; turn off in production if wanted). */
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'GRAPHQL_INTROSPECTION must be true or false' })
  GRAPHQL_INTROSPECTION: boolean = true;

  /** Deepest selection nesting a query may have (15 admits the standard introspection query). */
  @Type(() => Number)
  @IsInt()
  @Min(2)
  @Max(50)
  GRAPHQL_MAX_DEPTH: number = 15;
}
