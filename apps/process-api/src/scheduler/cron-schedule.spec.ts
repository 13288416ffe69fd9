import { describe, expect, it } from 'vitest';
import { lastFireTime, matches, parseCron } from './cron-schedule';
import { parseFlowSchedules } from './flow-schedules';

const HOUR = 3_600_000;

describe('cron-like schedules', () => {
  it.each([
    ['0 2 1 * *', '2026-12-01T02:00:00Z', true],
    ['0 2 1 * *', '2026-12-01T02:01:00Z', false],
    ['0 2 1 * *', '2026-12-02T02:00:00Z', false],
    ['*/15 * * * *', '2026-11-25T10:45:00Z', true],
    ['*/15 * * * *', '2026-11-25T10:44:00Z', false],
    ['0 9 * * 1-5', '2026-11-28T09:00:00Z', false], // a Saturday
    ['0 9 * * 1-5', '2026-11-27T09:00:00Z', true],
    ['30 6,18 * 1,7 *', '2027-07-03T18:30:00Z', true],
  ])('%s fires at %s: %s', (expression, at, expected) => {
    expect(matches(parseCron(expression), new Date(at))).toBe(expected);
  });

  it('finds the latest firing within the catch-up window, and none outside it', () => {
    const monthly = parseCron('0 2 1 * *');
    expect(lastFireTime(monthly, new Date('2026-12-01T05:17:42Z'), 12 * HOUR)?.toISOString()).toBe('2026-12-01T02:00:00.000Z');
    expect(lastFireTime(monthly, new Date('2026-12-01T02:00:00Z'), 12 * HOUR)?.toISOString()).toBe('2026-12-01T02:00:00.000Z');
    expect(lastFireTime(monthly, new Date('2026-12-01T01:59:59Z'), 12 * HOUR)).toBeUndefined();
    expect(lastFireTime(monthly, new Date('2026-12-01T15:00:00Z'), 12 * HOUR)).toBeUndefined();
  });

  it.each([
    ['0 2 1 *', 'must have five fields'],
    ['60 2 1 * *', 'minute "60" is outside 0-59'],
    ['0 2 0 * *', 'day of month "0" is outside 1-31'],
    ['0 2 1 * mon', 'day of week "mon" is not'],
    ['*/0 * * * *', 'minute "*/0" is outside'],
  ])('refuses %s naming the field', (expression, message) => {
    expect(() => parseCron(expression)).toThrow(message);
  });

  it('reads FLOW_SCHEDULES entries and names the bad one', () => {
    expect(
      parseFlowSchedules('cost-allocation=0 2 1 * *; other=*/5 * * * *').map((entry) => [entry.flowType, entry.cron.expression]),
    ).toStrictEqual([
      ['cost-allocation', '0 2 1 * *'],
      ['other', '*/5 * * * *'],
    ]);
    expect(parseFlowSchedules(' ')).toStrictEqual([]);
    expect(() => parseFlowSchedules('cost-allocation')).toThrow('must be <flow type>=<cron expression>');
    expect(() => parseFlowSchedules('cost-allocation=0 25 1 * *')).toThrow('FLOW_SCHEDULES entry for cost-allocation: hour "25"');
  });
});
