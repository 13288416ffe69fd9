import { describe, expect, it } from 'vitest';
import { WorkforceConnectorException, WorkforceConnectorExceptionCode as Connector } from '@concord/connectors/workforce';
import { httpStatusOf } from '@concord/platform';
import { hrCall, type WorkforceException, WorkforceExceptionCode as Code } from './workforce.exception';

describe('HR connector failures become /workforce/v1 problems', () => {
  const TRANSLATION: Record<Connector, [Code, number]> = {
    [Connector.NOT_FOUND]: [Code.EMPLOYEE_NOT_FOUND, 404],
    [Connector.INVALID_REQUEST]: [Code.REQUEST_INVALID, 400],
    [Connector.CONFLICT]: [Code.CONFLICT, 409],
    [Connector.INVALID_STATE]: [Code.INVALID_STATE, 422],
    [Connector.VERSION_CONFLICT]: [Code.VERSION_CONFLICT, 409],
    [Connector.IDEMPOTENCY_KEY_REUSED]: [Code.IDEMPOTENCY_KEY_REUSED, 422],
    [Connector.NOT_SUPPORTED]: [Code.NOT_SUPPORTED, 422],
    [Connector.SERVER_THROTTLED]: [Code.HR_UNAVAILABLE, 503],
    [Connector.SERVER_UNAVAILABLE]: [Code.HR_UNAVAILABLE, 503],
    [Connector.SERVER_TIMEOUT]: [Code.HR_TIMEOUT, 504],
    [Connector.SERVER_ERROR]: [Code.HR_ERROR, 502],
    [Connector.INVALID_RESPONSE]: [Code.HR_ERROR, 502],
  };

  it.each(Object.values(Connector).map((code) => ({ code, expected: TRANSLATION[code] })))(
    '$code → $expected',
    async ({ code, expected }) => {
      const cause = new WorkforceConnectorException(code, 'worker Casey Morgan at host hr-db-01 said no', 400);
      const error = (await hrCall(() => Promise.reject(cause)).catch((thrown: unknown) => thrown)) as WorkforceException;
      expect([error.code, httpStatusOf(error.category)]).toStrictEqual(expected);
      expect(error.cause).toBe(cause);
      expect(error.message).not.toMatch(/Morgan|hr-db-01/);
    },
  );
});
