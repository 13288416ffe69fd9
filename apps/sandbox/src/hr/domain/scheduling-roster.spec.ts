import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HrDomainError, HrErrorCode } from './hr-domain.error';
import { SchedulingRoster } from './scheduling-roster';

describe('sandbox staff scheduling roster', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  let tick = 0;
  const clock = () => new Date(Date.UTC(2026, 10, 25, 9, 0, tick++));

  it('provisions repeatably, moves a changed employee, and deprovisions with the last day kept', () => {
    const roster = new SchedulingRoster(undefined, clock);
    const first = roster.provision('E10042', { department: '6200', jobTitle: 'Staff Nurse II' });
    expect(first).toMatchObject({ personNumber: 'E10042', department: '6200', status: 'ACTIVE' });
    expect(roster.provision('E10042', { department: '6200', jobTitle: 'Staff Nurse II' })).toBe(first);
    expect(roster.provision('E10042', { department: '6300', jobTitle: 'Staff Nurse II' })).toMatchObject({ department: '6300' });
    const ended = roster.deprovision('E10042', '2026-12-09');
    expect(ended).toMatchObject({ status: 'DEPROVISIONED', accessEndDate: '2026-12-09', department: '6300' });
    expect(roster.deprovision('E10042', '2026-12-09')).toBe(ended);
  });

  it('refuses to deprovision or read someone never provisioned', () => {
    const roster = new SchedulingRoster(undefined, clock);
    expect(() => roster.deprovision('E99999', '2026-12-09')).toThrow(
      new HrDomainError(HrErrorCode.NOT_FOUND, 'No scheduling record for person E99999'),
    );
    expect(() => roster.get('E99999')).toThrow('No scheduling record');
  });

  it('keeps the roster across restarts when given a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'roster-'));
    dirs.push(dir);
    const file = join(dir, 'hr-scheduling.json');
    new SchedulingRoster(file, clock).provision('E10001', { department: '6200' });
    expect(new SchedulingRoster(file, clock).get('E10001')).toMatchObject({ department: '6200', status: 'ACTIVE' });
  });
});
