import { describe, expect, it } from 'vitest';
import { codingSystemUri, hl7CodingSystemName, identifierSystemUri } from './hl7-coding-systems';
import { Hl7MessageBuilder } from './hl7-message-builder';

const header = {
  sendingApplication: 'A',
  sendingFacility: 'B',
  receivingApplication: 'C',
  receivingFacility: 'D',
  timestamp: '20261102',
  messageType: { code: 'ADT', trigger: 'A01', structure: 'ADT_A01' },
  controlId: '1',
  version: '2.5.1',
};

describe('Hl7MessageBuilder', () => {
  it('writes fields by number, leaves out trailing empties and escapes values', () => {
    const text = new Hl7MessageBuilder(header)
      .add('PID', {
        1: '1',
        3: [['X', undefined, undefined, 'AUTH', 'MR'], ['Y']],
        5: [['A^B', ['s1', undefined, 's3']]],
        8: undefined,
        9: '',
      })
      .add('ZZZ', {})
      .toString();
    expect(text).toBe('MSH|^~\\&|A|B|C|D|20261102||ADT^A01^ADT_A01|1|P|2.5.1\rPID|1||X^^^AUTH^MR~Y||A\\S\\B^s1&&s3\rZZZ\r');
  });

  it('uses the delimiters it is given', () => {
    const text = new Hl7MessageBuilder(header, { field: '!', component: '@', repetition: '~', escape: '?', subcomponent: '%' })
      .add('NTE', { 3: 'a!b@c' })
      .build();
    expect(text.toString()).toBe('MSH!@~?%!A!B!C!D!20261102!!ADT@A01@ADT_A01!1!P!2.5.1\rNTE!!!a?F?b?S?c\r');
    expect(text.get('NTE', 3)).toBe('a!b@c');
  });

  it('refuses segment names that are not HL7 names, and a second MSH', () => {
    const builder = new Hl7MessageBuilder(header);
    expect(() => builder.add('pid', {})).toThrow(RangeError);
    expect(() => builder.add('MSH', {})).toThrow(RangeError);
  });
});

describe('coding and identifier systems', () => {
  it.each([
    ['C4', '27447', 'http://www.ama-assn.org/go/cpt'],
    ['I10', 'M17.12', 'http://hl7.org/fhir/sid/icd-10-cm'],
    ['i10p', '0SRD0JZ', 'http://www.cms.gov/Medicare/Coding/ICD10'],
    ['SCT', '29857009', 'http://snomed.info/sct'],
    [undefined, '99213', 'http://www.ama-assn.org/go/cpt'],
    [undefined, '0001F', 'http://www.ama-assn.org/go/cpt'],
    [undefined, 'C1776', 'urn:oid:2.16.840.1.113883.6.285'],
    [undefined, 'RB-SEMI', 'urn:concord:hl7v2:coding-system:unspecified'],
    ['L', 'RAD-1', 'urn:concord:hl7v2:coding-system:L'],
  ])('%s %s → %s', (name, code, uri) => expect(codingSystemUri(name, code)).toBe(uri));

  it('names the known systems back, and unknown ones by what they were called', () => {
    expect(hl7CodingSystemName('http://www.ama-assn.org/go/cpt')).toBe('C4');
    expect(hl7CodingSystemName('urn:concord:hl7v2:coding-system:L')).toBe('L');
    expect(hl7CodingSystemName('urn:concord:hl7v2:coding-system:unspecified')).toBeUndefined();
    expect(hl7CodingSystemName('http://example.org/other')).toBeUndefined();
  });

  it.each([
    ['MR', 'ANY', 'urn:concord:health:mrn'],
    ['mrn', undefined, 'urn:concord:health:mrn'],
    ['SS', 'SSA', 'http://hl7.org/fhir/sid/us-ssn'],
    ['PI', 'EHR', 'urn:concord:hl7v2:identifier:EHR'],
    [undefined, undefined, 'urn:concord:hl7v2:identifier:unspecified'],
  ])('identifier type %s from %s → %s', (type, authority, uri) => expect(identifierSystemUri(type, authority)).toBe(uri));
});
