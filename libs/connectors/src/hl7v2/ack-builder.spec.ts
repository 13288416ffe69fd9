import { describe, expect, it } from 'vitest';
import { ackErrorFor, buildAck, buildErrorAck, buildNak, generateControlId } from './ack-builder';
import { Hl7ErrorCode } from './hl7-error-codes';
import { Hl7MappingError, Hl7MappingErrorCode } from './hl7-mapping.error';
import { Hl7ParseError } from './hl7-parse.error';
import { parseHl7 } from './hl7-parser';

const at = '2026-11-02T08:30:05.000Z';
const v251 = parseHl7(
  'MSH|^~\\&|EPIC|CG^1.2.3^ISO|CONCORD|CONCORD|20261102083000||ADT^A01^ADT_A01|MSG-0001|P|2.5.1\rEVN|A01\rPID|1||CG-100234^^^CONCORD^MR',
);
const v23 = parseHl7('MSH|^~\\&|LEGACY|CG|CONCORD|CONCORD|20261102083000||ADT^A04|77|T|2.3\rPID|1||X');
const missingMrn = new Hl7MappingError(Hl7MappingErrorCode.MISSING_FIELD, 'the MRN is required', {
  segmentName: 'PID',
  segmentOccurrence: 1,
  field: 3,
  component: 1,
});

describe('buildAck', () => {
  it('swaps sender and receiver, answers MSH-10 in MSA-2 and gets a control id of its own', () => {
    const ack = parseHl7(buildAck(v251, { code: 'AA', controlId: 'ACK-1', timestamp: at }));
    expect(ack.toString()).toBe(
      'MSH|^~\\&|CONCORD|CONCORD|EPIC|CG^1.2.3^ISO|20261102083005+0000||ACK^A01^ACK|ACK-1|P|2.5.1\rMSA|AA|MSG-0001\r',
    );
    expect(ack.type).toEqual({ code: 'ACK', trigger: 'A01', structure: 'ACK' });
  });

  it('generates a fresh control id by default', () => {
    const ack = parseHl7(buildAck(v251, { code: 'AA' }));
    expect(ack.controlId).toMatch(/^[0-9A-Z]{20}$/);
    expect(ack.controlId).not.toBe(v251.controlId);
  });

  it('reports errors in ERR-2 (location), ERR-3 (table 0357), ERR-4 (severity) and ERR-8 (text) from v2.5 on', () => {
    const ack = parseHl7(buildAck(v251, { code: 'AE', controlId: 'A', timestamp: at, errors: [ackErrorFor(missingMrn)] }));
    expect(ack.getSegment('MSA')?.toString()).toBe('MSA|AE|MSG-0001');
    expect(ack.getSegment('ERR')?.toString()).toBe(
      'ERR||PID^1^3^1^1|101^Required field missing^HL70357|E||||segment PID #1, field 3, component 1: the MRN is required',
    );
  });

  it('writes one ERR per error', () => {
    const errors = [
      { code: Hl7ErrorCode.UNSUPPORTED_MESSAGE_TYPE },
      { code: Hl7ErrorCode.DATA_TYPE_ERROR, location: { segmentName: 'FT1', segmentOccurrence: 2, field: 10 } },
    ];
    const ack = parseHl7(buildAck(v251, { code: 'AR', errors }));
    expect(ack.getSegments('ERR').map((s) => [s.raw(2), s.get(3)])).toEqual([
      ['', '200'],
      ['FT1^2^10^1', '102'],
    ]);
  });

  it('uses ERR-1 (ELD) and MSA-3 for v2.3 and v2.4, and MSH-9 without structure for v2.3', () => {
    const ack = buildAck(v23, { code: 'AE', controlId: 'B', timestamp: at, errors: [ackErrorFor(missingMrn)] });
    expect(ack).toBe(
      'MSH|^~\\&|CONCORD|CONCORD|LEGACY|CG|20261102083005+0000||ACK^A04|B|T|2.3\r' +
        'MSA|AE|77|segment PID #1, field 3, component 1: the MRN is required\r' +
        'ERR|PID^1^3^101&Required field missing&HL70357\r',
    );
  });

  it('answers in the delimiters the sender declared', () => {
    const custom = parseHl7('MSH*:@?%*APP*FAC*CONCORD*CG*2026**ADT:A08*X?S?1*P*2.5.1');
    const ack = buildAck(custom, { code: 'AR', controlId: 'C', timestamp: at, errors: [{ code: Hl7ErrorCode.UNSUPPORTED_EVENT_CODE }] });
    expect(ack.startsWith('MSH*:@?%*CONCORD*CG*APP*FAC*')).toBe(true);
    const parsed = parseHl7(ack);
    expect(parsed.get('MSA', 2)).toBe('X:1');
    expect(parsed.get('ERR', 3)).toBe('201');
  });
});

describe('buildNak', () => {
  it('addresses a reject from the readable MSH line of a message that does not parse', () => {
    const broken = 'MSH|^~\\&|SF|SecureFlow|XYZ||20050918000000||MDM^T04|{6AF4DC6C-5BF1-\n4563-8EBD}|P|2.3';
    let error: unknown;
    try {
      parseHl7(broken);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Hl7ParseError);
    const nak = parseHl7(buildNak(broken, error, { timestamp: at, controlId: 'N' }));
    expect(nak.get('MSA', 1)).toBe('AR');
    expect(nak.get('MSA', 2)).toBe('{6AF4DC6C-5BF1-');
    expect(nak.get('MSH', 5)).toBe('SF');
    // MSH-12 sits on the wrapped second line, so the version is unknown and the NAK is written as v2.5.1.
    expect(nak.type).toEqual({ code: 'ACK', trigger: 'T04', structure: 'ACK' });
    expect(nak.version).toBe('2.5.1');
    expect(nak.get('ERR', 2)).toBeUndefined();
    expect(nak.get('ERR', 3)).toBe('100');
  });

  it('leaves MSA-2 empty when no MSH-10 can be read, and still produces a parseable v2.5.1 reject', () => {
    const nak = parseHl7(buildNak(Buffer.from([0xde, 0xad, 0xbe, 0xef]), undefined, { controlId: 'N' }));
    expect(nak.get('MSA', 1)).toBe('AR');
    expect(nak.get('MSA', 2)).toBeUndefined();
    expect(nak.version).toBe('2.5.1');
    expect(nak.get('ERR', 3)).toBe('207');
  });

  it('falls back to the default delimiters when the declared ones are unusable', () => {
    const nak = parseHl7(buildNak('MSH|^^|APP|FAC|||2026||ADT^A01|CTRL-9|P|2.5', undefined));
    expect(nak.get('MSA', 2)).toBe('CTRL-9');
    expect(nak.delimiters.component).toBe('^');
  });
});

describe('buildErrorAck', () => {
  it('rejects (AR) what does not parse, errors (AE) what does not map, rejects (AR, 207) anything else', () => {
    expect(parseHl7(buildErrorAck('garbage', new Hl7ParseError(Hl7ParseError.prototype.code, 'x'))).get('MSA', 1)).toBe('AR');
    expect(parseHl7(buildErrorAck(v251, missingMrn)).get('MSA', 1)).toBe('AE');
    const internal = parseHl7(buildErrorAck(v251, new Error('SQLITE_BUSY at /data/system.db for patient Quinn')));
    expect(internal.get('MSA', 1)).toBe('AR');
    expect(internal.get('ERR', 3)).toBe('207');
    expect(internal.toString()).not.toMatch(/SQLITE|Quinn|system\.db/);
  });
});

describe('generateControlId', () => {
  it('fits MSH-10 in every version and does not repeat', () => {
    const ids = new Set(Array.from({ length: 1000 }, generateControlId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toHaveLength(20);
  });
});
