import { describe, expect, it } from 'vitest';
import { RequestException, RequestExceptionCode } from '@concord/platform';
import { GetPatientSummaryCommand } from './get-patient-summary.command';

describe('GetPatientSummaryCommand.of', () => {
  it('keeps a valid id and the given day', () => {
    const today = new Date('2026-03-14T12:00:00Z');
    const command = GetPatientSummaryCommand.of('avery-quinn', today);
    expect(command.patientId).toBe('avery-quinn');
    expect(command.today).toBe(today);
  });

  it('defaults today to now', () => {
    const before = Date.now();
    const command = GetPatientSummaryCommand.of('avery-quinn');
    expect(command.today.getTime()).toBeGreaterThanOrEqual(before);
    expect(command.today.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it.each([
    { id: '', why: 'empty' },
    { id: 'avery quinn', why: 'a space' },
    { id: 'a/b', why: 'a slash' },
    { id: 'x'.repeat(65), why: 'too long' },
    { id: 'avery_quinn', why: 'an underscore' },
    { id: '<script>', why: 'markup' },
  ])('rejects $why with VALIDATION_FAILED naming id', ({ id }) => {
    let thrown: unknown;
    try {
      GetPatientSummaryCommand.of(id);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RequestException);
    const exception = thrown as RequestException;
    expect(exception.code).toBe(RequestExceptionCode.VALIDATION_FAILED);
    expect(exception.fieldErrors).toStrictEqual([{ in: 'path', name: 'id', detail: 'id must be 1-64 letters, digits, "-" or "."' }]);
  });
});
