import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import cds, { type Service } from '@sap/cds';
import { S4_SERVICE_PATHS, type S4ServiceName } from '../../../libs/connectors/src/odata/s4hana/s4-services';
import { parseScaledDecimal } from '../../../libs/connectors/src/odata/decimal-amount';
import { AuthGuard, type S4AuthOptions } from './http/auth-guard';
import { CsrfGuard } from './http/csrf-guard';
import { FaultSwitch, type RateLimitOptions } from './http/fault-switch';
import type { Middleware } from './http/middleware';
import { RequestLog } from './http/request-log';
import { NumberRanges } from './rules/number-ranges';
import { registerRules } from './rules/register-rules';
import type { RuleContext } from './rules/settings';
import { SCENARIO_DATA } from './seed/scenario-data';

export interface S4ODataServerOptions {
  /** Server-driven page size of every collection (default 50). */
  pageSize?: number;
  /** Require an SAP-style CSRF token on modifying requests (default true). */
  csrf?: boolean;
  /** Require basic and/or bearer credentials (default: none). */
  auth?: S4AuthOptions;
  /** Answer 429 + Retry-After above this many requests per second (default: no limit). */
  rateLimit?: RateLimitOptions;
  /** Upward price tolerance of the 3-way match, a decimal percentage (default "2.00"). */
  priceTolerancePercent?: string;
  /** Requisitions above this total need a release (default "10000.00"). */
  requisitionReleaseThreshold?: string;
  /** Seed SCENARIOS.md's reference data (default true). */
  seed?: boolean;
  /** SQLite file; default in memory. */
  databaseFile?: string;
  /** Today's date for default posting dates (default: the real UTC date). */
  today?: () => string;
}

export interface S4ODataServer {
  /** http://127.0.0.1:<port> */
  url: string;
  /** Full service root of every API. */
  services: Record<S4ServiceName, string>;
  /** Every request received, in order. */
  requests: RequestLog;
  /** Inject 429/5xx answers or delays; set or lift the rate limit. */
  faults: FaultSwitch;
  /** Expire CSRF tokens; count issued ones. Undefined when CSRF is off. */
  csrf?: CsrfGuard;
  /** Rotate accepted bearer tokens. Undefined without auth. */
  auth?: AuthGuard;
  close(): Promise<void>;
}

const MODEL = join(__dirname, 'model', 'services.cds');
let running = false;

/**
 * Starts an S/4HANA-like OData v4 server (SAP CAP on SQLite) on 127.0.0.1 and a free port, seeded
 * with the demo hospital's ERP data. CAP keeps one model and one database per process, so one server
 * runs at a time in a process; close it before starting another.
 */
export async function startS4ODataServer(options: S4ODataServerOptions = {}): Promise<S4ODataServer> {
  if (running) throw new Error('An S/4 OData server is already running in this process (CAP holds one model and database per process)');
  running = true;
  try {
    return await start(options);
  } catch (error) {
    running = false;
    await resetCds();
    throw error;
  }
}

async function start(options: S4ODataServerOptions): Promise<S4ODataServer> {
  // Decimals as strings in JSON (IEEE754Compatible), as S/4 sends them; CAP's own auth off (guards below).
  cds.env.features.ieee754compatible = true;
  cds.env.requires.auth = { kind: 'dummy' };
  cds.env.requires.db = { kind: 'sqlite', credentials: { url: options.databaseFile ?? ':memory:' } };
  Object.assign(cds.env.log.levels, {
    cds: 'error',
    odata: 'error',
    serve: 'error',
    deploy: 'error',
    sqlite: 'error',
    error: 'silent',
    db: 'error',
  });

  const csn = await cds.load(MODEL);
  for (const definition of Object.values(csn.definitions)) {
    if (definition.kind !== 'service') continue;
    definition['@cds.query.limit.default'] = options.pageSize ?? 50;
    definition['@cds.query.limit.max'] = 1_000;
  }
  // Must precede cds.connect: without the compiled model OData requests hang (STACK.md).
  cds.model = cds.compile.for.nodejs(csn);
  const db = await cds.connect.to('db');
  await cds.deploy(cds.model).to(db);
  if (options.seed !== false)
    for (const [table, rows] of Object.entries(SCENARIO_DATA)) await cds.run(cds.ql.INSERT.into(table).entries(...rows.map(withETag)));

  const context: RuleContext = {
    numbers: new NumberRanges(),
    priceToleranceBasisPoints: parseScaledDecimal(options.priceTolerancePercent ?? '2.00', 2, 'priceTolerancePercent'),
    releaseThresholdCents: parseScaledDecimal(options.requisitionReleaseThreshold ?? '10000.00', 2, 'requisitionReleaseThreshold'),
    today: options.today ?? (() => new Date().toISOString().slice(0, 10)),
  };
  // CAP serves through express; take the copy CAP itself depends on.
  const express = createRequire(require.resolve('@sap/cds'))('express') as () => ExpressApp;
  const app = express();
  const requests = new RequestLog();
  const faults = new FaultSwitch(options.rateLimit);
  const auth = options.auth ? new AuthGuard(options.auth) : undefined;
  const csrf = options.csrf === false ? undefined : new CsrfGuard();
  app.use(requests.middleware);
  app.use(faults.middleware);
  if (auth) app.use(auth.middleware);
  if (csrf) app.use(csrf.middleware);
  await cds
    .serve('all')
    .with((service: Service) => registerRules(service, context))
    .in(app);

  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const services = Object.fromEntries(Object.entries(S4_SERVICE_PATHS).map(([name, path]) => [name, `${url}${path}`])) as Record<
    S4ServiceName,
    string
  >;
  return { url, services, requests, faults, csrf, auth, close: () => stop(server) };
}

type ExpressApp = RequestListener & { use(middleware: Middleware): void };

function withETag(row: Record<string, unknown>): Record<string, unknown> {
  return { ETag: cds.utils.uuid(), ...row };
}

async function stop(server: Server): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
  await resetCds();
  running = false;
}

/** Forgets the database and served services so the next start begins from nothing. */
async function resetCds(): Promise<void> {
  await cds.db?.disconnect();
  for (const name of Object.keys(cds.services)) delete cds.services[name];
  cds.db = undefined;
  cds.model = undefined;
}
