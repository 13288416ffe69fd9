import type { Provider } from '@nestjs/common';
import { createSystemApiClient, DownstreamTokens, type SystemApiClient } from '@concord/clients';
import { ExperienceApiConfig } from './experience-api.config';

/** DI token of the generated system-api client. */
export const SYSTEM_API = Symbol('concord:system-api-client');
export type { SystemApiClient };

export const systemApiClientProvider: Provider = {
  provide: SYSTEM_API,
  inject: [ExperienceApiConfig],
  useFactory: (config: ExperienceApiConfig) =>
    createSystemApiClient({
      baseUrl: config.SYSTEM_API_URL,
      timeoutMs: config.DOWNSTREAM_TIMEOUT_MS,
      tokens: new DownstreamTokens({
        tokenUrl: config.AUTH_TOKEN_URL!,
        clientId: config.AUTH_CLIENT_ID,
        clientSecret: config.AUTH_CLIENT_SECRET,
        timeoutMs: config.DOWNSTREAM_TIMEOUT_MS,
        relay: config.AUTH_DOWNSTREAM_MODE === 'relay',
      }),
    }),
};
