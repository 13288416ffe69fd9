import { describe, expect, it } from 'vitest';
import { parseSchedule } from './reconciliation-scheduler';

describe('parseSchedule (RECONCILIATION_SCHEDULE)', () => {
  it('reads rule=interval pairs, ignoring blanks', () => {
    expect(parseSchedule(' claims-paid-cash=3600000, ,patient-accounts = 86400000 ')).toEqual([
      { rule: 'claims-paid-cash', intervalMs: 3_600_000 },
      { rule: 'patient-accounts', intervalMs: 86_400_000 },
    ]);
    expect(parseSchedule('')).toEqual([]);
  });

  it.each(['claims-paid-cash', 'claims-paid-cash=soon', '=60000', 'claims-paid-cash=500'])('refuses "%s" naming the entry', (entry) => {
    expect(() => parseSchedule(entry)).toThrow(`RECONCILIATION_SCHEDULE entry "${entry}" must be <rule>=<interval in ms, at least 1000>`);
  });
});
