import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHl7Timestamp, parseHl7Timestamp, timestampToIso, timestampToIsoDate } from './hl7-datetime';

describe('HL7 timestamps', () => {
  it.each([
    ['2026', '2026', undefined],
    ['202611', '2026-11', undefined],
    ['20261102', '2026-11-02', '2026-11-02'],
    ['2026110208', '2026-11-02T08:00:00', '2026-11-02'],
    ['202611020830', '2026-11-02T08:30:00', '2026-11-02'],
    ['20261102083015', '2026-11-02T08:30:15', '2026-11-02'],
    ['20261102083015.4', '2026-11-02T08:30:15.400', '2026-11-02'],
    ['20261102083015-0500', '2026-11-02T13:30:15.000Z', '2026-11-02'],
    ['20210817151943.4+0200', '2021-08-17T13:19:43.400Z', '2021-08-17'],
    ['200501122200+0000', '2005-01-12T22:00:00.000Z', '2005-01-12'],
    ['20261231233000-0500', '2027-01-01T04:30:00.000Z', '2026-12-31'],
  ])('%s → %s', (hl7, iso, date) => {
    const ts = parseHl7Timestamp(hl7);
    expect(ts).toBeDefined();
    if (!ts) return;
    expect(timestampToIso(ts)).toBe(iso);
    expect(timestampToIsoDate(ts)).toBe(date);
  });

  it.each([
    '',
    '2026-11-02',
    '20261302',
    '20260230',
    '2026110225',
    '202611020860',
    '20261102083015+1500',
    '20261102 0830',
    'today',
    '2026110',
  ])('rejects %j', (value) => expect(parseHl7Timestamp(value)).toBeUndefined());

  it.each([
    ['2026-11-02', '20261102'],
    ['2026-11-02T13:30:00.000Z', '20261102133000+0000'],
    ['2026-11-02T13:30:00.120Z', '20261102133000.12+0000'],
    ['2026-11-02T08:30:00-05:00', '20261102083000-0500'],
    ['2026-11-02T08:30', '20261102083000'],
  ])('formats %s as %s', (iso, hl7) => expect(formatHl7Timestamp(iso)).toBe(hl7));

  it('refuses to format what is not ISO 8601', () => {
    expect(() => formatHl7Timestamp('02/11/2026')).toThrow(RangeError);
  });

  it('round-trips any instant at millisecond precision through HL7 and back', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T23:59:59Z'), noInvalidDate: true }),
        (date) => {
          const ts = parseHl7Timestamp(formatHl7Timestamp(date));
          expect(ts && timestampToIso(ts)).toBe(date.toISOString());
        },
      ),
    );
  });
});
