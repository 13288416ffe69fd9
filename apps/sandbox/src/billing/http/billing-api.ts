import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isCalendarDate } from '@concord/contracts';
import type { RequestMeter } from '../../ehr/request-meter';
import { decimalToCents } from '../../erp/http/decimal-amount';
import { VendorHttpError } from '../../erp/http/erp-errors';
import { strictAjv } from '../../erp/http/strict-ajv';
import { BillingDomainError, BillingErrorCode } from '../domain/billing-domain.error';
import type { AccountStatus, Outcome, SandboxBilling } from '../domain/sandbox-billing';
import * as view from './billing-representation';
import * as schema from './billing-schemas';

export const BILLING_API_PATH = '/billing/api/v1';

/** Switch tests flip: an outage answers 503 to every API call until it is switched off. */
export class BillingAvailability {
  down = false;
}

/** The vendor's error codes and HTTP statuses for each domain refusal. */
export function vendorCodeOf(code: BillingErrorCode): { status: number; code: string } {
  switch (code) {
    case BillingErrorCode.NOT_FOUND:
      return { status: 404, code: 'RESOURCE_NOT_FOUND' };
    case BillingErrorCode.VALIDATION_FAILED:
      return { status: 400, code: 'INVALID_FIELD' };
    case BillingErrorCode.UNKNOWN_FACILITY:
      return { status: 422, code: 'PA_FACILITY_UNKNOWN' };
    case BillingErrorCode.UNKNOWN_PAYER:
      return { status: 422, code: 'PA_PAYER_NOT_CONTRACTED' };
    case BillingErrorCode.UNKNOWN_CHARGE_CODE:
      return { status: 422, code: 'CDM_CODE_UNKNOWN' };
    case BillingErrorCode.NO_PRICE_ON_DATE:
      return { status: 422, code: 'CDM_NO_PRICE_ON_DATE' };
    case BillingErrorCode.DUPLICATE_ACCOUNT:
      return { status: 409, code: 'PA_DUPLICATE_ACCOUNT' };
    case BillingErrorCode.DUPLICATE_CHARGE:
      return { status: 409, code: 'PA_DUPLICATE_CHARGE' };
    case BillingErrorCode.ACCOUNT_CLOSED:
      return { status: 409, code: 'PA_ACCOUNT_CLOSED' };
    case BillingErrorCode.IDEMPOTENCY_KEY_REUSED:
      return { status: 422, code: 'IDEMPOTENCY_KEY_REUSED' };
    case BillingErrorCode.STORAGE_FAILED:
      return { status: 503, code: 'SERVICE_UNAVAILABLE' };
  }
}

function sendError(
  reply: FastifyReply,
  request: FastifyRequest,
  status: number,
  code: string,
  message: string,
  extra: { target?: string; existing?: string; details?: { target: string; message: string }[] } = {},
): FastifyReply {
  return reply
    .status(status)
    .header('content-type', 'application/json; charset=utf-8')
    .send({ fault: { code, status, message, ...extra, trace_id: request.id } });
}

const textOf = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Scoped error handler: every failure under the API path becomes a vendor fault body; 5xx say nothing inside. */
function handleError(
  error: FastifyError | BillingDomainError | VendorHttpError,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  if (error instanceof VendorHttpError) {
    for (const [name, value] of Object.entries(error.headers)) void reply.header(name, value);
    return sendError(reply, request, error.status, error.code, error.message);
  }
  if (error instanceof BillingDomainError) {
    const { status, code } = vendorCodeOf(error.code);
    if (status >= 500) {
      void reply.header('retry-after', '5');
      return sendError(reply, request, status, code, 'The service cannot take changes right now');
    }
    return sendError(reply, request, status, code, error.message, {
      ...(error.details.field !== undefined ? { target: error.details.field } : {}),
      ...(error.details.existing !== undefined ? { existing: error.details.existing } : {}),
    });
  }
  if (error.validation) {
    const details = error.validation.map((issue) => {
      const path = issue.instancePath.slice(1).replaceAll('/', '.');
      const named = textOf(issue.params.missingProperty) ?? textOf(issue.params.additionalProperty);
      const target = named === undefined ? path : path ? `${path}.${named}` : named;
      const message =
        issue.keyword === 'required'
          ? `${named} is required`
          : issue.keyword === 'additionalProperties'
            ? `${named} is not a field of this resource`
            : (issue.message ?? 'is invalid');
      return { target, message };
    });
    return sendError(reply, request, 400, 'INVALID_FIELD', `The ${error.validationContext ?? 'request'} is invalid`, { details });
  }
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return sendError(reply, request, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Send application/json');
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendError(reply, request, 413, 'PAYLOAD_TOO_LARGE', 'The body is too large');
  if (error.statusCode === 400 || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY')
    return sendError(reply, request, 400, 'MALFORMED_JSON', 'The body is not valid JSON');
  request.log.error({ err: error }, 'sandbox billing request failed');
  return sendError(reply, request, 500, 'INTERNAL_ERROR', 'The service failed');
}

function hasNonJsonBody(request: FastifyRequest): boolean {
  const hasBody =
    request.headers['content-length'] !== undefined
      ? request.headers['content-length'] !== '0'
      : request.headers['transfer-encoding'] !== undefined;
  if (!hasBody) return false;
  return request.headers['content-type']?.split(';')[0]?.trim().toLowerCase() !== 'application/json';
}

const etagOf = (version: number) => `W/"${version}"`;
const params = (request: FastifyRequest) => request.params as Record<string, string>;

function idempotencyKeyOf(request: FastifyRequest): string {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return `auto:${randomUUID()}`;
  if (Array.isArray(header) || !/^[\x21-\x7e]{1,200}$/.test(header))
    throw new VendorHttpError(400, 'INVALID_FIELD', 'Idempotency-Key must be 1-200 visible ASCII characters');
  return `key:${header}`;
}

/** If-Match, when sent, must name the current version (a replayed key is exempt: it changes nothing). */
function checkIfMatch(request: FastifyRequest, billing: SandboxBilling, key: string, currentVersion: number): void {
  const header = request.headers['if-match'];
  if (header === undefined || billing.knowsIdempotencyKey(key)) return;
  const tags = header.split(',').map((tag) => tag.trim());
  if (tags.includes('*') || tags.some((tag) => tag.replace(/^W\//, '') === `"${currentVersion}"`)) return;
  throw new VendorHttpError(412, 'PRECONDITION_FAILED', `The account changed: its current version is ${etagOf(currentVersion)}`);
}

function sendVersioned(request: FastifyRequest, reply: FastifyReply, version: number, body: unknown): FastifyReply | Promise<unknown> {
  void reply.header('etag', etagOf(version));
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === `"${version}"`))
    return reply.status(304).send();
  return Promise.resolve(body);
}

function sendOutcome<T>(reply: FastifyReply, outcome: Outcome<T>, body: unknown, status: number, version?: number): unknown {
  if (outcome.replayed) void reply.header('idempotent-replayed', 'true');
  if (version !== undefined) void reply.header('etag', etagOf(version));
  void reply.status(status);
  return body;
}

function page<T>(items: T[], query: schema.ListQuery): { data: T[]; paging: { offset: number; limit: number; total: number } } {
  return {
    data: items.slice(query.offset, query.offset + query.limit),
    paging: { offset: query.offset, limit: query.limit, total: items.length },
  };
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * The sandbox billing platform as a vendor REST API under /billing/api/v1 ("Meridian Patient
 * Accounting"): its own resource names and JSON, ETags on accounts (If-None-Match, If-Match),
 * Idempotency-Key on every write, a request quota answered with 429 and Retry-After, and an outage
 * switch answered with 503.
 */
export async function registerBillingApi(
  app: FastifyInstance,
  billing: SandboxBilling,
  meter: RequestMeter,
  availability: BillingAvailability,
): Promise<void> {
  app.post(
    '/sandbox/v1/billing/outage',
    { schema: { body: { type: 'object', required: ['down'], additionalProperties: false, properties: { down: { type: 'boolean' } } } } },
    (request) => {
      availability.down = (request.body as { down: boolean }).down;
      return Promise.resolve({ down: availability.down });
    },
  );

  await app.register(
    (scope: FastifyInstance) => {
      const bodyAjv = strictAjv(false);
      const queryAjv = strictAjv(true);
      scope.setValidatorCompiler(({ schema: routeSchema, httpPart }) => (httpPart === 'body' ? bodyAjv : queryAjv).compile(routeSchema));
      scope.setErrorHandler((error, request, reply) => handleError(error as FastifyError, request, reply));
      scope.setNotFoundHandler((request, reply) =>
        sendError(reply, request, 404, 'ROUTE_NOT_FOUND', `No resource at ${request.method} ${request.url.split('?')[0]}`),
      );
      scope.addHook('onRequest', (request, _reply, done) => {
        // Metered first, like an API gateway in front of the platform: refused calls count against the quota too.
        const admission = meter.admit();
        if (!admission.allowed) {
          done(
            new VendorHttpError(429, 'RATE_LIMIT_EXCEEDED', 'API quota exceeded', { 'retry-after': String(admission.retryAfterSeconds) }),
          );
          return;
        }
        if (availability.down) {
          done(new VendorHttpError(503, 'SERVICE_UNAVAILABLE', 'Patient accounting is down for maintenance', { 'retry-after': '1' }));
          return;
        }
        done(hasNonJsonBody(request) ? new VendorHttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send application/json') : undefined);
      });
      registerRoutes(scope, billing);
      return Promise.resolve();
    },
    { prefix: BILLING_API_PATH },
  );
}

function registerRoutes(api: FastifyInstance, billing: SandboxBilling): void {
  // Reference data
  api.get('/facilities', () => Promise.resolve({ data: billing.listFacilities().map(view.facilityOf) }));
  api.get('/facilities/:facility_id', { schema: { params: schema.idParams('facility_id') } }, (request) =>
    Promise.resolve(view.facilityOf(billing.facility(params(request).facility_id))),
  );
  const asOfQuery = { as_of: { type: 'string', format: 'calendar-date' } };
  api.get('/chargemaster', { schema: { querystring: schema.listQuery(asOfQuery) } }, (request) => {
    const query = request.query as schema.ListQuery & { as_of?: string };
    const asOf = query.as_of ?? today();
    return Promise.resolve(
      page(
        billing.listChargemaster().map((item) => view.chargemasterOf(item, asOf)),
        query,
      ),
    );
  });
  api.get(
    '/chargemaster/:charge_code',
    {
      schema: {
        params: schema.idParams('charge_code'),
        querystring: { type: 'object', additionalProperties: false, properties: asOfQuery },
      },
    },
    (request) => {
      const asOf = (request.query as { as_of?: string }).as_of;
      return Promise.resolve(
        view.chargemasterOf(billing.chargemasterItem(params(request).charge_code), asOf && isCalendarDate(asOf) ? asOf : today()),
      );
    },
  );
  api.put(
    '/chargemaster/:charge_code',
    {
      schema: {
        params: schema.idParams('charge_code'),
        querystring: { type: 'object', additionalProperties: false, properties: asOfQuery },
        body: schema.chargemasterItemBody,
      },
    },
    (request) => {
      const body = request.body as schema.ChargemasterItemBody;
      const item = billing.putChargemasterItem({
        code: params(request).charge_code,
        description: body.description,
        revenueCode: body.revenue_code,
        ...(body.cpt_hcpcs ? { procedure: body.cpt_hcpcs } : {}),
        department: body.dept,
        unit: body.unit,
        price: { effectiveFrom: body.price.effective_from, amountCents: decimalToCents(body.price.amount) },
      });
      return Promise.resolve(view.chargemasterOf(item, (request.query as { as_of?: string }).as_of ?? today()));
    },
  );
  api.get('/payers', () => Promise.resolve({ data: billing.listPayers().map(view.payerOf) }));
  api.get('/payers/:payer_id', { schema: { params: schema.idParams('payer_id') } }, (request) =>
    Promise.resolve(view.payerOf(billing.payer(params(request).payer_id))),
  );

  // Accounts
  api.post('/accounts', { schema: { body: schema.accountBody } }, (request, reply) => {
    const outcome = billing.createAccount(view.createAccountInput(request.body as schema.AccountBody), {
      idempotencyKey: idempotencyKeyOf(request),
    });
    return Promise.resolve(sendOutcome(reply, outcome, view.accountOf(outcome.result), 201, outcome.result.version));
  });
  api.get(
    '/accounts',
    {
      schema: {
        querystring: schema.listQuery({
          encounter_ref: { type: 'string', maxLength: 64 },
          mrn: { type: 'string', maxLength: 40 },
          status: { enum: ['OPEN', 'DISCHARGED', 'BILLED', 'SETTLED', 'CLOSED'] },
        }),
      },
    },
    (request) => {
      const query = request.query as schema.ListQuery & { encounter_ref?: string; mrn?: string; status?: AccountStatus };
      const accounts = billing.listAccounts({ encounterRef: query.encounter_ref, mrn: query.mrn, status: query.status });
      return Promise.resolve(page(accounts.map(view.accountOf), query));
    },
  );
  api.get('/accounts/:account_no', { schema: { params: schema.idParams('account_no') } }, (request, reply) => {
    const account = billing.account(params(request).account_no);
    return sendVersioned(request, reply, account.version, view.accountOf(account));
  });
  api.patch(
    '/accounts/:account_no',
    { schema: { params: schema.idParams('account_no'), body: schema.accountPatchBody } },
    (request, reply) => {
      const key = idempotencyKeyOf(request);
      const current = billing.account(params(request).account_no);
      checkIfMatch(request, billing, key, current.version);
      const outcome = billing.updateAccount(current.accountNo, view.accountChangeInput(request.body as schema.AccountPatchBody), {
        idempotencyKey: key,
      });
      return Promise.resolve(sendOutcome(reply, outcome, view.accountOf(outcome.result), 200, outcome.result.version));
    },
  );
  api.put(
    '/accounts/:account_no/coding',
    { schema: { params: schema.idParams('account_no'), body: schema.codingBody } },
    (request, reply) => {
      const key = idempotencyKeyOf(request);
      const current = billing.account(params(request).account_no);
      checkIfMatch(request, billing, key, current.version);
      const outcome = billing.setCoding(current.accountNo, view.codingInput(request.body as schema.CodingBody), { idempotencyKey: key });
      return Promise.resolve(sendOutcome(reply, outcome, view.accountOf(outcome.result), 200, outcome.result.version));
    },
  );

  // Charges and transactions
  api.get('/accounts/:account_no/charges', { schema: { params: schema.idParams('account_no') } }, (request) =>
    Promise.resolve({ data: billing.accountCharges(params(request).account_no).map(view.chargeOf) }),
  );
  api.post(
    '/accounts/:account_no/charges',
    { schema: { params: schema.idParams('account_no'), body: schema.chargeBody } },
    (request, reply) => {
      const outcome = billing.postCharge(params(request).account_no, view.chargeInput(request.body as schema.ChargeBody), {
        idempotencyKey: idempotencyKeyOf(request),
      });
      return Promise.resolve(sendOutcome(reply, outcome, view.chargeOf(outcome.result), 201));
    },
  );
  api.get('/accounts/:account_no/transactions', { schema: { params: schema.idParams('account_no') } }, (request) =>
    Promise.resolve({ data: billing.accountTransactions(params(request).account_no).map(view.transactionOf) }),
  );
  api.post(
    '/accounts/:account_no/transactions',
    { schema: { params: schema.idParams('account_no'), body: schema.transactionsBody } },
    (request, reply) => {
      const outcome = billing.postTransactions(
        params(request).account_no,
        view.transactionsInput(request.body as schema.TransactionsBody),
        {
          idempotencyKey: idempotencyKeyOf(request),
        },
      );
      return Promise.resolve(sendOutcome(reply, outcome, { data: outcome.result.map(view.transactionOf) }, 201));
    },
  );
}
