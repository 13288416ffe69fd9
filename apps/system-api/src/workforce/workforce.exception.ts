import { WorkforceConnectorException, WorkforceConnectorExceptionCode } from '@concord/connectors/workforce';
import { DomainException, ErrorCategory } from '@concord/platform';

export enum WorkforceExceptionCode {
  EMPLOYEE_NOT_FOUND = 'WORKFORCE_EMPLOYEE_NOT_FOUND',
  REQUEST_INVALID = 'WORKFORCE_REQUEST_INVALID',
  CONFLICT = 'WORKFORCE_CONFLICT',
  INVALID_STATE = 'WORKFORCE_INVALID_STATE',
  VERSION_CONFLICT = 'WORKFORCE_VERSION_CONFLICT',
  IDEMPOTENCY_KEY_REUSED = 'WORKFORCE_IDEMPOTENCY_KEY_REUSED',
  NOT_SUPPORTED = 'WORKFORCE_NOT_SUPPORTED',
  HR_UNAVAILABLE = 'WORKFORCE_HR_UNAVAILABLE',
  HR_TIMEOUT = 'WORKFORCE_HR_TIMEOUT',
  HR_ERROR = 'WORKFORCE_HR_ERROR',
}

/** What /workforce/v1 answers when a request cannot be served. Messages never carry names or identifiers of staff. */
export class WorkforceException extends DomainException<WorkforceExceptionCode> {
  get category(): ErrorCategory {
    switch (this.code) {
      case WorkforceExceptionCode.EMPLOYEE_NOT_FOUND:
        return ErrorCategory.NOT_FOUND;
      case WorkforceExceptionCode.REQUEST_INVALID:
        return ErrorCategory.INVALID_INPUT;
      case WorkforceExceptionCode.CONFLICT:
      case WorkforceExceptionCode.VERSION_CONFLICT:
        return ErrorCategory.CONFLICT;
      case WorkforceExceptionCode.INVALID_STATE:
      case WorkforceExceptionCode.IDEMPOTENCY_KEY_REUSED:
      case WorkforceExceptionCode.NOT_SUPPORTED:
        return ErrorCategory.UNPROCESSABLE;
      case WorkforceExceptionCode.HR_UNAVAILABLE:
        return ErrorCategory.UPSTREAM_UNAVAILABLE;
      case WorkforceExceptionCode.HR_TIMEOUT:
        return ErrorCategory.UPSTREAM_TIMEOUT;
      case WorkforceExceptionCode.HR_ERROR:
        return ErrorCategory.UPSTREAM_ERROR;
    }
  }
}

/** Runs one call to the HR system, translating its failures. */
export async function hrCall<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw error instanceof WorkforceConnectorException ? fromConnector(error) : error;
  }
}

/**
 * Exhaustive: a new connector code fails to compile until it is mapped here. The HR system's own
 * messages may name the person; the problem says what kind of refusal it was and which fields.
 */
function fromConnector(error: WorkforceConnectorException): WorkforceException {
  const as = (code: WorkforceExceptionCode, message: string) => new WorkforceException(code, message, error.fieldErrors, { cause: error });
  switch (error.code) {
    case WorkforceConnectorExceptionCode.NOT_FOUND:
      return as(WorkforceExceptionCode.EMPLOYEE_NOT_FOUND, 'The HR system has no such employee');
    case WorkforceConnectorExceptionCode.INVALID_REQUEST:
      return as(WorkforceExceptionCode.REQUEST_INVALID, 'The HR system refused the request as invalid; see errors');
    case WorkforceConnectorExceptionCode.CONFLICT:
      return as(WorkforceExceptionCode.CONFLICT, 'The HR system refused the change: it conflicts with an existing record');
    case WorkforceConnectorExceptionCode.INVALID_STATE:
      return as(WorkforceExceptionCode.INVALID_STATE, 'The HR system refused the change in the employee’s current state');
    case WorkforceConnectorExceptionCode.VERSION_CONFLICT:
      return as(WorkforceExceptionCode.VERSION_CONFLICT, 'The employee was changed since the version given in If-Match');
    case WorkforceConnectorExceptionCode.IDEMPOTENCY_KEY_REUSED:
      return as(WorkforceExceptionCode.IDEMPOTENCY_KEY_REUSED, 'This idempotency key was used for a different request');
    case WorkforceConnectorExceptionCode.NOT_SUPPORTED:
      return as(
        WorkforceExceptionCode.NOT_SUPPORTED,
        'The configured HR adapter cannot do this (SCIM carries no positions or credentials)',
      );
    case WorkforceConnectorExceptionCode.SERVER_THROTTLED:
    case WorkforceConnectorExceptionCode.SERVER_UNAVAILABLE:
      return as(WorkforceExceptionCode.HR_UNAVAILABLE, 'The HR system is unavailable; try again later');
    case WorkforceConnectorExceptionCode.SERVER_TIMEOUT:
      return as(WorkforceExceptionCode.HR_TIMEOUT, 'The HR system did not answer in time');
    case WorkforceConnectorExceptionCode.SERVER_ERROR:
    case WorkforceConnectorExceptionCode.INVALID_RESPONSE:
      return as(WorkforceExceptionCode.HR_ERROR, 'The HR system could not answer this request');
  }
}
