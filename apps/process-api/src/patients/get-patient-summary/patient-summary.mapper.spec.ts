import { describe, expect, it } from 'vitest';
import type { SystemApiComponents } from '@concord/clients';
import { ageInYears, toPatientSummary } from './patient-summary.mapper';

type SystemApiPatient = SystemApiComponents['schemas']['PatientDto'];

const at = (isoDate: string) => new Date(`${isoDate}T12:00:00Z`);

describe('ageInYears', () => {
  it.each([
    { birthDate: '1957-03-14', today: '2026-03-14', age: 69, why: 'birthday today' },
    { birthDate: '1957-03-14', today: '2026-03-13', age: 68, why: 'the day before the birthday' },
    { birthDate: '1957-03-14', today: '2026-03-15', age: 69, why: 'the day after the birthday' },
    { birthDate: '1957-03-14', today: '2026-02-28', age: 68, why: 'an earlier month, later day' },
    { birthDate: '1957-03-14', today: '2026-04-01', age: 69, why: 'a later month, earlier day' },
    { birthDate: '1957-03-14', today: '2026-12-31', age: 69, why: 'end of the year' },
    { birthDate: '2000-02-29', today: '2023-02-28', age: 22, why: 'leap-day birthday, Feb 28 of a common year' },
    { birthDate: '2000-02-29', today: '2023-03-01', age: 23, why: 'leap-day birthday, Mar 1 of a common year' },
    { birthDate: '2000-02-29', today: '2024-02-28', age: 23, why: 'leap-day birthday, the day before in a leap year' },
    { birthDate: '2000-02-29', today: '2024-02-29', age: 24, why: 'leap-day birthday in a leap year' },
    { birthDate: '2026-03-14', today: '2026-03-14', age: 0, why: 'born today' },
    { birthDate: '2025-03-15', today: '2026-03-14', age: 0, why: 'one day short of one year' },
    { birthDate: '2026-03-15', today: '2026-03-14', age: undefined, why: 'born tomorrow' },
    { birthDate: '2030-01-01', today: '2026-03-14', age: undefined, why: 'a future year' },
    { birthDate: undefined, today: '2026-03-14', age: undefined, why: 'no birth date' },
    { birthDate: '', today: '2026-03-14', age: undefined, why: 'an empty birth date' },
  ])('$birthDate on $today → $age ($why)', ({ birthDate, today, age }) => {
    expect(ageInYears(birthDate, at(today))).toBe(age);
  });

  it('counts days in UTC, not in the server’s time zone', () => {
    // 23:30 on March 13 in New York is already March 14 in UTC.
    expect(ageInYears('1957-03-14', new Date('2026-03-13T23:30:00-05:00'))).toBe(69);
    expect(ageInYears('1957-03-14', new Date('2026-03-14T00:30:00+02:00'))).toBe(68);
  });
});

const TODAY = at('2026-03-14');

const avery: SystemApiPatient = {
  id: 'avery-quinn',
  mrn: 'CG-100234',
  identifiers: [{ system: 'urn:concord:health:mrn', value: 'CG-100234', type: 'MR' }],
  name: { family: 'Quinn', given: ['Avery', 'Jo'], text: 'Avery J. Quinn' },
  gender: 'female',
  birthDate: '1957-03-14',
  deceased: false,
  telecom: [
    { system: 'fax', value: '+1-555-0100' },
    { system: 'email', value: 'avery@example.org', use: 'home' },
    { system: 'phone', value: '+1-555-0142', use: 'home' },
    { system: 'phone', value: '+1-555-0199', use: 'work' },
    { system: 'email', value: 'a.quinn@work.example.org', use: 'work' },
  ],
  addresses: [{ line: ['12 Harbour Lane'], city: 'Concord' }],
  source: { system: 'ehr', recordId: 'avery-quinn', versionId: '3' },
};

const namesake = (id: string, family: string | undefined, mrn?: string): SystemApiPatient => ({
  ...avery,
  id,
  ...(mrn ? { mrn } : { mrn: undefined }),
  name: { ...(family === undefined ? {} : { family }), given: ['Someone'] },
});

describe('toPatientSummary', () => {
  it('summarises a patient', () => {
    expect(toPatientSummary(avery, [], TODAY)).toStrictEqual({
      id: 'avery-quinn',
      mrn: 'CG-100234',
      displayName: 'Avery J. Quinn',
      familyName: 'Quinn',
      givenNames: ['Avery', 'Jo'],
      gender: 'female',
      birthDate: '1957-03-14',
      ageYears: 69,
      deceased: false,
      identifiers: [{ system: 'urn:concord:health:mrn', value: 'CG-100234', type: 'MR' }],
      phone: '+1-555-0142',
      email: 'avery@example.org',
      possibleDuplicates: [],
      sources: [{ system: 'ehr', recordId: 'avery-quinn', versionId: '3' }],
    });
  });

  it.each([
    { name: { family: 'Quinn', given: ['Avery'], text: 'Dr Avery Quinn' }, displayName: 'Dr Avery Quinn' },
    { name: { family: 'Quinn', given: ['Avery', 'Jo'] }, displayName: 'Avery Jo Quinn' },
    { name: { given: ['Cher'] }, displayName: 'Cher' },
    { name: { family: 'Quinn', given: [] }, displayName: 'Quinn' },
    { name: { given: [] }, displayName: '' },
  ])('display name of $name is "$displayName"', ({ name, displayName }) => {
    expect(toPatientSummary({ ...avery, name }, [], TODAY).displayName).toBe(displayName);
  });

  it('has no familyName, mrn or birthDate keys when the patient has none', () => {
    const summary = toPatientSummary({ ...avery, mrn: undefined, birthDate: undefined, name: { given: ['Cher'] } }, [], TODAY);
    expect(summary).not.toHaveProperty('familyName');
    expect(summary).not.toHaveProperty('mrn');
    expect(summary).not.toHaveProperty('birthDate');
    expect(summary).not.toHaveProperty('ageYears');
  });

  it.each([
    { name: 'first phone, then first email', telecom: avery.telecom, phone: '+1-555-0142', email: 'avery@example.org' },
    {
      name: 'an sms number counts as a phone',
      telecom: [{ system: 'sms' as const, value: '+1-555-0177' }],
      phone: '+1-555-0177',
      email: undefined,
    },
    {
      name: 'the first of phone or sms wins',
      telecom: [
        { system: 'sms' as const, value: '+1-555-0177' },
        { system: 'phone' as const, value: '+1-555-0142' },
      ],
      phone: '+1-555-0177',
      email: undefined,
    },
    {
      name: 'fax and pager are not phones',
      telecom: [
        { system: 'fax' as const, value: '1' },
        { system: 'pager' as const, value: '2' },
      ],
      phone: undefined,
      email: undefined,
    },
    { name: 'no telecom', telecom: [], phone: undefined, email: undefined },
  ])('contact: $name', ({ telecom, phone, email }) => {
    const summary = toPatientSummary({ ...avery, telecom }, [], TODAY);
    expect(summary.phone).toBe(phone);
    expect(summary.email).toBe(email);
    expect('phone' in summary).toBe(phone !== undefined);
    expect('email' in summary).toBe(email !== undefined);
  });

  it('lists as possible duplicates only other patients with the same family name, ignoring case', () => {
    const namesakes = [
      avery,
      namesake('morgan-quinn', 'Quinn', 'CR-200902'),
      namesake('sam-quinn', 'QUINN'),
      namesake('alex-quinnell', 'Quinnell', 'CR-1'),
      namesake('no-family', undefined, 'CR-2'),
    ];
    expect(toPatientSummary(avery, namesakes, TODAY).possibleDuplicates).toStrictEqual([
      { id: 'morgan-quinn', mrn: 'CR-200902' },
      { id: 'sam-quinn' },
    ]);
  });

  it('gives a patient without a family name no possible duplicates, even when others also lack one', () => {
    const cher = { ...avery, id: 'cher', name: { given: ['Cher'] } };
    const namesakes = [
      cher,
      namesake('no-family-1', undefined),
      namesake('no-family-2', undefined, 'CR-2'),
      namesake('morgan-quinn', 'Quinn', 'CR-200902'),
    ];
    expect(toPatientSummary(cher, namesakes, TODAY).possibleDuplicates).toStrictEqual([]);
  });

  it('does not list patients without a family name as duplicates of one who has it', () => {
    expect(toPatientSummary(avery, [namesake('no-family', undefined, 'CR-2')], TODAY).possibleDuplicates).toStrictEqual([]);
  });

  it('gives a deceased patient no age', () => {
    const summary = toPatientSummary({ ...avery, deceased: true }, [], TODAY);
    expect(summary.deceased).toBe(true);
    expect(summary).not.toHaveProperty('ageYears');
    expect(summary.birthDate).toBe('1957-03-14');
  });

  it('gives a patient born in the future no age', () => {
    expect(toPatientSummary({ ...avery, birthDate: '2027-01-01' }, [], TODAY)).not.toHaveProperty('ageYears');
  });
});
