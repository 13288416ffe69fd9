import type { OperationOutcome } from '@medplum/fhirtypes';
import type { OutboundFailure } from '../resilience/outbound-policy';
import { FhirConnectorException, FhirConnectorExceptionCode as Code } from './fhir-connector.exception';

/** What the client was doing when the EHR answered; some statuses mean different things per interaction. */
export type FhirInteraction = 'read' | 'search' | 'create' | 'conditional-create' | 'update';

/** Retry-After as delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Which FHIR failures are worth retrying, and which mean the EHR itself is failing. */
export function classifyFhirFailure(error: unknown): OutboundFailure {
  if (!(error instanceof FhirConnectorException)) return { retryable: false, systemFailure: false };
  switch (error.code) {
    case Code.SERVER_THROTTLED:
      return { retryable: true, systemFailure: false, retryAfterMs: error.retryAfterMs };
    case Code.SERVER_UNAVAILABLE:
    case Code.SERVER_TIMEOUT:
      return { retryable: true, systemFailure: true, retryAfterMs: error.retryAfterMs };
    case Code.SERVER_ERROR:
      return { retryable: true, systemFailure: true };
    // The EHR misbehaved (counts toward the breaker), but repeating the write could apply it twice.
    case Code.OUTCOME_UNKNOWN:
      return { retryable: false, systemFailure: true };
    case Code.RESOURCE_NOT_FOUND:
    case Code.RESOURCE_GONE:
    case Code.REQUEST_REJECTED:
    case Code.INVALID_RESPONSE:
    case Code.VERSION_CONFLICT:
    case Code.MULTIPLE_MATCHES:
    case Code.UNAUTHORIZED:
    case Code.FORBIDDEN:
      return { retryable: false, systemFailure: false };
  }
}

/**
 * Whether a failed write may nevertheless have been applied by the EHR: the request went out and
 * no verdict came back (timeout, dropped connection, 500/502/504). 429 and 503 mean "not processed";
 * a refused connection means the request never left.
 */
export function outcomeMayBeApplied(error: FhirConnectorException, requestSent: boolean): boolean {
  if (!requestSent) return false;
  switch (error.code) {
    case Code.SERVER_TIMEOUT:
    case Code.SERVER_ERROR:
      return true;
    case Code.SERVER_UNAVAILABLE:
      return error.httpStatus === undefined || error.httpStatus === 502;
    case Code.SERVER_THROTTLED:
    case Code.RESOURCE_NOT_FOUND:
    case Code.RESOURCE_GONE:
    case Code.REQUEST_REJECTED:
    case Code.INVALID_RESPONSE:
    case Code.VERSION_CONFLICT:
    case Code.MULTIPLE_MATCHES:
    case Code.OUTCOME_UNKNOWN:
    case Code.UNAUTHORIZED:
    case Code.FORBIDDEN:
      return false;
  }
}

/** Maps an HTTP error status (and its OperationOutcome, for 4xx only) to a FhirConnectorException. */
export function errorFor(
  status: number,
  outcome: OperationOutcome | undefined,
  interaction: FhirInteraction,
  retryAfter?: number,
): FhirConnectorException {
  const text = outcome?.issue?.[0]?.details?.text ?? outcome?.issue?.[0]?.diagnostics;
  const suffix = text ? `: ${text}` : '';
  const isWrite = interaction === 'create' || interaction === 'conditional-create' || interaction === 'update';
  if (status === 401) return new FhirConnectorException(Code.UNAUTHORIZED, 'The EHR refused Concord’s access token (401)', status);
  if (status === 403)
    return new FhirConnectorException(Code.FORBIDDEN, `The EHR refused the call: Concord’s token lacks the scope for it${suffix}`, status);
  if (status === 404) return new FhirConnectorException(Code.RESOURCE_NOT_FOUND, `The EHR has no such resource${suffix}`, status);
  if (status === 410) return new FhirConnectorException(Code.RESOURCE_GONE, `The resource was deleted at the EHR${suffix}`, status);
  if (status === 412 && interaction === 'conditional-create')
    return new FhirConnectorException(Code.MULTIPLE_MATCHES, `The conditional create matched more than one resource${suffix}`, status);
  if (status === 412 || (status === 409 && isWrite))
    return new FhirConnectorException(
      Code.VERSION_CONFLICT,
      `The resource changed at the EHR since the version this write was based on (${status})${suffix}`,
      status,
    );
  if (status === 429) {
    return new FhirConnectorException(Code.SERVER_THROTTLED, 'The EHR refused the call: its rate limit was reached', status, {
      retryAfterMs: retryAfter,
    });
  }
  if (status === 503 || status === 502) {
    return new FhirConnectorException(Code.SERVER_UNAVAILABLE, `The EHR is unavailable (${status})`, status, { retryAfterMs: retryAfter });
  }
  if (status === 504) return new FhirConnectorException(Code.SERVER_TIMEOUT, 'The EHR timed out', status);
  if (status >= 400 && status < 500)
    return new FhirConnectorException(Code.REQUEST_REJECTED, `The EHR rejected the request (${status})${suffix}`, status);
  return new FhirConnectorException(Code.SERVER_ERROR, `The EHR failed (${status})`, status);
}
