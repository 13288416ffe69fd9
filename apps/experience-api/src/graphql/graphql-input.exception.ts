import { DomainException, ErrorCategory } from '@concord/platform';

export enum GraphqlInputExceptionCode {
  INVALID_ARGUMENT = 'INVALID_ARGUMENT',
}

/** A field argument experience-api itself refuses (a cursor it did not issue, a filter it cannot apply). */
export class GraphqlInputException extends DomainException<GraphqlInputExceptionCode> {
  constructor(argument: string, detail: string) {
    super(GraphqlInputExceptionCode.INVALID_ARGUMENT, detail, [{ in: 'argument', name: argument, detail }]);
  }

  get category(): ErrorCategory {
    return ErrorCategory.INVALID_INPUT;
  }
}
