import { DomainException, ErrorCategory } from '@concord/platform';

export enum FilesExceptionCode {
  UNKNOWN_FEED = 'FILES_UNKNOWN_FEED',
  RUN_NOT_FOUND = 'FILES_RUN_NOT_FOUND',
  /** An upload without a usable file name or without content. */
  INVALID_UPLOAD = 'FILES_INVALID_UPLOAD',
  /** The run is still in progress: it has no report yet. */
  RUN_IN_PROGRESS = 'FILES_RUN_IN_PROGRESS',
}

export class FilesException extends DomainException<FilesExceptionCode> {
  get category(): ErrorCategory {
    switch (this.code) {
      case FilesExceptionCode.UNKNOWN_FEED:
      case FilesExceptionCode.RUN_NOT_FOUND:
        return ErrorCategory.NOT_FOUND;
      case FilesExceptionCode.INVALID_UPLOAD:
        return ErrorCategory.INVALID_INPUT;
      case FilesExceptionCode.RUN_IN_PROGRESS:
        return ErrorCategory.CONFLICT;
    }
  }
}
