import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { AppLogger } from '@concord/platform';
import { RequestMeter } from '../ehr/request-meter';
import type { SandboxHr } from './domain/sandbox-hr';
import { SchedulingRoster } from './domain/scheduling-roster';
import { registerHrApi } from './http/hr-api';
import { openHrStore } from './persistence/hr-store';
import { registerScimApi } from './scim/scim-api';

export { HR_API_PATH } from './http/hr-api';
export { SCIM_BASE_PATH } from './scim/scim-api';

export interface HrSandboxOptions {
  /** Requests per second the HR APIs (REST and SCIM together) accept before answering 429 (0: unlimited). */
  quotaPerSecond?: number;
  /** Folder for the HR command log; in memory only when absent. */
  dataDir?: string;
  clock?: () => Date;
}

export interface HrSandbox {
  hr: SandboxHr;
  roster: SchedulingRoster;
  meter: RequestMeter;
}

/** Opens the reference HR system (replaying its log) and its staff scheduling, and serves their REST and SCIM APIs on the sandbox app. */
export async function registerHrSandbox(app: FastifyInstance, logger: AppLogger, options: HrSandboxOptions = {}): Promise<HrSandbox> {
  const store = openHrStore({ dataDir: options.dataDir, clock: options.clock, logger });
  app.addHook('onClose', (_instance, done) => {
    store.close();
    done();
  });
  const meter = new RequestMeter(options.quotaPerSecond ?? 0);
  const roster = new SchedulingRoster(options.dataDir ? join(options.dataDir, 'hr-scheduling.json') : undefined, options.clock);
  await registerHrApi(app, store.hr, meter, roster);
  await registerScimApi(app, store.hr, meter);
  return { hr: store.hr, roster, meter };
}
