import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RequestMeter } from '../../ehr/request-meter';
import { HrDomainError, HrErrorCode } from '../domain/hr-domain.error';
import type { SandboxHr, Worker } from '../domain/sandbox-hr';
import { matchesScimFilter, parseScimFilter, ScimFilterError } from './scim-filter';
import { planScimPatch, ScimRequestError, type ScimType } from './scim-patch';
import {
  SCIM_CORE_USER,
  SCIM_ENTERPRISE_USER,
  SCIM_ERROR,
  SCIM_LIST_RESPONSE,
  SCIM_WORKFORCE_USER,
  scimAttributeReader,
  scimUserOf,
} from './scim-user';

export const SCIM_BASE_PATH = '/hr/scim/v2';
const SCIM_JSON = 'application/scim+json; charset=utf-8';
const MAX_COUNT = 200;

function scimError(reply: FastifyReply, status: number, detail: string, scimType?: ScimType): FastifyReply {
  return reply
    .status(status)
    .header('content-type', SCIM_JSON)
    .send({ schemas: [SCIM_ERROR], status: String(status), ...(scimType ? { scimType } : {}), detail });
}

function domainStatus(error: HrDomainError): { status: number; scimType?: ScimType } {
  switch (error.code) {
    case HrErrorCode.NOT_FOUND:
      return { status: 404 };
    case HrErrorCode.VALIDATION_FAILED:
      return { status: 400, scimType: 'invalidValue' };
    case HrErrorCode.DUPLICATE:
      return { status: 409, scimType: 'uniqueness' };
    case HrErrorCode.INVALID_STATE:
      return { status: 400, scimType: 'mutability' };
    case HrErrorCode.IDEMPOTENCY_KEY_REUSED:
      return { status: 409 };
    case HrErrorCode.STORAGE_FAILED:
      return { status: 503 };
  }
}

const positiveInt = (value: unknown, fallback: number, name: string): number => {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !/^\d{1,9}$/.test(value))
    throw new ScimRequestError(400, 'invalidValue', `${name} must be a non-negative integer`);
  return Number(value);
};

/**
 * SCIM 2.0 (RFC 7643/7644) Users over the sandbox HR system: list with filter and 1-based paging,
 * read, create (a hire), PATCH (changes; active false terminates) and DELETE (terminates today),
 * the enterprise-user extension (employeeNumber, costCenter, manager) and Concord's workforce
 * extension (position, hourly rate, hire and termination dates). Versions travel as ETags.
 */
export async function registerScimApi(app: FastifyInstance, hr: SandboxHr, meter: RequestMeter): Promise<void> {
  await app.register(
    (scim: FastifyInstance) => {
      scim.addContentTypeParser(['application/scim+json'], { parseAs: 'string' }, (_request, body, done) => {
        try {
          done(null, JSON.parse(body as string));
        } catch {
          done(new ScimRequestError(400, 'invalidSyntax', 'The body is not valid JSON'), undefined);
        }
      });
      scim.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
        if (error instanceof ScimRequestError) return scimError(reply, error.status, error.message, error.scimType);
        if (error instanceof ScimFilterError) return scimError(reply, 400, error.message, 'invalidFilter');
        if (error instanceof HrDomainError) {
          const { status, scimType } = domainStatus(error);
          return scimError(reply, status, status >= 500 ? 'The HR system cannot take changes right now' : error.message, scimType);
        }
        if (error.statusCode === 429) return scimError(reply.header('retry-after', '1'), 429, 'Too many requests');
        if (error.statusCode && error.statusCode < 500)
          return scimError(reply, error.statusCode, 'The request is malformed', 'invalidSyntax');
        request.log.error({ err: error }, 'sandbox SCIM request failed');
        return scimError(reply, 500, 'The HR system failed');
      });
      scim.setNotFoundHandler((request, reply) => scimError(reply, 404, `No resource at ${request.method} ${request.url.split('?')[0]}`));
      scim.addHook('onRequest', (_request, _reply, done) => {
        const admission = meter.admit();
        done(admission.allowed ? undefined : Object.assign(new Error('quota'), { statusCode: 429 }));
      });
      routes(scim, hr);
      return Promise.resolve();
    },
    { prefix: SCIM_BASE_PATH },
  );
}

function routes(scim: FastifyInstance, hr: SandboxHr): void {
  const baseUrl = (request: FastifyRequest) => `${request.protocol}://${request.host}${SCIM_BASE_PATH}`;
  const sendUser = (request: FastifyRequest, reply: FastifyReply, worker: Worker, status = 200) => {
    const user = scimUserOf(worker, hr, baseUrl(request));
    return reply
      .status(status)
      .header('content-type', SCIM_JSON)
      .header('etag', user.meta.version)
      .header('location', user.meta.location)
      .send(user);
  };
  const userId = (request: FastifyRequest) => (request.params as { id: string }).id;
  const checkIfMatch = (request: FastifyRequest, worker: Worker) => {
    const header = request.headers['if-match'];
    if (header === undefined) return;
    if (header.split(',').some((tag) => tag.trim() === '*' || tag.trim() === `W/"${worker.version}"`)) return;
    throw new ScimRequestError(412, undefined, `The user changed: its current version is W/"${worker.version}"`);
  };

  scim.get('/ServiceProviderConfig', (_request, reply) =>
    reply.header('content-type', SCIM_JSON).send({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
      patch: { supported: true },
      bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
      filter: { supported: true, maxResults: MAX_COUNT },
      changePassword: { supported: false },
      sort: { supported: false },
      etag: { supported: true },
      authenticationSchemes: [],
    }),
  );

  scim.get('/Users', (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const startIndex = Math.max(1, positiveInt(query.startIndex, 1, 'startIndex'));
    const count = Math.min(MAX_COUNT, positiveInt(query.count, 100, 'count'));
    if (query.filter !== undefined && typeof query.filter !== 'string')
      throw new ScimRequestError(400, 'invalidFilter', 'filter must be given once');
    const filter = typeof query.filter === 'string' ? parseScimFilter(query.filter) : undefined;
    const users = hr
      .listWorkers()
      .map((worker) => scimUserOf(worker, hr, baseUrl(request)))
      .filter((user) => !filter || matchesScimFilter(filter, scimAttributeReader(user)));
    const page = users.slice(startIndex - 1, startIndex - 1 + count);
    return reply
      .header('content-type', SCIM_JSON)
      .send({ schemas: [SCIM_LIST_RESPONSE], totalResults: users.length, startIndex, itemsPerPage: page.length, Resources: page });
  });

  scim.get('/Users/:id', (request, reply) => {
    const worker = hr.worker(userId(request));
    if (request.headers['if-none-match']?.split(',').some((tag) => tag.trim() === `W/"${worker.version}"`)) return reply.status(304).send();
    return sendUser(request, reply, worker);
  });

  scim.post('/Users', (request, reply) => {
    const body = request.body as Record<string, unknown> | undefined;
    if (!body || typeof body !== 'object' || !Array.isArray(body.schemas) || !body.schemas.includes(SCIM_CORE_USER)) {
      throw new ScimRequestError(400, 'invalidSyntax', `schemas must contain ${SCIM_CORE_USER}`);
    }
    const name = (body.name ?? {}) as { givenName?: unknown; familyName?: unknown };
    const enterprise = (body[SCIM_ENTERPRISE_USER] ?? {}) as {
      employeeNumber?: unknown;
      costCenter?: unknown;
      manager?: { value?: unknown };
    };
    const workforce = (body[SCIM_WORKFORCE_USER] ?? {}) as { positionId?: unknown; hourlyRate?: unknown; hireDate?: unknown };
    const emails = Array.isArray(body.emails) ? (body.emails as { value?: unknown; primary?: unknown }[]) : [];
    const email = (emails.find((candidate) => candidate?.primary === true) ?? emails[0])?.value;
    const text = (value: unknown, path: string, required = true): string | undefined => {
      if (value === undefined && !required) return undefined;
      if (typeof value !== 'string' || !value) throw new ScimRequestError(400, 'invalidValue', `${path} is required`);
      return value;
    };
    const rate = text(workforce.hourlyRate, `${SCIM_WORKFORCE_USER}:hourlyRate`)!;
    if (!/^(0|[1-9]\d{0,7})\.\d{2}$/.test(rate))
      throw new ScimRequestError(400, 'invalidValue', `${SCIM_WORKFORCE_USER}:hourlyRate must be a decimal amount with two places`);
    const [whole = '0', fraction = '00'] = rate.split('.');
    if (body.active === false) throw new ScimRequestError(400, 'invalidValue', 'A new user starts active');
    const outcome = hr.hire(
      {
        userName: text(body.userName, 'userName'),
        given: text(name.givenName, 'name.givenName')!,
        family: text(name.familyName, 'name.familyName')!,
        email: text(email, 'emails.value', false),
        employeeNumber: text(enterprise.employeeNumber, `${SCIM_ENTERPRISE_USER}:employeeNumber`, false),
        costCentre: text(enterprise.costCenter, `${SCIM_ENTERPRISE_USER}:costCenter`, false),
        managerId: text(enterprise.manager?.value, `${SCIM_ENTERPRISE_USER}:manager.value`, false),
        positionId: text(workforce.positionId, `${SCIM_WORKFORCE_USER}:positionId`)!,
        hourlyRateCents: Number(whole) * 100 + Number(fraction),
        hireDate: text(workforce.hireDate, `${SCIM_WORKFORCE_USER}:hireDate`, false),
      },
      // SCIM has no idempotency keys: a retried create meets userName uniqueness instead.
      { idempotencyKey: `scim:${randomUUID()}` },
    );
    return sendUser(request, reply, outcome.result, 201);
  });

  scim.patch('/Users/:id', (request, reply) => {
    const worker = hr.worker(userId(request));
    checkIfMatch(request, worker);
    const plan = planScimPatch(request.body);
    if (plan.activate && worker.status !== 'active')
      throw new ScimRequestError(400, 'mutability', 'A terminated user is rehired through the HR API, not reactivated');
    if (plan.terminate && worker.status !== 'active') throw new ScimRequestError(400, 'mutability', 'The user is already inactive');
    const hasChange = Object.keys(plan.change).length > 0;
    if (hasChange && plan.terminate) throw new ScimRequestError(400, 'invalidValue', 'Deactivate a user in a PATCH of its own');
    let current = worker;
    if (hasChange) current = hr.update(worker.id, plan.change, { idempotencyKey: `scim:${randomUUID()}` }).result;
    if (plan.terminate) current = hr.terminate(worker.id, plan.terminate, { idempotencyKey: `scim:${randomUUID()}` }).result;
    return sendUser(request, reply, current);
  });

  scim.delete('/Users/:id', (request, reply) => {
    const worker = hr.worker(userId(request));
    checkIfMatch(request, worker);
    if (worker.status === 'active') hr.terminate(worker.id, {}, { idempotencyKey: `scim:${randomUUID()}` });
    return reply.status(204).send();
  });
}
