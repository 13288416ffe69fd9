import { describe, expect, it } from 'vitest';
import type { SchedulingPort, WorkforcePort } from '@concord/connectors/workforce';
import type { EmployeeDto, SchedulingAccessDto } from '@concord/contracts';
import { SchedulingService } from './scheduling.service';
import { WorkforceExceptionCode } from './workforce.exception';

const employee = (overrides: Partial<EmployeeDto>): EmployeeDto =>
  ({
    id: 'W-1042',
    employeeNumber: 'E10042',
    name: { given: 'Casey', family: 'Morgan' },
    positionId: 'POS-RN2-6200',
    positionTitle: 'Staff Nurse II',
    costCentre: '6200',
    hourlyRate: { amount: 4_850, currency: 'USD' },
    status: 'active',
    hireDate: '2026-11-25',
    source: { system: 'hr', versionId: '1' },
    ...overrides,
  }) as EmployeeDto;

/** The ports are the edge: fakes record what the service asks of the scheduling system. */
function service(hr: EmployeeDto | undefined) {
  const calls: unknown[][] = [];
  const access = (status: SchedulingAccessDto['status']): SchedulingAccessDto => ({
    employeeNumber: 'E10042',
    costCentre: '6200',
    status,
    updatedAt: '2026-11-25T09:00:00.000Z',
  });
  const workforce = { findEmployeeByNumber: () => Promise.resolve(hr) } as unknown as WorkforcePort;
  const scheduling = {
    provision: (...args: unknown[]) => (calls.push(['provision', ...args]), Promise.resolve(access('active'))),
    deprovision: (...args: unknown[]) => (calls.push(['deprovision', ...args]), Promise.resolve(access('deprovisioned'))),
    get: () => Promise.resolve(undefined),
  } as unknown as SchedulingPort;
  return { scheduling: new SchedulingService(workforce, scheduling), calls };
}

const posting = { idempotencyKey: 'k-1' } as never;

describe('SchedulingService', () => {
  it('provisions an active employee on the cost centre and position HR holds', async () => {
    const { scheduling, calls } = service(employee({}));
    await scheduling.provision('E10042', posting);
    expect(calls).toStrictEqual([
      ['provision', { employeeNumber: 'E10042', costCentre: '6200', positionTitle: 'Staff Nurse II' }, { idempotencyKey: 'k-1' }],
    ]);
  });

  it('deprovisions a terminated employee after the termination date HR holds', async () => {
    const { scheduling, calls } = service(employee({ status: 'terminated', terminationDate: '2026-12-09' }));
    await scheduling.deprovision('E10042', posting);
    expect(calls).toStrictEqual([['deprovision', 'E10042', '2026-12-09', { idempotencyKey: 'k-1' }]]);
  });

  it.each([
    ['provision', employee({ status: 'terminated', terminationDate: '2026-12-09' }), WorkforceExceptionCode.INVALID_STATE],
    ['deprovision', employee({}), WorkforceExceptionCode.INVALID_STATE],
    ['provision', undefined, WorkforceExceptionCode.EMPLOYEE_NOT_FOUND],
  ] as const)('refuses to %s when HR says otherwise', async (action, hr, code) => {
    const { scheduling, calls } = service(hr);
    await expect(scheduling[action]('E10042', posting)).rejects.toMatchObject({ code });
    expect(calls).toStrictEqual([]);
  });

  it('answers not found for someone never provisioned', async () => {
    await expect(service(employee({})).scheduling.get('E10042')).rejects.toMatchObject({ code: WorkforceExceptionCode.EMPLOYEE_NOT_FOUND });
  });
});
