import 'reflect-metadata';
import { validateSync } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { IsResourceId, RESOURCE_ID_PATTERN } from './resource-id.validator';

describe('RESOURCE_ID_PATTERN', () => {
  it.each([
    { id: 'avery-quinn', why: 'letters and a dash' },
    { id: 'a', why: 'one character' },
    { id: '123', why: 'digits only' },
    { id: 'Patient.v2-01', why: 'mixed case, dot, dash and digits' },
    { id: '-.-', why: 'punctuation only, as FHIR allows' },
    { id: 'a.b', why: 'a dot between letters' },
    { id: '.a', why: 'a leading dot' },
    { id: 'a.', why: 'a trailing dot' },
    { id: '..a', why: 'two dots and a letter' },
    { id: '...', why: 'three dots (not a dot segment)' },
    { id: '.'.repeat(64), why: '64 dots' },
    { id: 'x'.repeat(64), why: 'exactly 64 characters' },
  ])('accepts $id ($why)', ({ id }) => {
    expect(RESOURCE_ID_PATTERN.test(id)).toBe(true);
  });

  it.each([
    { id: '', why: 'empty' },
    { id: 'x'.repeat(65), why: '65 characters' },
    { id: 'avery quinn', why: 'a space' },
    { id: 'avery_quinn', why: 'an underscore' },
    { id: 'a/b', why: 'a slash' },
    { id: '../etc', why: 'a path segment escape' },
    { id: '.', why: 'a lone dot, the current-directory segment' },
    { id: '..', why: 'two dots, the parent-directory segment' },
    { id: 'a%2Fb', why: 'a percent escape' },
    { id: 'avery\n', why: 'a trailing newline' },
    { id: 'avery?x=1', why: 'a query string' },
    { id: 'zoë', why: 'a non-ASCII letter' },
  ])('rejects $id ($why)', ({ id }) => {
    expect(RESOURCE_ID_PATTERN.test(id)).toBe(false);
  });
});

describe('@IsResourceId', () => {
  class Params {
    @IsResourceId()
    id!: string;
  }

  it.each([
    { id: 'avery-quinn', constraints: undefined },
    { id: 'avery quinn', constraints: { matches: 'id must be 1-64 letters, digits, "-" or "."' } },
    { id: '..', constraints: { matches: 'id must be 1-64 letters, digits, "-" or "."' } },
    { id: '.', constraints: { matches: 'id must be 1-64 letters, digits, "-" or "."' } },
    { id: '...', constraints: undefined },
  ])('validates $id', ({ id, constraints }) => {
    const params = new Params();
    params.id = id;
    expect(validateSync(params)[0]?.constraints).toStrictEqual(constraints);
  });
});
