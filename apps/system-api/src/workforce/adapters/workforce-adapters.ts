import {
  SandboxSchedulingAdapter,
  SandboxWorkforceAdapter,
  type SchedulingPort,
  ScimWorkforceAdapter,
  type WorkforcePort,
} from '@concord/connectors/workforce';
import type { SystemApiConfig } from '../../system-api.config';

/** Outbound limits of the HR side (the HR system and its scheduling). */
function outbound(config: SystemApiConfig) {
  return {
    timeoutMs: config.DOWNSTREAM_TIMEOUT_MS,
    limits: {
      ratePerSecond: config.WORKFORCE_RATE_PER_SECOND,
      concurrency: config.WORKFORCE_CONCURRENCY,
      retries: config.WORKFORCE_RETRIES,
      breakerThreshold: 5,
      halfOpenAfterMs: 10_000,
    },
  };
}

/** The HR adapter the configuration names (WORKFORCE_ADAPTER), with the HR system's outbound limits. */
export function createWorkforcePort(config: SystemApiConfig): WorkforcePort {
  const options = outbound(config);
  switch (config.WORKFORCE_ADAPTER) {
    case 'sandbox':
      return new SandboxWorkforceAdapter({ ...options, baseUrl: config.WORKFORCE_BASE_URL.replace(/\/+$/, '') });
    case 'scim':
      return new ScimWorkforceAdapter({ ...options, baseUrl: config.WORKFORCE_SCIM_BASE_URL.replace(/\/+$/, '') });
  }
}

/**
 * The staff-scheduling adapter: the sandbox's scheduling API, next to its HR REST API
 * (WORKFORCE_BASE_URL) whichever protocol employees are read with.
 */
export function createSchedulingPort(config: SystemApiConfig): SchedulingPort {
  return new SandboxSchedulingAdapter({ ...outbound(config), baseUrl: config.WORKFORCE_BASE_URL.replace(/\/+$/, '') });
}
