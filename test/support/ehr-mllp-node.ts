/**
 * A system-api process for the MLLP crash test: the real app with its MLLP listener on a free port, printing
 * `mllp-port <n>` once it listens. The test sends a burst, kills it with SIGKILL and starts it again.
 *
 *   EHR_NODE_DB  JSON: system-api's database env (TestDatabase.envFor)
 */
import 'reflect-metadata';
import { createLogger, loadConfig } from '@concord/platform';
import { MllpListener } from '../../apps/system-api/src/ehr/messages/mllp-listener.service';
import { createSystemApi } from '../../apps/system-api/src/system-api.app';
import { SystemApiConfig } from '../../apps/system-api/src/system-api.config';

async function main(): Promise<void> {
  const config = loadConfig(SystemApiConfig, {
    ...(JSON.parse(process.env.EHR_NODE_DB ?? '{}') as Record<string, string>),
    LOG_LEVEL: 'warn',
    NODE_ENV: 'test',
    MLLP_PORT: '0',
    // Nothing here calls the EHR's FHIR API, the ERP or HR; their URLs point nowhere.
    EHR_FHIR_BASE_URL: 'http://127.0.0.1:9/fhir',
    ERP_MASTER_DATA_SYNC_INTERVAL_MS: '0',
    WORKFORCE_EXPIRY_CHECK_INTERVAL_MS: '0',
    BILLING_CLEARINGHOUSE_POLL_MS: '0',
  });
  const app = await createSystemApi(config, createLogger({ app: 'system-api', level: 'warn' }));
  await app.init();
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
  process.stdout.write(`mllp-port ${app.get(MllpListener).port}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
