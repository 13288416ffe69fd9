/**
 * `npm start`: runs the sandbox core systems and the three layers on the embedded profile, each as
 * its own process, waits until all answer, prints where to look, and stops them all on Ctrl-C.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');
const env = process.env;
const host = env.HOST ?? '127.0.0.1';
const port = (name: string, fallback: number) => Number(env[name] ?? fallback);
const ports = {
  sandbox: port('SANDBOX_PORT', 4000),
  system: port('SYSTEM_API_PORT', 3001),
  process: port('PROCESS_API_PORT', 3002),
  experience: port('EXPERIENCE_API_PORT', 3000),
};
const url = (p: number) => `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${p}`;
const urls = {
  sandbox: url(ports.sandbox),
  fhir: env.EHR_FHIR_BASE_URL ?? `${url(ports.sandbox)}/ehr/fhir/R4`,
  erp: env.ERP_BASE_URL ?? `${url(ports.sandbox)}/erp/api/v1`,
  hr: env.WORKFORCE_BASE_URL ?? `${url(ports.sandbox)}/hr/api/v1`,
  scim: env.WORKFORCE_SCIM_BASE_URL ?? `${url(ports.sandbox)}/hr/scim/v2`,
  billing: env.BILLING_API_BASE_URL ?? `${url(ports.sandbox)}/billing/api/v1`,
  clearinghouse: env.BILLING_CLEARINGHOUSE_REALTIME_URL ?? `${url(ports.sandbox)}/clearinghouse/api/v1/realtime`,
  system: env.SYSTEM_API_URL ?? url(ports.system),
  process: env.PROCESS_API_URL ?? url(ports.process),
  experience: url(ports.experience),
};
const dataDir = resolve(env.DATA_DIR ?? join(root, 'data'));
const logDir = join(dataDir, 'logs');

interface Service {
  name: string;
  entry: string;
  /** Liveness URLs of what the process serves; all must answer before the next process starts. */
  live: string[];
  env: Record<string, string>;
}

const layerEnv = {
  EHR_FHIR_BASE_URL: urls.fhir,
  ERP_BASE_URL: urls.erp,
  WORKFORCE_BASE_URL: urls.hr,
  WORKFORCE_SCIM_BASE_URL: urls.scim,
  BILLING_API_BASE_URL: urls.billing,
  BILLING_CLEARINGHOUSE_REALTIME_URL: urls.clearinghouse,
  SYSTEM_API_URL: urls.system,
  PROCESS_API_URL: urls.process,
  // The HL7 v2 listener is off unless MLLP_PORT is set; the launcher turns it on at the conventional port.
  MLLP_PORT: env.MLLP_PORT ?? '2575',
  // The sandbox drop folder: a chargemaster CSV saved into $DATA_DIR/files/chargemaster is applied to billing.
  FILES_SOURCE: env.FILES_SOURCE ?? 'folder',
};
const live = (base: string) => `${base}/health/live`;
// Embedded profile: the three layers share one process and its in-process event transport. With NATS_URL
// set, events cross processes, so each layer runs on its own (as it would at scale).
const layers: Service[] = env.NATS_URL
  ? [
      { name: 'system-api', entry: 'apps/system-api/src/main.js', live: [live(urls.system)], env: layerEnv },
      { name: 'process-api', entry: 'apps/process-api/src/main.js', live: [live(urls.process)], env: layerEnv },
      { name: 'experience-api', entry: 'apps/experience-api/src/main.js', live: [live(urls.experience)], env: layerEnv },
    ]
  : [
      {
        name: 'concord',
        entry: 'scripts/embedded-layers.js',
        live: [live(urls.system), live(urls.process), live(urls.experience)],
        env: layerEnv,
      },
    ];
// The sandbox EHR sends the demo HL7 v2 feed (scenarios 1 and 2) to system-api's MLLP listener once it is up.
const sandboxEnv = { SANDBOX_HL7_FEED_TARGET: env.SANDBOX_HL7_FEED_TARGET ?? `${host}:${layerEnv.MLLP_PORT}` };
const services: Service[] = [
  { name: 'sandbox', entry: 'apps/sandbox/src/main.js', live: [live(urls.sandbox)], env: sandboxEnv },
  ...layers,
];
const readiness = [urls.system, urls.process, urls.experience].map((base, index) => ({
  name: ['system-api', 'process-api', 'experience-api'][index],
  url: `${base}/health/ready`,
}));

const running: { service: Service; child: ChildProcess; exited: Promise<number | null> }[] = [];
let stopping = false;

async function main(): Promise<void> {
  mkdirSync(logDir, { recursive: true });
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  process.stdout.write(
    env.NATS_URL
      ? `Starting Concord (events on NATS JetStream; ${env.DATABASE_URL ? 'PostgreSQL' : `SQLite in ${dataDir}`})…\n`
      : `Starting Concord (embedded profile: SQLite in ${dataDir}, in-process events)…\n`,
  );
  for (const service of services) {
    const log = join(logDir, `${service.name}.log`);
    const out = createWriteStream(log, { flags: 'a' });
    const child = spawn(process.execPath, [join(root, 'dist', service.entry)], {
      cwd: root,
      // One issuer name for every layer: system-api's own URL unless an external IdP is configured.
      env: { ...env, DATA_DIR: dataDir, HOST: host, AUTH_ISSUER: env.AUTH_ISSUER ?? urls.system, ...service.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(out);
    child.stderr?.on('data', (chunk: Buffer) => {
      out.write(chunk);
      process.stderr.write(chunk);
    });
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    running.push({ service, child, exited });
    void exited.then((code) => {
      if (!stopping) {
        process.stderr.write(`\n${service.name} exited (code ${code}); see ${log}\n`);
        void stopAll(1);
      }
    });
    await waitUntilLive(service);
    process.stdout.write(`  ✓ ${service.name} is up\n`);
  }
  const ready = await Promise.all(readiness.map(async (r) => [r.name, (await fetch(r.url)).status === 200] as const));
  printBanner(ready);
}

async function waitUntilLive(service: Service): Promise<void> {
  const deadline = Date.now() + 120_000;
  const pending = [...service.live];
  while (Date.now() < deadline && !stopping) {
    try {
      if ((await fetch(pending[0], { signal: AbortSignal.timeout(1_000) })).ok) pending.shift();
      if (!pending.length) return;
      continue;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  if (!stopping) throw new Error(`${service.name} did not come up within 120 s; see ${join(logDir, `${service.name}.log`)}`);
}

async function stopAll(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  process.stdout.write('\nStopping Concord…\n');
  for (const { child } of [...running].reverse()) if (child.exitCode === null) child.kill('SIGTERM');
  const timeout = setTimeout(() => running.forEach(({ child }) => child.exitCode === null && child.kill('SIGKILL')), 10_000);
  await Promise.all(running.map((r) => r.exited));
  clearTimeout(timeout);
  process.stdout.write('Stopped.\n');
  process.exit(code);
}

interface DemoClient {
  clientId: string;
  secret?: string;
  scopes: string[];
  tier: string;
  patientId?: string;
  mayDelegate?: boolean;
}

function demoClients(): DemoClient[] {
  try {
    const file = resolve(root, env.AUTH_CLIENTS_FILE ?? 'config/demo-clients.json');
    return (JSON.parse(readFileSync(file, 'utf8')) as DemoClient[]).filter((c) => !c.mayDelegate && c.secret);
  } catch {
    return [];
  }
}

function printBanner(ready: (readonly [string, boolean])[]): void {
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const status = ready.map(([name, ok]) => `${name} ${ok ? 'ready' : 'NOT READY (see /health/ready)'}`).join(' · ');
  const patient = 'avery-quinn';
  const clients = demoClients();
  const width = Math.max(...clients.map((c) => c.clientId.length), 9);
  const clientLines = clients.length
    ? clients
        .map(
          (c) =>
            `  ${c.clientId.padEnd(width)}  ${c.secret!.padEnd(22)}  ${c.tier.padEnd(6)}  ${c.scopes.join(' ')}${c.patientId ? `  (bound to patient ${c.patientId})` : ''}`,
        )
        .join('\n')
    : '  (none: the client registry was not seeded from a file)';
  const row = (label: string, value: string, note = '') => `  ${label.padEnd(26)}${value.padEnd(46)}${note}`;
  process.stdout.write(`
Concord ${version} is running — ${status}

${row('Experience API (GraphQL)', `${urls.experience}/graphql`, 'POST { "query": "..." }')}
${row('Process API', `${urls.process}/docs`, `Swagger UI · OpenAPI JSON at /docs/openapi.json`)}
${row('System API', `${urls.system}/docs`, `Swagger UI · OpenAPI JSON at /docs/openapi.json`)}
${row('OAuth2 token endpoint', `${urls.system}/oauth2/token`, 'SMART config at /.well-known/smart-configuration')}
${row('Sandbox EHR (FHIR R4)', urls.fhir)}
${row('Health', '/health/live and /health/ready on each layer', 'Prometheus at /metrics')}

Demo clients (client_credentials; secrets are for the sandbox only):
  ${'client'.padEnd(width)}  ${'secret'.padEnd(22)}  ${'tier'.padEnd(6)}  scopes
${clientLines}

Try the vertical slice:
  TOKEN=$(curl -s -u ops-console:operator-demo-secret -d grant_type=client_credentials ${urls.system}/oauth2/token \\
          | sed -E 's/.*"access_token":"([^"]+)".*/\\1/')
  curl -H "Authorization: Bearer $TOKEN" ${urls.system}/ehr/v1/patients/${patient}
  curl -H "Authorization: Bearer $TOKEN" ${urls.process}/v1/patients/${patient}/summary
  curl -H "Authorization: Bearer $TOKEN" ${urls.experience}/graphql -H 'content-type: application/json' \\
       -d '{"query":"{ patient(id: \\"${patient}\\") { displayName mrn ageYears possibleDuplicates { id } } }"}'

Logs: ${logDir}/*.log (JSON, PHI redacted) · Stop: Ctrl-C
`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  void stopAll(1);
});
