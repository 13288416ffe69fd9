import { describe, expect, it } from 'vitest';
import { X12IssueCode } from './x12-issue';
import { tokenizeX12, X12Tokenizer } from './x12-tokenizer';
import type { X12Segment } from './x12-segment';

/** A fixed-width 5010 ISA with the given delimiters. */
function isa(element = '*', repetition = '^', component = ':', segment = '~', control = '000000001'): string {
  const fields = [
    'ISA',
    '00',
    ' '.repeat(10),
    '00',
    ' '.repeat(10),
    'ZZ',
    'SENDER'.padEnd(15),
    'ZZ',
    'RECEIVER'.padEnd(15),
    '261105',
    '0900',
    repetition,
    '00501',
    control,
    '0',
    'T',
    component,
  ];
  return fields.join(element) + segment;
}

const BODY = [
  'GS*HC*SENDER*RECEIVER*20261105*0900*1*X*005010X222A1',
  'ST*837*0001*005010X222A1',
  'BHT*0019*00*1*20261105*0900*CH',
  'SE*3*0001',
  'GE*1*1',
  'IEA*1*000000001',
];

function ids(segments: readonly X12Segment[]): string[] {
  return segments.map((s) => s.id);
}

describe('X12Tokenizer', () => {
  it('takes the element, component, repetition and segment delimiters from the ISA', () => {
    const text = isa('|', '!', '>', '\n') + BODY.map((s) => s.replaceAll('*', '|')).join('\n') + '\n';
    const { segments, issues } = tokenizeX12(text);
    expect(issues).toEqual([]);
    expect(ids(segments)).toEqual(['ISA', 'GS', 'ST', 'BHT', 'SE', 'GE', 'IEA']);
    expect(segments[0].separators).toEqual({ element: '|', component: '>', repetition: '!', segment: '\n' });
    expect(segments[0].elements).toHaveLength(17);
    expect(segments[0].elements[16]).toBe('>');
    expect(segments[1].elements[8]).toBe('005010X222A1');
  });

  it.each([
    { name: 'CR LF after each terminator', join: '~\r\n' },
    { name: 'LF after each terminator', join: '~\n' },
    { name: 'a space and LF after each terminator', join: '~ \n' },
    { name: 'nothing after the terminators', join: '~' },
  ])('tolerates $name', ({ join }) => {
    const text = isa('*', '^', ':', '~').slice(0, -1) + join + BODY.join(join) + join;
    const { segments, issues } = tokenizeX12(text);
    expect(issues).toEqual([]);
    expect(ids(segments)).toEqual(['ISA', 'GS', 'ST', 'BHT', 'SE', 'GE', 'IEA']);
    expect(segments.map((s) => s.elements.join('*')).join('')).not.toMatch(/[\r\n]/);
  });

  it('strips the CR of CRLF when the terminator is a line feed', () => {
    const text = isa('*', '^', ':', '\n') + BODY.join('\r\n') + '\r\n';
    const { segments } = tokenizeX12(text);
    expect(segments.at(-1)!.elements).toEqual(['IEA', '1', '000000001']);
  });

  it('reads several interchanges with different delimiters in one input', () => {
    const first = isa() + BODY.join('~') + '~';
    const second =
      isa('|', '!', '>', "'", '000000002') + BODY.map((s) => s.replaceAll('*', '|').replace('000000001', '000000002')).join("'") + "'";
    const { segments, issues } = tokenizeX12(first + '\n' + second);
    expect(issues).toEqual([]);
    expect(ids(segments).filter((id) => id === 'ISA')).toHaveLength(2);
    expect(segments[7].separators.element).toBe('|');
    expect(segments[7].elements[13]).toBe('000000002');
  });

  it('gives the same segments whatever the chunking (one character at a time included)', () => {
    const text = isa() + BODY.join('~\r\n') + '~\r\n';
    const whole = tokenizeX12(text).segments.map((s) => [s.id, s.elements, s.offset]);
    for (const size of [1, 2, 3, 7, 50, 105, 106, 107]) {
      const segments: X12Segment[] = [];
      const tokenizer = new X12Tokenizer({ segment: (s) => segments.push(s), issue: (i) => expect.fail(i.message) });
      for (let i = 0; i < text.length; i += size) tokenizer.write(text.slice(i, i + size));
      tokenizer.end();
      expect(segments.map((s) => [s.id, s.elements, s.offset])).toEqual(whole);
    }
  });

  it('reads bytes as Latin-1, one byte per character, so offsets are byte offsets', () => {
    const text = isa() + BODY.join('~') + '~';
    const { segments } = tokenizeX12(Buffer.from(text, 'latin1'));
    expect(segments[1].offset).toBe(106);
  });

  it('records each segment offset in the whole input', () => {
    const text = '\n\n' + isa() + BODY.join('~') + '~';
    const { segments } = tokenizeX12(text);
    expect(segments[0].offset).toBe(2);
    expect(segments[1].offset).toBe(108);
    expect(text.slice(segments[2].offset, segments[2].offset + 3)).toBe('ST*');
  });

  it('tolerates a variable-width ISA, naming each element that is not its fixed width', () => {
    const text = 'ISA*00**00**ZZ*SENDER*ZZ*RECEIVER*261105*0900*^*00501*000000001*0*T*:~' + BODY.join('~') + '~';
    const { segments, issues } = tokenizeX12(text);
    expect(ids(segments)).toEqual(['ISA', 'GS', 'ST', 'BHT', 'SE', 'GE', 'IEA']);
    expect(issues.map((i) => [i.code, i.location.elementPosition, i.ack.ta105])).toEqual([
      [X12IssueCode.ISA_FIELD_WIDTH, 2, '011'],
      [X12IssueCode.ISA_FIELD_WIDTH, 4, '013'],
      [X12IssueCode.ISA_FIELD_WIDTH, 6, '006'],
      [X12IssueCode.ISA_FIELD_WIDTH, 8, '008'],
    ]);
  });

  it.each([
    { name: 'text that is not X12', input: 'bad_file\n', code: X12IssueCode.NOT_X12 },
    { name: 'an empty input', input: '', code: X12IssueCode.NOT_X12 },
    { name: 'only whitespace', input: ' \r\n\t', code: X12IssueCode.NOT_X12 },
    { name: 'an ISA cut short', input: 'ISA*00*   ', code: X12IssueCode.ISA_TRUNCATED },
    { name: 'an alphanumeric segment terminator', input: isa('*', '^', ':', 'X') + 'GS*HC', code: X12IssueCode.INVALID_SEPARATOR },
    {
      name: 'a segment terminator equal to the element separator',
      input: isa('*', '^', ':', '*') + 'GS*HC',
      code: X12IssueCode.INVALID_SEPARATOR,
    },
  ])('reports $name as a typed issue, not an exception', ({ input, code }) => {
    const { segments, issues } = tokenizeX12(input);
    expect(issues.map((i) => i.code)).toEqual([code]);
    expect(segments.filter((s) => s.id !== 'ISA')).toEqual([]);
  });

  it('reports an alphanumeric ISA11 in a 5010 interchange and reads on without a repetition separator', () => {
    const { segments, issues } = tokenizeX12(isa('*', 'U') + BODY.join('~') + '~');
    expect(issues.map((i) => [i.code, i.location.elementPosition, i.ack.ta105])).toEqual([[X12IssueCode.INVALID_SEPARATOR, 11, '016']]);
    expect(segments[0].separators.repetition).toBeUndefined();
    expect(segments).toHaveLength(7);
  });

  it('reads ISA11 as the 4010 standards identifier, not a delimiter, before version 00501', () => {
    const text = isa('*', 'U').replace('00501', '00401') + BODY.join('~') + '~';
    const { segments, issues } = tokenizeX12(text);
    expect(issues).toEqual([]);
    expect(segments[0].separators.repetition).toBeUndefined();
  });

  it('reports text between interchanges and reads the next one', () => {
    const text = isa() + BODY.join('~') + '~' + 'garbage in between\n' + isa() + BODY.join('~') + '~';
    const { segments, issues } = tokenizeX12(text);
    expect(issues.map((i) => [i.code, i.location.offset])).toEqual([
      [X12IssueCode.DATA_OUTSIDE_INTERCHANGE, 106 + BODY.join('~').length + 1],
    ]);
    expect(ids(segments).filter((id) => id === 'ISA')).toHaveLength(2);
  });

  it('emits a last segment without terminator and says so', () => {
    const { segments, issues } = tokenizeX12(isa() + BODY.join('~'));
    expect(segments.at(-1)!.elements).toEqual(['IEA', '1', '000000001']);
    expect(issues.map((i) => i.code)).toEqual([X12IssueCode.SEGMENT_TERMINATOR_MISSING]);
  });
});
