import { badRequest, getStatus, normalizeOperationOutcome, OperationOutcomeError, validateResource } from '@medplum/core';
import { FhirRouter, MemoryRepository, type FhirRequest, type HttpMethod } from '@medplum/fhir-router';
import type { Bundle, BundleLink, CapabilityStatement, OperationOutcome, Resource, ResourceType } from '@medplum/fhirtypes';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { indexFhirDefinitions } from './fhir-definitions';
import type { RequestMeter } from './request-meter';
import { SEED_PATIENTS } from './seed-patients';

export const FHIR_BASE_PATH = '/ehr/fhir/R4';
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
];

/**
 * The sandbox EHR: a FHIR R4 REST server on Medplum's router and in-memory repository, with the
 * gaps that library leaves closed here: writes are validated against the R4 structure
 * definitions, searches carry self/next paging links, /metadata answers, and nothing throws.
 */
export async function registerFhirServer(app: FastifyInstance, meter: RequestMeter): Promise<void> {
  indexFhirDefinitions();
  const repository = new MemoryRepository();
  const router = new FhirRouter();
  for (const patient of SEED_PATIENTS) await repository.updateResource(patient);

  app.addContentTypeParser(['application/fhir+json', 'application/json-patch+json'], { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, JSON.parse(body as string));
    } catch {
      const error = new OperationOutcomeError(badRequest('Body is not valid JSON'));
      done(error, undefined);
    }
  });

  app.get(`${FHIR_BASE_PATH}/metadata`, async (_request, reply) => sendFhir(reply, 200, capabilityStatement()));

  app.route({
    method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
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
      try {
        const invalid = validateWrite(request);
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
        if (resource.resourceType === 'Bundle' && resource.type === 'searchset') addPagingLinks(resource, baseUrl, url);
        if (resource.meta?.versionId) void reply.header('etag', `W/"${resource.meta.versionId}"`);
        return sendFhir(reply, status, resource);
      } catch (error) {
        const outcome = normalizeOperationOutcome(error);
        return sendFhir(reply, getStatus(outcome) >= 400 ? getStatus(outcome) : 500, outcome);
      }
    },
  });
}

function validateWrite(request: FastifyRequest): OperationOutcome | undefined {
  if (request.method !== 'POST' && request.method !== 'PUT') return undefined;
  const body = request.body as Resource | undefined;
  if (!body || typeof body !== 'object' || !('resourceType' in body)) return badRequest('Body must be a FHIR resource');
  if (body.resourceType === 'Bundle' && request.method === 'POST') return undefined;
  const issues = validateResource(body);
  const errors = issues.filter((issue) => issue.severity === 'error' || issue.severity === 'fatal');
  return errors.length ? { resourceType: 'OperationOutcome', issue: errors } : undefined;
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

function capabilityStatement(): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-11-24',
    kind: 'instance',
    software: { name: 'Concord sandbox EHR' },
    fhirVersion: '4.0.1',
    format: ['json'],
    rest: [
      {
        mode: 'server',
        resource: SUPPORTED_TYPES.map((type) => ({
          type,
          interaction: [{ code: 'read' }, { code: 'search-type' }, { code: 'create' }, { code: 'update' }],
        })),
      },
    ],
  };
}
