import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { createLogger, loadConfig } from '@concord/platform';
import type { EventContract } from '@concord/contracts';
import { InProcessTransport } from '@concord/events';
import { LogCapture, TestDatabase } from '@concord/testing';
import { NATS_TEST_URL, natsPrefixOf, removeTestStreams } from './event-backbone-harness';
import { createExperienceApi } from '../../apps/experience-api/src/experience-api.app';
import { ExperienceApiConfig } from '../../apps/experience-api/src/experience-api.config';
import type { FlowDefinition } from '../../apps/process-api/src/engine/flow-definition';
import { createProcessApi } from '../../apps/process-api/src/process-api.app';
import { ProcessApiConfig } from '../../apps/process-api/src/process-api.config';
import { createSandbox, SANDBOX_PATHS, type SandboxOptions } from '../../apps/sandbox/src/sandbox';
import { createSystemApi } from '../../apps/system-api/src/system-api.app';
import { SystemApiConfig } from '../../apps/system-api/src/system-api.config';

export interface Stack {
  sandbox: FastifyInstance;
  systemApi: NestFastifyApplication;
  processApi: NestFastifyApplication;
  experienceApi: NestFastifyApplication;
  urls: { sandbox: string; fhir: string; systemApi: string; processApi: string; experienceApi: string };
  /** Every log line of the four processes. */
  logs: LogCapture;
  database: TestDatabase;
  /** A fresh access token of a demo client (config/demo-clients.json), optionally narrowed to `scope`. */
  token(clientId: DemoClientId, scope?: string): Promise<string>;
  /** `{ authorization: 'Bearer …' }` for a demo client. */
  auth(clientId: DemoClientId, scope?: string): Promise<Record<string, string>>;
  close(): Promise<void>;
}

export const DEMO_SECRETS = {
  'portal-web': 'portal-demo-secret',
  'partner-acme': 'acme-demo-secret',
  'ops-console': 'operator-demo-secret',
  'ops-supervisor': 'supervisor-demo-secret',
  'compliance-auditor': 'auditor-demo-secret',
  'process-api': 'process-api-demo-secret',
  'experience-api': 'experience-api-demo-secret',
} as const;
export type DemoClientId = keyof typeof DEMO_SECRETS;

/** client_credentials with client_secret_basic against system-api's token endpoint. */
export async function requestToken(systemApiUrl: string, clientId: DemoClientId, scope?: string): Promise<string> {
  const response = await fetch(`${systemApiUrl}/oauth2/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:${DEMO_SECRETS[clientId]}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', ...(scope ? { scope } : {}) }).toString(),
  });
  const body = await response.json();
  if (!response.ok) throw new Error(`token request for ${clientId} failed: ${JSON.stringify(body)}`);
  return body.access_token as string;
}

export interface StackOptions {
  /** Extra environment for every layer (e.g. CORS_ORIGINS). */
  env?: Record<string, string>;
  /** Flow definitions process-api runs besides its own (engine tests). */
  processFlows?: FlowDefinition<object>[];
  /** Event types system-api and process-api know besides the catalog's (tests). */
  events?: EventContract[];
  /** Options of the sandbox core systems (e.g. the ERP's API quota, the clearinghouse's exchange folder). */
  sandbox?: SandboxOptions;
}

/**
 * Boots the sandbox and the three layers in this process, each on its own free loopback port and
 * talking to the next over real HTTP, on the profile the suite runs (SQLite or PostgreSQL).
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const logs = new LogCapture();
  const database = new TestDatabase();
  const logger = (app: string) => createLogger({ app, level: 'info', destination: logs });
  const env = (app: string, extra: Record<string, string>) => ({
    LOG_LEVEL: 'info',
    NODE_ENV: 'test',
    ...database.envFor(app),
    ...options.env,
    ...extra,
  });

  // Embedded: the three layers share one in-process transport, as in `npm start`. Scale: each app opens
  // its own NATS JetStream connection, on streams private to this run.
  const sharedTransport = database.profile === 'embedded' ? new InProcessTransport() : undefined;
  const natsEnv: Record<string, string> = sharedTransport ? {} : { NATS_URL: NATS_TEST_URL, NATS_STREAM_PREFIX: natsPrefixOf(database) };
  const sandbox = await createSandbox(logger('sandbox'), options.sandbox);
  const sandboxUrl = await sandbox.listen({ port: 0, host: '127.0.0.1' });
  const fhir = `${sandboxUrl}${SANDBOX_PATHS.fhir}`;

  const systemApi = await createSystemApi(
    loadConfig(
      SystemApiConfig,
      env('system-api', {
        EHR_FHIR_BASE_URL: fhir,
        ERP_BASE_URL: `${sandboxUrl}${SANDBOX_PATHS.erp}`,
        WORKFORCE_BASE_URL: `${sandboxUrl}${SANDBOX_PATHS.hr}`,
        WORKFORCE_SCIM_BASE_URL: `${sandboxUrl}${SANDBOX_PATHS.scim}`,
        BILLING_API_BASE_URL: `${sandboxUrl}${SANDBOX_PATHS.billing}`,
        BILLING_CLEARINGHOUSE_REALTIME_URL: `${sandboxUrl}${SANDBOX_PATHS.clearinghouse}/realtime`,
        ...natsEnv,
        ...options.env,
      }),
    ),
    logger('system-api'),
    { eventTransport: sharedTransport, extraEvents: options.events },
  );
  const systemApiUrl = await listen(systemApi);
  const processApi = await createProcessApi(
    loadConfig(
      ProcessApiConfig,
      env('process-api', {
        SYSTEM_API_URL: systemApiUrl,
        ...natsEnv,
        // No wall-clock schedules in tests (a month-end close would start on the 1st); tests tick by hand.
        FLOW_SCHEDULER_INTERVAL_MS: options.env?.FLOW_SCHEDULER_INTERVAL_MS ?? '0',
      }),
    ),
    logger('process-api'),
    { eventTransport: sharedTransport, extraFlows: options.processFlows, extraEvents: options.events },
  );
  const processApiUrl = await listen(processApi);
  const experienceApi = await createExperienceApi(
    loadConfig(ExperienceApiConfig, env('experience-api', { PROCESS_API_URL: processApiUrl, SYSTEM_API_URL: systemApiUrl })),
    logger('experience-api'),
  );
  const experienceApiUrl = await listen(experienceApi);
  sharedTransport?.open();

  return {
    sandbox,
    systemApi,
    processApi,
    experienceApi,
    urls: { sandbox: sandboxUrl, fhir, systemApi: systemApiUrl, processApi: processApiUrl, experienceApi: experienceApiUrl },
    logs,
    database,
    token: (clientId, scope) => requestToken(systemApiUrl, clientId, scope),
    async auth(clientId, scope) {
      return { authorization: `Bearer ${await requestToken(systemApiUrl, clientId, scope)}` };
    },
    async close() {
      await experienceApi.close();
      await processApi.close();
      await systemApi.close();
      await sandbox.close();
      await removeTestStreams(database);
      await database.dispose();
    },
  };
}

async function listen(app: NestFastifyApplication): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${address.port}`;
}

/** POSTs a GraphQL operation and returns the parsed body with the HTTP status. */
export async function graphql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: { data?: T | null; errors?: { message: string; extensions?: Record<string, unknown> }[] } }> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as never };
}
