import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_HL7_DELIMITERS } from './hl7-delimiters';
import { escapeHl7 } from './hl7-escape';
import { Hl7ParseError, Hl7ParseErrorCode as Code } from './hl7-parse.error';
import { decodeHl7Bytes, parseHl7, splitHl7Batch } from './hl7-parser';

const MSH = 'MSH|^~\\&|EPIC|CG|CONCORD|CONCORD|20261102083000||ADT^A01^ADT_A01|MSG-0001|P|2.5.1';
const adt = [
  MSH,
  'EVN|A01|20261102083000',
  'PID|1||CG-100234^^^CONCORD^MR~avery-quinn^^^EHR^PI||Quinn^Avery^J||19570314|F',
  'PV1|1|I|4W^412^B^concord-general||||1245319599^Park^Ellis^^^^^^NPI&2.16.840.1.113883.4.6&ISO^^^^NPI|||6100',
  'ZIU|1|KNEE-TOT-CR^Total knee system|1',
].join('\r');

function parseError(input: string | Buffer): Hl7ParseError {
  try {
    parseHl7(input);
  } catch (error) {
    if (error instanceof Hl7ParseError) return error;
    throw error;
  }
  throw new Error('expected an Hl7ParseError');
}

describe('parseHl7: structure and accessors', () => {
  const message = parseHl7(adt);

  it('reads MSH-9, MSH-10 and MSH-12', () => {
    expect(message.type).toEqual({ code: 'ADT', trigger: 'A01', structure: 'ADT_A01' });
    expect(message.controlId).toBe('MSG-0001');
    expect(message.version).toBe('2.5.1');
  });

  it('numbers MSH fields like HL7 does: MSH-1 is the separator, MSH-2 the encoding characters', () => {
    expect(message.get('MSH', 1)).toBe('|');
    expect(message.get('MSH', 2)).toBe('^~\\&');
    expect(message.get('MSH', 3)).toBe('EPIC');
    expect(message.header.repetitionCount(2)).toBe(1);
  });

  it('reaches repetitions, components and subcomponents', () => {
    expect(message.get('PID', 3)).toBe('CG-100234');
    expect(message.get('PID', 3, { rep: 2 })).toBe('avery-quinn');
    expect(message.get('PID', 3, { rep: 2, component: 5 })).toBe('PI');
    expect(message.get('PV1', 7, { component: 9, sub: 2 })).toBe('2.16.840.1.113883.4.6');
    expect(message.getSegment('PID')?.repetitionCount(3)).toBe(2);
    expect(message.getSegment('PID')?.componentCount(5)).toBe(3);
  });

  it('answers undefined for absent positions instead of throwing', () => {
    expect(message.get('PID', 3, { rep: 3 })).toBeUndefined();
    expect(message.get('PID', 99)).toBeUndefined();
    expect(message.get('PID', 5, { component: 7 })).toBeUndefined();
    expect(message.get('OBX', 5)).toBeUndefined();
    expect(message.getSegment('PID')?.repetitionCount(4)).toBe(0);
  });

  it('keeps Z-segments like any other and iterates segments in order', () => {
    expect([...message].map((s) => s.name)).toEqual(['MSH', 'EVN', 'PID', 'PV1', 'ZIU']);
    expect(message.get('ZIU', 2, { component: 2 })).toBe('Total knee system');
    expect(message.getSegments('ZIU')).toHaveLength(1);
    expect(message.segments.map((s) => s.index)).toEqual([0, 1, 2, 3, 4]);
  });

  it('keeps HL7 explicit nulls ("") distinct from empty fields', () => {
    const m = parseHl7(`${MSH}\rPID|1||X||""`);
    expect(m.get('PID', 5)).toBe('""');
    expect(m.get('PID', 4)).toBeUndefined();
  });

  it('reads a message type without trigger or structure (v2.3 ACK)', () => {
    expect(parseHl7('MSH|^~\\&|A|B|C|D|2026||ACK|1|P|2.3').type).toEqual({ code: 'ACK', trigger: '', structure: '' });
  });
});

describe('parseHl7: delimiters are read from MSH-1/MSH-2, never assumed', () => {
  it('uses a v2.7+ truncation character as fifth encoding character', () => {
    const m = parseHl7('MSH|^~\\&#|A|B|C|D|2026||ADT^A04^ADT_A01|1|P|2.7\rPID|1||X^^^Y\\P\\Z');
    expect(m.delimiters.truncation).toBe('#');
    expect(m.get('MSH', 2)).toBe('^~\\&#');
    expect(m.get('PID', 3, { component: 4 })).toBe('Y#Z');
  });

  it('parses a message whose every delimiter is unusual', () => {
    const m = parseHl7('MSH*:@?%*A*B*C*D*2026**ADT:A04*42*P*2.3\rPID*1**X%1:Y:Z@Q?S?R**Doe:Jane');
    expect(m.type).toMatchObject({ code: 'ADT', trigger: 'A04' });
    expect(m.controlId).toBe('42');
    expect(m.get('PID', 3, { sub: 2 })).toBe('1');
    expect(m.get('PID', 3, { component: 3 })).toBe('Z');
    expect(m.get('PID', 3, { rep: 2 })).toBe('Q:R');
    expect(m.get('PID', 5, { component: 2 })).toBe('Jane');
  });

  it.each([
    ['CR', '\r'],
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ])('accepts %s segment ends', (_name, end) => {
    const m = parseHl7(adt.split('\r').join(end) + end);
    expect(m.segments.map((s) => s.name)).toEqual(['MSH', 'EVN', 'PID', 'PV1', 'ZIU']);
    expect(m.toString()).toBe(adt + '\r');
  });

  it('ignores a leading BOM, leading line breaks and trailing empty segments', () => {
    const m = parseHl7(`\uFEFF\r\n${adt}\r\r\n\n   \r`);
    expect(m.segments).toHaveLength(5);
    expect(m.toString()).toBe(adt + '\r');
  });

  it('decodes bytes as UTF-8 by default and as Latin-1 when MSH-18 says 8859/1', () => {
    const utf8 = Buffer.from(`\uFEFF${MSH}\rPID|1||X||Müller^Zoë`, 'utf8');
    expect(parseHl7(utf8).get('PID', 5, { component: 2 })).toBe('Zoë');
    const latin1Text = 'MSH|^~\\&|A|B|C|D|2026||ADT^A08|1|P|2.5|||||USA|8859/1\rPID|1||X||Müller^Zoë';
    expect(parseHl7(Buffer.from(latin1Text, 'latin1')).get('PID', 5)).toBe('Müller');
    expect(decodeHl7Bytes(Buffer.from(latin1Text, 'latin1'))).toBe(latin1Text);
  });
});

describe('parseHl7: escape sequences', () => {
  const escaped = (value: string) => parseHl7(`${MSH}\rNTE|1||${value}`).get('NTE', 3);

  it.each([
    ['field separator', 'a\\F\\b', 'a|b'],
    ['component separator', 'Smith\\S\\Jones', 'Smith^Jones'],
    ['subcomponent separator', 'R\\T\\D', 'R&D'],
    ['repetition separator', 'x\\R\\y', 'x~y'],
    ['escape character', 'C:\\E\\temp', 'C:\\temp'],
    ['hex bytes', 'line\\X0D0A\\next', 'line\r\nnext'],
    ['hex UTF-8', 'Zo\\XC3AB\\', 'Zoë'],
    ['hex Latin-1 when not UTF-8', 'Zo\\XEB\\', 'Zoë'],
    ['several in one value', '\\F\\\\S\\\\T\\\\R\\\\E\\', '|^&~\\'],
  ])('decodes the %s', (_name, raw, plain) => {
    expect(escaped(raw)).toBe(plain);
  });

  it.each([
    ['highlighting', 'normal \\H\\bold\\N\\ normal'],
    ['formatting commands', 'line one\\.br\\line two\\.sp2\\'],
    ['character-set switches', '\\C2842\\text\\C2B42\\'],
    ['local Z escapes', 'a\\Zcustom\\b'],
    ['malformed hex', '\\X4\\'],
  ])('passes %s through verbatim', (_name, raw) => {
    expect(escaped(raw)).toBe(raw);
  });

  it('decodes escapes inside components and subcomponents, not across them', () => {
    const m = parseHl7(`${MSH}\rPID|1||A\\T\\B&C\\S\\D^E`);
    expect(m.get('PID', 3, { sub: 1 })).toBe('A&B');
    expect(m.get('PID', 3, { sub: 2 })).toBe('C^D');
    expect(m.get('PID', 3, { component: 2 })).toBe('E');
  });

  it('round-trips any text through escapeHl7 and the parser', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (value) => {
        const raw = escapeHl7(value, DEFAULT_HL7_DELIMITERS);
        const m = parseHl7(`${MSH}\rNTE|1||${raw}`);
        expect(m.get('NTE', 3) ?? '').toBe(value);
      }),
    );
  });
});

describe('parseHl7: round trip', () => {
  it('serialises exactly what it parsed, escapes and empty trailing fields included', () => {
    const text = `${MSH}\rPID|1||A\\F\\B~C^^^D&E||Quinn^Avery\\H\\J\\N\\|||||||\rZZZ\rPV1|1|I|||||||||||||||||||||\r`;
    expect(parseHl7(text).toString()).toBe(text);
  });

  it('keeps a bare segment name and empty fields as sent', () => {
    expect(parseHl7(`${MSH}\rNTE\rNTE|`).toString()).toBe(`${MSH}\rNTE\rNTE|\r`);
  });
});

describe('parseHl7: malformed input throws a precise Hl7ParseError', () => {
  const cases: { name: string; input: string | Buffer; code: Code; location: Record<string, unknown> }[] = [
    { name: 'empty text', input: '', code: Code.EMPTY_MESSAGE, location: {} },
    { name: 'only line breaks and spaces', input: '\r\n \r\n', code: Code.EMPTY_MESSAGE, location: {} },
    { name: 'empty bytes', input: Buffer.alloc(0), code: Code.EMPTY_MESSAGE, location: {} },
    { name: 'no MSH first', input: 'PID|1||X\rMSH|^~\\&|', code: Code.MISSING_MSH, location: { segmentIndex: 0 } },
    { name: 'MSH alone', input: 'MSH', code: Code.INVALID_DELIMITERS, location: { field: 1 } },
    { name: 'MSH-2 too short', input: 'MSH|^~|A|B', code: Code.ENCODING_CHARACTERS_TOO_SHORT, location: { field: 2 } },
    { name: 'MSH-2 empty', input: 'MSH||A|B', code: Code.ENCODING_CHARACTERS_TOO_SHORT, location: { field: 2 } },
    { name: 'a delimiter declared twice', input: 'MSH|^^\\&|A', code: Code.INVALID_DELIMITERS, location: { field: 2 } },
    { name: 'a letter as delimiter', input: 'MSH|^~\\A|A', code: Code.INVALID_DELIMITERS, location: { field: 2 } },
    { name: 'a letter as field separator', input: 'MSHX^~\\&XA', code: Code.INVALID_DELIMITERS, location: { field: 1 } },
    { name: 'six encoding characters', input: 'MSH|^~\\&#!|A', code: Code.INVALID_DELIMITERS, location: { field: 2 } },
    {
      name: 'unterminated escape',
      input: `${MSH}\rPID|1||X||Quinn^Av\\ery`,
      code: Code.UNTERMINATED_ESCAPE,
      location: { segmentIndex: 1, segmentName: 'PID', segmentOccurrence: 1, field: 5, component: 2 },
    },
    {
      name: 'escape running into a component separator',
      input: `${MSH}\rOBX|1\rOBX|2|TX|||a\\F^\\b`,
      code: Code.UNTERMINATED_ESCAPE,
      location: { segmentIndex: 2, segmentName: 'OBX', segmentOccurrence: 2, field: 5, component: 1 },
    },
    { name: 'empty escape', input: `${MSH}\rNTE|1||a\\\\b`, code: Code.UNTERMINATED_ESCAPE, location: { field: 3 } },
    { name: 'lower-case segment name', input: `${MSH}\rpid|1`, code: Code.INVALID_SEGMENT_NAME, location: { segmentIndex: 1 } },
    { name: 'four-letter segment name', input: `${MSH}\rPIDX|1`, code: Code.INVALID_SEGMENT_NAME, location: { segmentIndex: 1 } },
    { name: 'a wrapped line', input: `${MSH}\rPID|1||X||Qu\rinn|`, code: Code.INVALID_SEGMENT_NAME, location: { segmentIndex: 2 } },
    { name: 'missing MSH-9', input: 'MSH|^~\\&|A|B|C|D|2026|||1|P|2.5', code: Code.MISSING_MESSAGE_TYPE, location: { field: 9 } },
    { name: 'MSH-9 without code', input: 'MSH|^~\\&|A|B|C|D|2026||^A01|1|P|2.5', code: Code.MISSING_MESSAGE_TYPE, location: { field: 9 } },
    { name: 'missing MSH-10', input: 'MSH|^~\\&|A|B|C|D|2026||ADT^A01||P|2.5', code: Code.MISSING_CONTROL_ID, location: { field: 10 } },
    { name: 'short MSH', input: 'MSH|^~\\&|A', code: Code.MISSING_MESSAGE_TYPE, location: { field: 9 } },
    { name: 'two messages', input: `${MSH}\r${MSH}`, code: Code.UNEXPECTED_MSH, location: { segmentIndex: 1, segmentName: 'MSH' } },
    { name: 'binary garbage', input: Buffer.from([0x00, 0xff, 0x0b, 0x1c, 0x89, 0x50, 0x4e, 0x47]), code: Code.MISSING_MSH, location: {} },
    {
      name: 'binary after a valid header',
      input: Buffer.concat([Buffer.from(`${MSH}\r`), Buffer.from([0x00, 0x01, 0xfe, 0x7c])]),
      code: Code.INVALID_SEGMENT_NAME,
      location: { segmentIndex: 1 },
    },
  ];

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, { input, code, location }) => {
    const error = parseError(input);
    expect(error.code).toBe(code);
    expect(error.location).toMatchObject(location);
    expect(error.message.length).toBeGreaterThan(0);
  });

  it('names positions, never values, in its message (no PHI)', () => {
    const error = parseError(`${MSH}\rPID|1||CG-100234||QUINN^AVERY\\`);
    expect(error.message).toBe('segment 2 (PID #1), field 5, component 2: unterminated escape sequence');
    expect(error.segmentIndex).toBe(1);
    expect(error.segmentName).toBe('PID');
    expect(error.field).toBe(5);
    expect(error.message).not.toMatch(/QUINN|AVERY|CG-100234/);
  });

  it('rejects input that is not text or bytes with an Hl7ParseError', () => {
    expect(parseError(42 as unknown as string).code).toBe(Code.EMPTY_MESSAGE);
  });

  it('never throws anything but Hl7ParseError on arbitrary text or bytes', () => {
    const onlyParseErrors = (input: string | Buffer) => {
      try {
        parseHl7(input);
      } catch (error) {
        expect(error).toBeInstanceOf(Hl7ParseError);
      }
    };
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), onlyParseErrors), { numRuns: 500 });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => onlyParseErrors(Buffer.from(bytes))),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('|', '^', '~', '\\', '&', '\r', '\n', 'A', 'M', 'S', 'H', '1'), maxLength: 80 }),
        (tail) => onlyParseErrors(`MSH${tail}`),
      ),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: adt.length }), fc.string({ unit: 'binary', maxLength: 8 }), (at, noise) =>
        onlyParseErrors(adt.slice(0, at) + noise + adt.slice(at)),
      ),
      { numRuns: 1000 },
    );
  });
});

describe('splitHl7Batch', () => {
  it('splits at each MSH, drops batch envelopes and blank lines', () => {
    const two = `FHS|^~\\&\nBHS|^~\\&\n${MSH}\nPID|1\n\n${MSH.replace('MSG-0001', 'MSG-0002')}\nPID|2\nBTS|2\nFTS|1\n`;
    const messages = splitHl7Batch(two);
    expect(messages).toHaveLength(2);
    expect(messages.map((m) => parseHl7(m).controlId)).toEqual(['MSG-0001', 'MSG-0002']);
    expect(messages[1]).toBe(`${MSH.replace('MSG-0001', 'MSG-0002')}\rPID|2\r`);
  });

  it('returns text before the first MSH on its own, so that parsing it reports the problem', () => {
    const [junk, message] = splitHl7Batch(`garbage line\r${MSH}\r`);
    expect(parseError(junk).code).toBe(Code.MISSING_MSH);
    expect(parseHl7(message).controlId).toBe('MSG-0001');
  });
});
