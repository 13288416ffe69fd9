/** What the sandbox HR system refuses. Messages name records by id, never a person by name. */
export enum HrErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  DUPLICATE = 'DUPLICATE',
  INVALID_STATE = 'INVALID_STATE',
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  STORAGE_FAILED = 'STORAGE_FAILED',
}

export class HrDomainError extends Error {
  constructor(
    readonly code: HrErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'HrDomainError';
  }
}
