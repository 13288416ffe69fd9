import { join } from 'node:path';
import { createLogger, loadConfig, runMain } from '@concord/platform';
import { SandboxConfig } from './sandbox.config';
import { createSandbox, SANDBOX_PATHS } from './sandbox';
import { runHl7Feed } from './ehr/hl7-feed';

runMain('sandbox', async () => {
  const config = loadConfig(SandboxConfig);
  const logger = createLogger({ app: 'sandbox', level: config.LOG_LEVEL });
  const app = await createSandbox(logger, {
    fhirQuotaPerSecond: config.SANDBOX_FHIR_QUOTA_PER_SECOND,
    erpQuotaPerSecond: config.SANDBOX_ERP_QUOTA_PER_SECOND,
    hrQuotaPerSecond: config.SANDBOX_HR_QUOTA_PER_SECOND,
    billingQuotaPerSecond: config.SANDBOX_BILLING_QUOTA_PER_SECOND,
    clearinghouse: {
      directory: config.SANDBOX_CLEARINGHOUSE_DIR ?? join(config.DATA_DIR, 'clearinghouse'),
      pollIntervalMs: config.SANDBOX_CLEARINGHOUSE_POLL_MS,
      settings: {
        ackDelayMs: config.SANDBOX_CLEARINGHOUSE_ACK_DELAY_MS,
        remitDelayMs: config.SANDBOX_CLEARINGHOUSE_REMIT_DELAY_MS,
        ackSnipLevel: config.SANDBOX_CLEARINGHOUSE_ACK_SNIP_LEVEL,
      },
    },
    dataDir: join(config.DATA_DIR, 'sandbox'),
    ehrAuth: { requireBearer: config.SANDBOX_EHR_REQUIRE_AUTH, keysDirectory: config.SANDBOX_EHR_JWKS_DIR },
  });
  const address = await app.listen({ port: config.SANDBOX_PORT, host: config.HOST });
  logger.info(
    {
      address,
      fhir: `${address}${SANDBOX_PATHS.fhir}`,
      erp: `${address}${SANDBOX_PATHS.erp}`,
      hr: `${address}${SANDBOX_PATHS.hr}`,
      scim: `${address}${SANDBOX_PATHS.scim}`,
      billing: `${address}${SANDBOX_PATHS.billing}`,
    },
    'sandbox core systems listening',
  );
  if (config.SANDBOX_HL7_FEED_TARGET) {
    // Concord starts after the sandbox: the feed waits for its listener, then sends the scenarios once.
    const [host, port] = config.SANDBOX_HL7_FEED_TARGET.split(':');
    runHl7Feed({ host, port: Number(port), intervalMs: config.SANDBOX_HL7_FEED_INTERVAL_MS, waitForReceiverMs: 300_000, logger }).then(
      (results) => logger.info({ messages: results.length }, 'HL7 v2 demo feed sent'),
      (error: unknown) => logger.warn({ error: error instanceof Error ? error.name : 'error' }, 'HL7 v2 demo feed stopped'),
    );
  }
  return () => app.close();
});
