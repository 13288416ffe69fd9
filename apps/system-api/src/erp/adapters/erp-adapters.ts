import {
  ErpConnectorException,
  ErpConnectorExceptionCode,
  ErpPayrollPort,
  type ErpPort,
  type PostingOptions,
  SandboxErpAdapter,
} from '@concord/connectors/erp';
import { ODataErpAdapter } from '@concord/connectors/erp/odata';
import type { CreatePayrollRunDto, PayrollEmployeeDto, PayrollRunDto } from '@concord/contracts';
import type { SystemApiConfig } from '../../system-api.config';

/** Rate, concurrency, retries and circuit breaker of the one client that reaches the ERP (its API quota). */
export function erpLimits(config: SystemApiConfig) {
  return {
    ratePerSecond: config.ERP_RATE_PER_SECOND,
    concurrency: config.ERP_CONCURRENCY,
    retries: config.ERP_RETRIES,
    breakerThreshold: 5,
    halfOpenAfterMs: 10_000,
  };
}

/** The ERP adapter the configuration names (ERP_ADAPTER). */
export function createErpPort(config: SystemApiConfig): ErpPort {
  switch (config.ERP_ADAPTER) {
    case 'sandbox':
      return new SandboxErpAdapter({
        baseUrl: config.ERP_BASE_URL.replace(/\/+$/, ''),
        timeoutMs: config.DOWNSTREAM_TIMEOUT_MS,
        limits: erpLimits(config),
      });
    case 'odata':
      return new ODataErpAdapter({
        origin: config.ERP_ODATA_BASE_URL,
        session: {
          timeoutMs: config.DOWNSTREAM_TIMEOUT_MS,
          limits: erpLimits(config),
          auth:
            config.ERP_ODATA_USERNAME !== undefined
              ? { kind: 'basic', username: config.ERP_ODATA_USERNAME, password: config.ERP_ODATA_PASSWORD ?? '' }
              : { kind: 'none' },
        },
        plant: config.ERP_ODATA_PLANT,
        priceTolerancePercent: config.ERP_PRICE_TOLERANCE_PERCENT,
        requisitionReleaseThresholdCents: config.ERP_APPROVAL_THRESHOLD_CENTS,
        writeRetries: config.ERP_RETRIES,
      });
  }
}

/** Payroll of an ERP whose adapter has none (the OData APIs carry no payroll): says so on every call. */
export class UnsupportedErpPayroll extends ErpPayrollPort {
  syncPayrollEmployee(_employee: PayrollEmployeeDto, _options: PostingOptions): Promise<PayrollEmployeeDto> {
    return Promise.reject(unsupported());
  }
  getPayrollEmployee(_employeeNumber: string): Promise<PayrollEmployeeDto> {
    return Promise.reject(unsupported());
  }
  postPayrollRun(_input: CreatePayrollRunDto, _options: PostingOptions): Promise<PayrollRunDto> {
    return Promise.reject(unsupported());
  }
}

function unsupported(): ErpConnectorException {
  return new ErpConnectorException(ErpConnectorExceptionCode.NOT_SUPPORTED, 'The configured ERP adapter has no payroll API');
}

/** The ERP's payroll: the sandbox adapter's own, or none. */
export function createErpPayrollPort(port: ErpPort): ErpPayrollPort {
  return port instanceof SandboxErpAdapter ? port : new UnsupportedErpPayroll();
}
