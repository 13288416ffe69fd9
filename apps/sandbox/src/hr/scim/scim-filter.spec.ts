import { describe, expect, it } from 'vitest';
import { matchesScimFilter, parseScimFilter, ScimFilterError } from './scim-filter';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const casey: Record<string, unknown> = {
  username: 'casey.morgan@concordhealth.example',
  active: true,
  'name.familyname': 'Morgan',
  'emails.value': ['casey.morgan@concordhealth.example'],
  [`${ENTERPRISE.toLowerCase()}:employeenumber`]: 'E10042',
  [`${ENTERPRISE.toLowerCase()}:costcenter`]: '6200',
  title: undefined,
};
const read = (path: string) => casey[path];

describe('parseScimFilter and matchesScimFilter', () => {
  it.each([
    { filter: 'userName eq "casey.morgan@concordhealth.example"', matches: true },
    { filter: 'userName eq "CASEY.MORGAN@concordhealth.example"', matches: true },
    { filter: 'USERNAME Eq "casey.morgan@concordhealth.example"', matches: true },
    { filter: 'urn:ietf:params:scim:schemas:core:2.0:User:userName eq "casey.morgan@concordhealth.example"', matches: true },
    { filter: 'userName eq "robin.hale@concordhealth.example"', matches: false },
    { filter: 'userName sw "casey"', matches: true },
    { filter: 'userName ew ".example"', matches: true },
    { filter: 'name.familyName co "org"', matches: true },
    { filter: 'emails.value eq "casey.morgan@concordhealth.example"', matches: true },
    { filter: `${ENTERPRISE}:employeeNumber eq "E10042"`, matches: true },
    { filter: `${ENTERPRISE}:costCenter eq "6200" and active eq true`, matches: true },
    { filter: `${ENTERPRISE}:costCenter eq "6300" or active eq true`, matches: true },
    { filter: `${ENTERPRISE}:costCenter eq "6300" or (active eq false and userName pr)`, matches: false },
    { filter: 'not (active eq false)', matches: true },
    { filter: 'title pr', matches: false },
    { filter: 'title eq null', matches: true },
    { filter: 'active ne false', matches: true },
    { filter: 'userName eq "a \\"quoted\\" name"', matches: false },
  ])('$filter → $matches', ({ filter, matches }) => {
    expect(matchesScimFilter(parseScimFilter(filter), read)).toBe(matches);
  });

  it.each([
    { filter: 'userName', message: 'Expected an operator at position 8' },
    { filter: 'userName eq', message: 'Expected a value at position 11' },
    { filter: 'userName like "x"', message: 'Unknown operator "like" at position 9' },
    { filter: 'userName eq casey', message: 'Expected a quoted string, number, true, false or null, not "casey" at position 12' },
    { filter: 'userName eq "open', message: 'Unterminated string at position 12' },
    { filter: '(userName eq "x"', message: 'Expected ")" at position 16' },
    { filter: 'userName eq "x" active eq true', message: 'Unexpected "active" at position 16' },
    { filter: 'not active eq true', message: 'Expected "(" after not at position 4' },
    { filter: '"x" eq userName', message: 'Expected an attribute at position 0' },
    { filter: '', message: 'Expected an attribute at position 0' },
    { filter: `${'('.repeat(30)}active pr${')'.repeat(30)}`, message: 'Filter nested too deeply at position 20' },
  ])('refuses $filter with a position', ({ filter, message }) => {
    expect(() => parseScimFilter(filter)).toThrow(
      new ScimFilterError(message.replace(/ at position \d+$/, ''), Number(/(\d+)$/.exec(message)?.[1])),
    );
  });
});
