import { DomainException, ErrorCategory } from '@concord/platform';

export enum FileConnectorExceptionCode {
  /** A file name that could escape its folder, is hidden or still being written. */
  INVALID_FILE_NAME = 'FILES_INVALID_FILE_NAME',
  /** The drop folder or SFTP directory could not be listed, read or written. */
  SOURCE_UNAVAILABLE = 'FILES_SOURCE_UNAVAILABLE',
  /** A layout file that does not describe a usable format. */
  INVALID_LAYOUT = 'FILES_INVALID_LAYOUT',
  /** A file that cannot be read in its layout at all (not one bad row: the whole file). */
  UNREADABLE_FILE = 'FILES_UNREADABLE_FILE',
}

/** What the file connector reports, whatever the transport (drop folder, SFTP, upload). */
export class FileConnectorException extends DomainException<FileConnectorExceptionCode> {
  get category(): ErrorCategory {
    switch (this.code) {
      case FileConnectorExceptionCode.INVALID_FILE_NAME:
      case FileConnectorExceptionCode.UNREADABLE_FILE:
        return ErrorCategory.INVALID_INPUT;
      case FileConnectorExceptionCode.INVALID_LAYOUT:
        return ErrorCategory.INTERNAL;
      case FileConnectorExceptionCode.SOURCE_UNAVAILABLE:
        return ErrorCategory.UPSTREAM_UNAVAILABLE;
    }
  }
}
