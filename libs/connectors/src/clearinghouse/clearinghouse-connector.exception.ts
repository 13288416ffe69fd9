import { DomainException, ErrorCategory } from '@concord/platform';

export enum ClearinghouseConnectorExceptionCode {
  /** A file name that could escape the folder or clash with the exchange's own work files. */
  INVALID_FILE_NAME = 'CLEARINGHOUSE_INVALID_FILE_NAME',
  /** A file of that name is already waiting in the outbound folder: it is never overwritten. */
  FILE_EXISTS = 'CLEARINGHOUSE_FILE_EXISTS',
  /** The outbound folder could not be written (missing, full, no permission). */
  DELIVERY_FAILED = 'CLEARINGHOUSE_DELIVERY_FAILED',
  /** The inbound folder could not be read. */
  COLLECTION_FAILED = 'CLEARINGHOUSE_COLLECTION_FAILED',
  /** The real-time endpoint could not be reached or answered 5xx. */
  REALTIME_UNAVAILABLE = 'CLEARINGHOUSE_REALTIME_UNAVAILABLE',
  REALTIME_TIMEOUT = 'CLEARINGHOUSE_REALTIME_TIMEOUT',
  /** The real-time endpoint refused the inquiry (4xx) without an X12 answer. */
  REALTIME_REJECTED = 'CLEARINGHOUSE_REALTIME_REJECTED',
  /** No real-time endpoint is configured. */
  REALTIME_NOT_CONFIGURED = 'CLEARINGHOUSE_REALTIME_NOT_CONFIGURED',
}

/** What a clearinghouse adapter reports, whatever the transport (folder, SFTP, HTTPS). */
export class ClearinghouseConnectorException extends DomainException<ClearinghouseConnectorExceptionCode> {
  get category(): ErrorCategory {
    switch (this.code) {
      case ClearinghouseConnectorExceptionCode.INVALID_FILE_NAME:
        return ErrorCategory.INVALID_INPUT;
      case ClearinghouseConnectorExceptionCode.FILE_EXISTS:
        return ErrorCategory.CONFLICT;
      case ClearinghouseConnectorExceptionCode.DELIVERY_FAILED:
      case ClearinghouseConnectorExceptionCode.COLLECTION_FAILED:
      case ClearinghouseConnectorExceptionCode.REALTIME_UNAVAILABLE:
      case ClearinghouseConnectorExceptionCode.REALTIME_NOT_CONFIGURED:
        return ErrorCategory.UPSTREAM_UNAVAILABLE;
      case ClearinghouseConnectorExceptionCode.REALTIME_TIMEOUT:
        return ErrorCategory.UPSTREAM_TIMEOUT;
      case ClearinghouseConnectorExceptionCode.REALTIME_REJECTED:
        return ErrorCategory.UPSTREAM_ERROR;
    }
  }
}
