import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RequestMeter } from '../../ehr/request-meter';
import { strictAjv } from '../../erp/http/strict-ajv';
import { HrDomainError, HrErrorCode } from '../domain/hr-domain.error';
import type { HrOutcome, SandboxHr, Worker, WorkerChange } from '../domain/sandbox-hr';
import type { SchedulingRoster } from '../domain/scheduling-roster';
import { jobOf, LICENSE_TYPE_CODES, LICENSE_TYPES_BY_CODE, licenseOf, REASON_CODES, workerOf } from './hr-representation';

export const HR_API_PATH = '/hr/api/v1';

const amount = { type: 'string', pattern: '^(0|[1-9][0-9]{0,7})\\.[0-9]{2}$' } as const;
const payRate = {
  type: 'object',
  additionalProperties: false,
  required: ['amount', 'currency', 'basis'],
  properties: { amount, currency: { enum: ['USD'] }, basis: { enum: ['HOURLY'] } },
} as const;
const legalName = {
  type: 'object',
  additionalProperties: false,
  required: ['firstName', 'lastName'],
  properties: { firstName: { type: 'string', minLength: 1, maxLength: 100 }, lastName: { type: 'string', minLength: 1, maxLength: 100 } },
} as const;
const id = { type: 'string', pattern: '^[A-Za-z0-9-]{1,40}$' } as const;
const department = { type: 'string', pattern: '^[A-Z0-9]{2,10}$' } as const;

const hireBody = {
  type: 'object',
  additionalProperties: false,
  required: ['legalName', 'jobId', 'payRate'],
  properties: {
    personNumber: { type: 'string', pattern: '^[A-Za-z0-9]{1,20}$' },
    legalName,
    workEmail: { type: 'string', format: 'email', maxLength: 200 },
    jobId: id,
    department,
    payRate,
    originalHireDate: { type: 'string', format: 'calendar-date' },
    managerWorkerId: id,
  },
} as const;

const updateBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    legalName,
    workEmail: { type: 'string', format: 'email', maxLength: 200 },
    jobId: id,
    department,
    payRate,
    managerWorkerId: { anyOf: [id, { type: 'null' }] },
  },
} as const;

const terminateBody = {
  type: 'object',
  additionalProperties: false,
  properties: { terminationDate: { type: 'string', format: 'calendar-date' }, reasonCode: { enum: Object.keys(REASON_CODES) } },
} as const;

interface HireBody {
  personNumber?: string;
  legalName: { firstName: string; lastName: string };
  workEmail?: string;
  jobId: string;
  department?: string;
  payRate: { amount: string };
  originalHireDate?: string;
  managerWorkerId?: string;
}
type UpdateBody = Partial<Omit<HireBody, 'personNumber' | 'originalHireDate' | 'managerWorkerId'>> & { managerWorkerId?: string | null };

class HrHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

function statusOf(code: HrErrorCode): { status: number; code: string } {
  switch (code) {
    case HrErrorCode.NOT_FOUND:
      return { status: 404, code: 'NOT_FOUND' };
    case HrErrorCode.VALIDATION_FAILED:
      return { status: 400, code: 'VALIDATION_ERROR' };
    case HrErrorCode.DUPLICATE:
      return { status: 409, code: 'DUPLICATE' };
    case HrErrorCode.INVALID_STATE:
      return { status: 409, code: 'WORKER_STATE' };
    case HrErrorCode.IDEMPOTENCY_KEY_REUSED:
      return { status: 422, code: 'IDEMPOTENCY_KEY_REUSED' };
    case HrErrorCode.STORAGE_FAILED:
      return { status: 503, code: 'UNAVAILABLE' };
  }
}

const cents = (decimal: string) => {
  const [whole = '0', fraction = '00'] = decimal.split('.');
  return Number(whole) * 100 + Number(fraction);
};

const send = (reply: FastifyReply, status: number, errors: { code: string; message: string; field?: string }[]) =>
  reply.status(status).header('content-type', 'application/json; charset=utf-8').send({ status, errors });

/**
 * The sandbox HR system's REST API under /hr/api/v1: workers (hire, change, terminate), jobs and
 * licences, with ETags (If-None-Match, If-Match) and Idempotency-Key on POSTs.
 */
export async function registerHrApi(app: FastifyInstance, hr: SandboxHr, meter: RequestMeter, roster?: SchedulingRoster): Promise<void> {
  await app.register(
    (api: FastifyInstance) => {
      const bodyAjv = strictAjv(false);
      const queryAjv = strictAjv(true);
      api.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? bodyAjv : queryAjv).compile(schema));
      api.setErrorHandler(
        (
          error: Error & {
            validation?: { instancePath: string; message?: string; params: Record<string, unknown> }[];
            statusCode?: number;
          },
          request,
          reply,
        ) => {
          if (error instanceof HrHttpError) {
            for (const [name, value] of Object.entries(error.headers)) void reply.header(name, value);
            return send(reply, error.status, [{ code: error.code, message: error.message }]);
          }
          if (error instanceof HrDomainError) {
            const { status, code } = statusOf(error.code);
            if (status >= 500) return send(reply, status, [{ code, message: 'The HR system cannot take changes right now' }]);
            return send(reply, status, [{ code, message: error.message, ...(error.field ? { field: error.field } : {}) }]);
          }
          if (error.validation) {
            return send(
              reply,
              400,
              error.validation.map((issue) => {
                const named = issue.params.missingProperty ?? issue.params.additionalProperty;
                const base = issue.instancePath.slice(1).replaceAll('/', '.');
                const field = typeof named === 'string' ? (base ? `${base}.${named}` : named) : base;
                return { code: 'VALIDATION_ERROR', message: issue.message ?? 'is invalid', field };
              }),
            );
          }
          if (error.statusCode === 400 || error.statusCode === 415)
            return send(reply, error.statusCode, [{ code: 'BAD_REQUEST', message: 'The body is not valid JSON' }]);
          request.log.error({ err: error }, 'sandbox HR request failed');
          return send(reply, 500, [{ code: 'INTERNAL', message: 'The HR system failed' }]);
        },
      );
      api.setNotFoundHandler((request, reply) =>
        send(reply, 404, [{ code: 'NOT_FOUND', message: `No resource at ${request.method} ${request.url.split('?')[0]}` }]),
      );
      api.addHook('onRequest', (_request, _reply, done) => {
        const admission = meter.admit();
        done(
          admission.allowed
            ? undefined
            : new HrHttpError(429, 'RATE_LIMITED', 'Too many requests', { 'retry-after': String(admission.retryAfterSeconds) }),
        );
      });
      routes(api, hr);
      if (roster) schedulingRoutes(api, roster);
      return Promise.resolve();
    },
    { prefix: HR_API_PATH },
  );
}

function routes(api: FastifyInstance, hr: SandboxHr): void {
  const keyOf = (request: FastifyRequest) => {
    const header = request.headers['idempotency-key'];
    if (header === undefined) return `auto:${randomUUID()}`;
    if (Array.isArray(header) || !/^[\x21-\x7e]{1,200}$/.test(header))
      throw new HrHttpError(400, 'VALIDATION_ERROR', 'Idempotency-Key must be 1-200 visible ASCII characters');
    return `key:${header}`;
  };
  const checkIfMatch = (request: FastifyRequest, key: string, worker: Worker) => {
    const header = request.headers['if-match'];
    if (header === undefined || hr.knowsIdempotencyKey(key)) return;
    if (header.split(',').some((tag) => tag.trim() === '*' || tag.trim().replace(/^W\//, '') === `"${worker.version}"`)) return;
    throw new HrHttpError(412, 'VERSION_MISMATCH', `The worker changed: its current version is W/"${worker.version}"`);
  };
  const answer = (reply: FastifyReply, outcome: HrOutcome<Worker>, status = 200) => {
    void reply.status(status).header('etag', `W/"${outcome.result.version}"`);
    if (outcome.replayed) void reply.header('idempotent-replayed', 'true');
    return Promise.resolve(workerOf(outcome.result, hr));
  };
  const workerId = (request: FastifyRequest) => (request.params as { workerId: string }).workerId;

  api.get(
    '/workers',
    {
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            page: { type: 'integer', minimum: 1, default: 1 },
            pageSize: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
            status: { enum: ['ACTIVE', 'TERMINATED'] },
            department,
            personNumber: { type: 'string', maxLength: 20 },
          },
        },
      },
    },
    (request) => {
      const query = request.query as {
        page: number;
        pageSize: number;
        status?: 'ACTIVE' | 'TERMINATED';
        department?: string;
        personNumber?: string;
      };
      const workers = hr.listWorkers({
        status: query.status === undefined ? undefined : query.status === 'ACTIVE' ? 'active' : 'terminated',
        costCentre: query.department,
        employeeNumber: query.personNumber,
      });
      const start = (query.page - 1) * query.pageSize;
      return Promise.resolve({
        items: workers.slice(start, start + query.pageSize).map((worker) => workerOf(worker, hr)),
        page: query.page,
        pageSize: query.pageSize,
        totalItems: workers.length,
      });
    },
  );

  api.get('/workers/:workerId', (request, reply) => {
    const worker = hr.worker(workerId(request));
    const etag = `W/"${worker.version}"`;
    void reply.header('etag', etag);
    if (request.headers['if-none-match']?.split(',').some((tag) => tag.trim() === etag)) return reply.status(304).send();
    return Promise.resolve(workerOf(worker, hr));
  });

  api.post('/workers', { schema: { body: hireBody } }, (request, reply) => {
    const body = request.body as HireBody;
    const outcome = hr.hire(
      {
        employeeNumber: body.personNumber,
        given: body.legalName.firstName,
        family: body.legalName.lastName,
        email: body.workEmail,
        positionId: body.jobId,
        costCentre: body.department,
        hourlyRateCents: cents(body.payRate.amount),
        hireDate: body.originalHireDate,
        managerId: body.managerWorkerId,
      },
      { idempotencyKey: keyOf(request) },
    );
    return answer(reply, outcome, 201);
  });

  api.patch('/workers/:workerId', { schema: { body: updateBody } }, (request, reply) => {
    const key = keyOf(request);
    checkIfMatch(request, key, hr.worker(workerId(request)));
    const body = request.body as UpdateBody;
    const change: WorkerChange = {
      ...(body.legalName ? { given: body.legalName.firstName, family: body.legalName.lastName } : {}),
      ...(body.workEmail === undefined ? {} : { email: body.workEmail }),
      ...(body.jobId === undefined ? {} : { positionId: body.jobId }),
      ...(body.department === undefined ? {} : { costCentre: body.department }),
      ...(body.payRate === undefined ? {} : { hourlyRateCents: cents(body.payRate.amount) }),
      ...(body.managerWorkerId === undefined ? {} : { managerId: body.managerWorkerId }),
    };
    return answer(reply, hr.update(workerId(request), change, { idempotencyKey: key }));
  });

  api.post('/workers/:workerId/terminate', { schema: { body: terminateBody } }, (request, reply) => {
    const key = keyOf(request);
    checkIfMatch(request, key, hr.worker(workerId(request)));
    const body = (request.body ?? {}) as { terminationDate?: string; reasonCode?: keyof typeof REASON_CODES };
    return answer(
      reply,
      hr.terminate(
        workerId(request),
        { terminationDate: body.terminationDate, reason: body.reasonCode && REASON_CODES[body.reasonCode] },
        { idempotencyKey: key },
      ),
    );
  });

  api.get('/jobs', () => Promise.resolve({ items: hr.listPositions().map(jobOf) }));

  const licenseQuery = {
    type: 'object',
    additionalProperties: false,
    properties: {
      workerId: id,
      expiringBefore: { type: 'string', format: 'calendar-date' },
      licenseType: { enum: Object.values(LICENSE_TYPE_CODES) },
    },
  } as const;
  api.get('/licenses', { schema: { querystring: licenseQuery } }, (request) => {
    const query = request.query as { workerId?: string; expiringBefore?: string; licenseType?: string };
    const licenses = hr.listLicenses({
      workerId: query.workerId,
      expiringOnOrBefore: query.expiringBefore,
      type: query.licenseType === undefined ? undefined : LICENSE_TYPES_BY_CODE[query.licenseType],
    });
    return Promise.resolve({ items: licenses.map(licenseOf) });
  });
  api.get('/workers/:workerId/licenses', (request) => {
    const worker = hr.worker(workerId(request));
    return Promise.resolve({ items: hr.listLicenses({ workerId: worker.id }).map(licenseOf) });
  });
}

const personNumber = { type: 'string', pattern: '^[A-Za-z0-9]{1,20}$' } as const;

/** Staff scheduling under /hr/api/v1/scheduling/staff/{personNumber}: provision (PUT), deprovision, read. */
function schedulingRoutes(api: FastifyInstance, roster: SchedulingRoster): void {
  const params = { type: 'object', required: ['personNumber'], properties: { personNumber } } as const;
  const number = (request: FastifyRequest) => (request.params as { personNumber: string }).personNumber;
  api.get('/scheduling/staff/:personNumber', { schema: { params } }, (request) => Promise.resolve(roster.get(number(request))));
  api.put(
    '/scheduling/staff/:personNumber',
    {
      schema: {
        params,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['department'],
          properties: { department, jobTitle: { type: 'string', minLength: 1, maxLength: 100 } },
        },
      },
    },
    (request) => Promise.resolve(roster.provision(number(request), request.body as { department: string; jobTitle?: string })),
  );
  api.post(
    '/scheduling/staff/:personNumber/deprovision',
    {
      schema: {
        params,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['accessEndDate'],
          properties: { accessEndDate: { type: 'string', format: 'calendar-date' } },
        },
      },
    },
    (request) => Promise.resolve(roster.deprovision(number(request), (request.body as { accessEndDate: string }).accessEndDate)),
  );
}
