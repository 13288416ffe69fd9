import { DomainException, ErrorCategory } from '@concord/platform';

export enum ProfitabilityExceptionCode {
  PROFITABILITY_NOT_COMPUTED = 'PROFITABILITY_NOT_COMPUTED',
}

export class ProfitabilityException extends DomainException<ProfitabilityExceptionCode> {
  get category(): ErrorCategory {
    switch (this.code) {
      case ProfitabilityExceptionCode.PROFITABILITY_NOT_COMPUTED:
        return ErrorCategory.NOT_FOUND;
    }
  }
}
