import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import type { AppLogger } from '@concord/platform';
import { FHIR_BASE_PATH, registerFhirServer } from './ehr/fhir-server';

/**
 * Reference core systems for the embedded profile and the tests. They speak the hospital
 * systems' real protocols (FHIR R4 today; HL7 v2, X12 and ERP APIs as those issues land) so the
 * same connectors run against the sandbox and against production endpoints.
 */
export async function createSandbox(logger: AppLogger): Promise<FastifyInstance> {
  const app = Fastify({ loggerInstance: logger as FastifyBaseLogger, logController: new LogController({ disableRequestLogging: true }) });
  app.get('/health/live', async () => ({ status: 'up', app: 'sandbox', checks: [] }));
  await registerFhirServer(app);
  await app.ready();
  return app;
}

export const SANDBOX_PATHS = { fhir: FHIR_BASE_PATH };
