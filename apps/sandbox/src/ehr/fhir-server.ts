import { join } from 'node:path';
import { badRequest, getStatus, normalizeOperationOutcome, OperationOutcomeError } from '@medplum/core';
import { FhirRouter, type FhirRequest, type HttpMethod } from '@medplum/fhir-router';
import type { Bundle, BundleLink, CapabilityStatement, OperationOutcome, Resource, ResourceType } from '@medplum/fhirtypes';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FhirMappingException } from '@concord/connectors/fhir';
import { type BundleLoadReport, loadTransactionBundle } from './bundle-loader';
import { indexFhirDefinitions } from './fhir-definitions';
import { FhirJsonFileStore } from './fhir-json-file.store';
import type { RequestMeter } from './request-meter';
import { SandboxFhirRepository } from './sandbox-fhir.repository';
import { indexSandboxSearchParameters, SANDBOX_SEARCH_PARAMETERS } from './sandbox-search-parameters';
import { SEED_DIRECTORY } from './seed-directory';
import { SEED_PATIENTS } from './seed-patients';
import { SEED_SCENARIOS } from './seed-scenarios';
import { accessOf, sendAuthProblem, SmartAuthorizationServer, TOKEN_PATH } from './smart-authorization';
import { type DemoClientFile, type SmartClient, SmartClientRegistry } from './smart-client-registry';

export const FHIR_BASE_PATH = '/ehr/fhir/R4';
const FHIR_ROUTE_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type FhirRouteMethod = (typeof FHIR_ROUTE_METHODS)[number];
/** Sandbox-only administration of the EHR (not part of FHIR). */
export const SANDBOX_EHR_PATH = '/sandbox/v1/ehr';
const FHIR_JSON = 'application/fhir+json; charset=utf-8';
const SUPPORTED_TYPES: ResourceType[] = [
  'Patient',
  'Encounter',
  'Procedure',
  'ChargeItem',
  'Condition',
  'Coverage',
  'Practitioner',
  'Organization',
  'Location',
  'Device',
];

export interface EhrAuthOptions {
  /** Refuse FHIR calls without a valid bearer token (the token endpoint and discovery stay open). Default: off. */
  requireBearer?: boolean;
  /** Backend clients registered up front. */
  clients?: SmartClient[];
  /** A folder of `<client-id>.jwks.json` public key sets, one client each. */
  keysDirectory?: string;
  /** Lifetime of issued access tokens (default 300 s). */
  tokenTtlSeconds?: number;
  /** Clock in epoch milliseconds (tests). */
  now?: () => number;
}

export interface EhrOptions {
  /**
   * Folder for the EHR's own files: `sandbox-ehr/fhir-store.json` (every resource, kept across
   * restarts) and `sandbox-ehr/smart-demo-client.json` (the demo client's key pair). Memory only when absent.
   */
  dataDir?: string;
  auth?: EhrAuthOptions;
}

/** The running sandbox EHR, for the sandbox's own routes and for tests. */
export interface SandboxEhr {
  repository: SandboxFhirRepository;
  /** The demo SMART client (only with a dataDir). */
  demoClient?: DemoClientFile;
  loadBundle(bundle: Bundle): Promise<BundleLoadReport>;
}

/**
 * The sandbox EHR: a FHIR R4 REST server on Medplum's router and an in-memory repository (kept in a
 * JSON file when given a data folder), seeded with the demo hospital, with SMART Backend Services
 * authorization. The gaps Medplum's in-memory setup leaves are closed here and in
 * SandboxFhirRepository: writes are validated against the R4 structure definitions, searches carry
 * self/next paging links and fullUrls and honour _include/_revinclude, /metadata answers, and
 * nothing throws.
 */
export async function registerFhirServer(app: FastifyInstance, meter: RequestMeter, options: EhrOptions = {}): Promise<SandboxEhr> {
  indexFhirDefinitions();
  indexSandboxSearchParameters();
  const repository = new SandboxFhirRepository();
  const router = new FhirRouter();
  const folder = options.dataDir ? join(options.dataDir, 'sandbox-ehr') : undefined;
  const store = folder ? new FhirJsonFileStore(join(folder, 'fhir-store.json')) : undefined;
  // Stored resources come back with their ids and versions; seeds fill in whatever is missing.
  for (const resource of store?.load() ?? []) await repository.createResource(resource);
  if (store) repository.listen(store);
  for (const resource of [...SEED_PATIENTS, ...SEED_DIRECTORY, ...SEED_SCENARIOS]) {
    if (!(await exists(repository, resource))) await repository.updateResource(resource);
  }
  if (store) app.addHook('onClose', () => store.flush());

  const registry = new SmartClientRegistry();
  for (const client of options.auth?.clients ?? []) registry.register(client);
  if (options.auth?.keysDirectory) registry.registerDirectory(options.auth.keysDirectory);
  const demoClient = folder ? await registry.registerDemoClient(folder) : undefined;
  const authorization = new SmartAuthorizationServer({ registry, tokenTtlSeconds: options.auth?.tokenTtlSeconds, now: options.auth?.now });
  authorization.register(app, FHIR_BASE_PATH);
  const requireBearer = options.auth?.requireBearer ?? false;

  app.addContentTypeParser(['application/fhir+json', 'application/json-patch+json'], { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, JSON.parse(body as string));
    } catch {
      const error = new OperationOutcomeError(badRequest('Body is not valid JSON'));
      done(error, undefined);
    }
  });

  app.get(`${FHIR_BASE_PATH}/metadata`, async (request, reply) => sendFhir(reply, 200, capabilityStatement(request, requireBearer)));

  app.route({
    method: [...FHIR_ROUTE_METHODS],
    url: `${FHIR_BASE_PATH}/*`,
    handler: async (request, reply) => {
      const admission = meter.admit();
      if (!admission.allowed) {
        void reply.header('retry-after', String(admission.retryAfterSeconds));
        return sendFhir(reply, 429, {
          resourceType: 'OperationOutcome',
          issue: [{ severity: 'error', code: 'throttled', diagnostics: 'Rate limit exceeded' }],
        });
      }
      const baseUrl = `${request.protocol}://${request.host}${FHIR_BASE_PATH}`;
      const url = request.url.slice(FHIR_BASE_PATH.length) || '/';
      if (requireBearer) {
        const verdict = authorization.check(request.headers.authorization, accessOf(request.method as FhirRouteMethod, url));
        if (!verdict.ok) return sendAuthProblem(reply, verdict);
      }
      try {
        const invalid = checkWriteBody(request);
        if (invalid) return sendFhir(reply, 400, invalid);
        const fhirRequest: FhirRequest = {
          method: request.method as HttpMethod,
          url,
          pathname: '',
          body: request.body,
          params: {},
          query: {},
          headers: request.headers,
        };
        const [outcome, resource] = await router.handleRequest(fhirRequest, repository);
        const status = getStatus(outcome);
        if (!resource) return sendFhir(reply, status, outcome);
        if (resource.resourceType === 'Bundle' && resource.type === 'searchset') {
          addPagingLinks(resource, baseUrl, url);
          for (const entry of resource.entry ?? [])
            if (entry.resource?.id) entry.fullUrl = `${baseUrl}/${entry.resource.resourceType}/${entry.resource.id}`;
        }
        if (resource.meta?.versionId) void reply.header('etag', `W/"${resource.meta.versionId}"`);
        if (status === 201 && resource.id) {
          const version = resource.meta?.versionId ? `/_history/${resource.meta.versionId}` : '';
          void reply.header('location', `${baseUrl}/${resource.resourceType}/${resource.id}${version}`);
        }
        return sendFhir(reply, status, resource);
      } catch (error) {
        const outcome = normalizeOperationOutcome(error);
        return sendFhir(reply, getStatus(outcome) >= 400 ? getStatus(outcome) : 500, outcome);
      }
    },
  });

  // Imports a transaction Bundle (Synthea's, say); answers what was loaded and what was refused.
  app.post(`${SANDBOX_EHR_PATH}/bundles`, { bodyLimit: 20 * 1024 * 1024 }, async (request, reply) => {
    try {
      return await loadTransactionBundle(repository, request.body as Bundle);
    } catch (error) {
      if (error instanceof FhirMappingException) return reply.status(400).send({ code: error.code, message: error.message });
      throw error;
    }
  });

  app.post(`${SANDBOX_EHR_PATH}/oauth2/revoke`, () => Promise.resolve({ revoked: authorization.revokeAll() }));

  return { repository, ...(demoClient ? { demoClient } : {}), loadBundle: (bundle) => loadTransactionBundle(repository, bundle) };
}

async function exists(repository: SandboxFhirRepository, resource: Resource): Promise<boolean> {
  try {
    await repository.readResource(resource.resourceType, resource.id!);
    return true;
  } catch {
    return false;
  }
}

/** The body of a create or update must be a resource; its structure is checked by the repository. */
function checkWriteBody(request: FastifyRequest): OperationOutcome | undefined {
  if (request.method !== 'POST' && request.method !== 'PUT') return undefined;
  const body = request.body as Resource | undefined;
  if (!body || typeof body !== 'object' || !('resourceType' in body)) return badRequest('Body must be a FHIR resource');
  return undefined;
}

function addPagingLinks(bundle: Bundle, baseUrl: string, requestUrl: string): void {
  const url = new URL(requestUrl, 'http://fhir.invalid');
  const count = Number(url.searchParams.get('_count') ?? 20);
  const offset = Number(url.searchParams.get('_offset') ?? 0);
  const links: BundleLink[] = [{ relation: 'self', url: `${baseUrl}${url.pathname}${url.search}` }];
  if (bundle.total !== undefined && offset + count < bundle.total) {
    const next = new URLSearchParams(url.searchParams);
    next.set('_offset', String(offset + count));
    next.set('_count', String(count));
    links.push({ relation: 'next', url: `${baseUrl}${url.pathname}?${next.toString()}` });
  }
  bundle.link = links;
}

function sendFhir(reply: FastifyReply, status: number, body: Resource): FastifyReply {
  return reply.status(status).header('content-type', FHIR_JSON).send(body);
}

function capabilityStatement(request: FastifyRequest, requireBearer: boolean): CapabilityStatement {
  const base = `${request.protocol}://${request.host}`;
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-11-25',
    kind: 'instance',
    software: { name: 'Concord sandbox EHR' },
    fhirVersion: '4.0.1',
    format: ['json'],
    rest: [
      {
        mode: 'server',
        security: {
          service: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR' }] }],
          description: requireBearer
            ? 'Bearer tokens from the SMART token endpoint are required'
            : 'Bearer tokens are accepted but not required',
          extension: [
            {
              url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
              extension: [{ url: 'token', valueUri: `${base}${TOKEN_PATH}` }],
            },
          ],
        },
        resource: SUPPORTED_TYPES.map((type) => ({
          type,
          interaction: [{ code: 'read' }, { code: 'search-type' }, { code: 'create' }, { code: 'update' }],
          ...(SANDBOX_SEARCH_PARAMETERS.some((parameter) => parameter.base?.includes(type))
            ? {
                searchParam: SANDBOX_SEARCH_PARAMETERS.filter((parameter) => parameter.base?.includes(type)).map((parameter) => ({
                  name: parameter.code,
                  definition: parameter.url,
                  type: parameter.type,
                  documentation: parameter.description,
                })),
              }
            : {}),
        })),
      },
    ],
  };
}
