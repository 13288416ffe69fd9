import { SandboxWorkforceAdapter, ScimWorkforceAdapter, type WorkforcePort } from '@concord/connectors/workforce';
import type { SystemApiConfig } from '../../system-api.config';

/** The HR adapter the configuration names (WORKFORCE_ADAPTER), with the HR system's outbound limits. */
export function createWorkforcePort(config: SystemApiConfig): WorkforcePort {
  const options = {
    timeoutMs: config.DOWNSTREAM_TIMEOUT_MS,
    limits: {
      ratePerSecond: config.WORKFORCE_RATE_PER_SECOND,
      concurrency: config.WORKFORCE_CONCURRENCY,
      retries: config.WORKFORCE_RETRIES,
      breakerThreshold: 5,
      halfOpenAfterMs: 10_000,
    },
  };
  switch (config.WORKFORCE_ADAPTER) {
    case 'sandbox':
      return new SandboxWorkforceAdapter({ ...options, baseUrl: config.WORKFORCE_BASE_URL.replace(/\/+$/, '') });
    case 'scim':
      return new ScimWorkforceAdapter({ ...options, baseUrl: config.WORKFORCE_SCIM_BASE_URL.replace(/\/+$/, '') });
  }
}
