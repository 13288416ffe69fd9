import { DomainException, ErrorCategory } from '@concord/platform';

export enum ClientRegistryExceptionCode {
  CLIENT_NOT_FOUND = 'CLIENT_NOT_FOUND',
  CLIENT_EXISTS = 'CLIENT_EXISTS',
  CLIENT_REVOKED = 'CLIENT_REVOKED',
  INVALID_SCOPE = 'INVALID_SCOPE',
}

export class ClientRegistryException extends DomainException<ClientRegistryExceptionCode> {
  get category(): ErrorCategory {
    switch (this.code) {
      case ClientRegistryExceptionCode.CLIENT_NOT_FOUND:
        return ErrorCategory.NOT_FOUND;
      case ClientRegistryExceptionCode.CLIENT_EXISTS:
      case ClientRegistryExceptionCode.CLIENT_REVOKED:
        return ErrorCategory.CONFLICT;
      case ClientRegistryExceptionCode.INVALID_SCOPE:
        return ErrorCategory.INVALID_INPUT;
    }
  }
}
