import { categoryOfHttpStatus, DomainException, type ErrorCategory, type FieldError } from '@concord/platform';

interface UpstreamProblem {
  code?: unknown;
  detail?: unknown;
  errors?: unknown;
}

/**
 * A call to the layer below failed. 4xx answers keep the lower layer's code and field errors, so a
 * client sees the same PATIENT_NOT_FOUND whichever layer it calls; 5xx and transport failures
 * become UPSTREAM_* codes naming the layer, without its internals.
 */
export class DownstreamException extends DomainException<string> {
  constructor(
    readonly layer: string,
    readonly status: number,
    code: string,
    message: string,
    fieldErrors: FieldError[] = [],
    options?: { cause?: unknown },
  ) {
    super(code, message, fieldErrors, options);
  }

  get category(): ErrorCategory {
    return categoryOfHttpStatus(this.status);
  }

  static fromResponse(layer: string, response: Response, body: unknown): DownstreamException {
    const problem = (body && typeof body === 'object' ? body : {}) as UpstreamProblem;
    if (response.status < 500 && typeof problem.code === 'string') {
      const errors = Array.isArray(problem.errors) ? (problem.errors as FieldError[]) : [];
      return new DownstreamException(
        layer,
        response.status,
        problem.code,
        typeof problem.detail === 'string' ? problem.detail : `${layer} answered ${response.status}`,
        errors,
      );
    }
    if (response.status === 503) return new DownstreamException(layer, 503, 'UPSTREAM_UNAVAILABLE', `${layer} is unavailable`);
    if (response.status === 504) return new DownstreamException(layer, 504, 'UPSTREAM_TIMEOUT', `${layer} timed out`);
    return new DownstreamException(layer, 502, 'UPSTREAM_ERROR', `${layer} answered ${response.status}`);
  }

  static fromTransportError(layer: string, error: unknown): DownstreamException {
    if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
      return new DownstreamException(layer, 504, 'UPSTREAM_TIMEOUT', `${layer} did not answer in time`, [], { cause: error });
    }
    return new DownstreamException(layer, 503, 'UPSTREAM_UNAVAILABLE', `${layer} could not be reached`, [], { cause: error });
  }
}
