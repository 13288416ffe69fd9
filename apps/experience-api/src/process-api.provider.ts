import type { Provider } from '@nestjs/common';
import { createProcessApiClient, DownstreamTokens, type ProcessApiClient } from '@concord/clients';
import { ExperienceApiConfig } from './experience-api.config';

/** DI token of the generated process-api client. */
export const PROCESS_API = Symbol('concord:process-api-client');
export type { ProcessApiClient };

export const processApiClientProvider: Provider = {
  provide: PROCESS_API,
  inject: [ExperienceApiConfig],
  useFactory: (config: ExperienceApiConfig) =>
    createProcessApiClient({
      baseUrl: config.PROCESS_API_URL,
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
