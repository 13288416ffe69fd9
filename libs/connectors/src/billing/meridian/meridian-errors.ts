import type { FieldError } from '@concord/platform';
import { BillingConnectorException, BillingConnectorExceptionCode as Code } from '../billing-connector.exception';
import type { MpFault } from './meridian-api.types';

/** Meridian fault codes → what they mean to Concord. */
const CODES: Record<string, Code> = {
  RESOURCE_NOT_FOUND: Code.NOT_FOUND,
  ROUTE_NOT_FOUND: Code.NOT_FOUND,
  INVALID_FIELD: Code.INVALID_REQUEST,
  MALFORMED_JSON: Code.INVALID_REQUEST,
  UNSUPPORTED_MEDIA_TYPE: Code.INVALID_REQUEST,
  PAYLOAD_TOO_LARGE: Code.INVALID_REQUEST,
  PA_FACILITY_UNKNOWN: Code.UNKNOWN_FACILITY,
  PA_PAYER_NOT_CONTRACTED: Code.UNKNOWN_PAYER,
  CDM_CODE_UNKNOWN: Code.UNKNOWN_CHARGE_CODE,
  CDM_NO_PRICE_ON_DATE: Code.NO_PRICE_ON_DATE,
  PA_DUPLICATE_ACCOUNT: Code.DUPLICATE_ACCOUNT,
  PA_DUPLICATE_CHARGE: Code.DUPLICATE_CHARGE,
  PA_ACCOUNT_CLOSED: Code.ACCOUNT_CLOSED,
  IDEMPOTENCY_KEY_REUSED: Code.IDEMPOTENCY_KEY_REUSED,
  PRECONDITION_FAILED: Code.VERSION_CONFLICT,
  RATE_LIMIT_EXCEEDED: Code.SERVER_THROTTLED,
  SERVICE_UNAVAILABLE: Code.SERVER_UNAVAILABLE,
};

/** Meridian field names → canonical ones (`coverages[0].member_id` → `coverages[0].memberId`). */
const FIELDS: Record<string, string> = {
  encounter_ref: 'encounterId',
  visit_no: 'visitNumber',
  facility_id: 'facilityId',
  patient_class: 'patientClass',
  department: 'departmentCode',
  dept: 'departmentCode',
  admit: 'admission',
  type: 'typeCode',
  source: 'sourceCode',
  status: 'statusCode',
  priority: 'order',
  payer_id: 'payerId',
  member_id: 'memberId',
  group_no: 'groupNumber',
  last_name: 'name.family',
  first_name: 'name.given',
  birth_date: 'birthDate',
  sex: 'gender',
  charge_code: 'chargeCode',
  qty: 'quantity',
  service_date: 'serviceDate',
  performing_npi: 'performerNpi',
  source_ref: 'sourceChargeId',
  claim_ref: 'claimReference',
  remit_ref: 'remittanceReference',
  posted_date: 'postedDate',
  group_code: 'group',
  reason_code: 'reasonCode',
  amount: 'amount',
};

/** A Meridian fault target as a canonical field error (Idempotency-Key is a header). */
export function fieldErrorOf(target: string, detail: string): FieldError {
  if (target.toLowerCase() === 'idempotency-key') return { in: 'header', name: 'Idempotency-Key', detail };
  const name = target
    .split('.')
    .map((segment) => {
      const match = /^([A-Za-z_]+)((?:\[\d+\])*)$/.exec(segment);
      if (!match) return segment;
      const [, field = '', index = ''] = match;
      return `${FIELDS[field] ?? field}${index}`;
    })
    .join('.');
  return { in: 'body', name, pointer: `/${name.replace(/\[(\d+)\]/g, '.$1').replaceAll('.', '/')}`, detail };
}

function isFault(body: unknown): body is MpFault {
  if (!body || typeof body !== 'object' || !('fault' in body)) return false;
  const fault = body.fault;
  return (
    !!fault &&
    typeof fault === 'object' &&
    typeof (fault as { code?: unknown }).code === 'string' &&
    typeof (fault as { message?: unknown }).message === 'string'
  );
}

/** Turns a Meridian error answer into a BillingConnectorException; 5xx bodies are not trusted for detail. */
export function errorFromVendor(status: number, body: unknown, retryAfterMs?: number): BillingConnectorException {
  const fault = isFault(body) ? body.fault : undefined;
  if (status === 429)
    return new BillingConnectorException(
      Code.SERVER_THROTTLED,
      'The billing platform refused the call: its API quota was reached',
      status,
      {
        retryAfterMs,
        vendorCode: fault?.code,
      },
    );
  if (status === 503 || status === 502)
    return new BillingConnectorException(Code.SERVER_UNAVAILABLE, `The billing platform is unavailable (${status})`, status, {
      retryAfterMs,
      vendorCode: fault?.code,
    });
  if (status === 504) return new BillingConnectorException(Code.SERVER_TIMEOUT, 'The billing platform timed out', status);
  if (status >= 500 || status < 400)
    return new BillingConnectorException(Code.SERVER_ERROR, `The billing platform failed (${status})`, status, { vendorCode: fault?.code });
  const code =
    (fault && CODES[fault.code]) ??
    (status === 404
      ? Code.NOT_FOUND
      : status === 412
        ? Code.VERSION_CONFLICT
        : status === 409
          ? Code.DUPLICATE_ACCOUNT
          : Code.INVALID_REQUEST);
  const fieldErrors: FieldError[] = [
    ...(fault?.target ? [fieldErrorOf(fault.target, fault.message)] : []),
    ...(fault?.details ?? []).map((detail) => fieldErrorOf(detail.target, detail.message)),
  ];
  const message = fault?.message
    ? `The billing platform refused the request: ${fault.message}`
    : `The billing platform refused the request (${status})`;
  return new BillingConnectorException(code, message, status, { fieldErrors, existing: fault?.existing, vendorCode: fault?.code });
}
