import { describe, expect, it } from 'vitest';
import { AVERY_A01, JORDAN_DFT_VISIT } from './demo-hospital.fixture';
import { parseHl7 } from './hl7-parser';
import { readInboundHl7 } from './inbound-message';

describe('readInboundHl7', () => {
  it.each([
    ['a mappable ADT', AVERY_A01, 'mapped', 'AA', 'CG-ADT-0001', undefined],
    ['a mappable DFT given as bytes', Buffer.from(JORDAN_DFT_VISIT), 'mapped', 'AA', 'CR-DFT-0001', undefined],
    ['an ORU', AVERY_A01.replace('ADT^A01^ADT_A01', 'ORU^R01^ORU_R01'), 'unsupported', 'AR', 'CG-ADT-0001', '200'],
    ['an A01 without PV1', AVERY_A01.replace(/PV1\|[^\r]*\r/, ''), 'mapping-error', 'AE', 'CG-ADT-0001', '100'],
    ['an A01 without MRN', AVERY_A01.replace('CG-100234^^^CONCORD^MR~', ''), 'mapping-error', 'AE', 'CG-ADT-0001', '101'],
    ['a message with a broken segment', AVERY_A01.replace('\rEVN|', '\revn|'), 'rejected', 'AR', 'CG-ADT-0001', '100'],
    ['binary garbage', Buffer.from([0xde, 0xad]), 'rejected', 'AR', '', '100'],
  ])('%s → %s, %s', (_name, frame, outcome, code, controlId, errorCode) => {
    const result = readInboundHl7(frame);
    expect(result.outcome).toBe(outcome);
    expect(result.controlId).toBe(controlId);
    const ack = parseHl7(result.ack);
    expect(ack.get('MSA', 1)).toBe(code);
    expect(ack.get('MSA', 2)).toBe(controlId || undefined);
    expect(ack.get('ERR', 3)).toBe(errorCode);
  });

  it('acknowledges with warnings (ERR severity W) what mapped with gaps', () => {
    const result = readInboundHl7(AVERY_A01.replace('IN1|1|MCRA^Medicare Part A|MCRA1|', 'IN1|1|MCRA^Medicare Part A||'));
    const ack = parseHl7(result.ack);
    expect(ack.get('MSA', 1)).toBe('AA');
    expect(ack.getSegments('ERR').map((e) => [e.raw(2), e.get(3), e.get(4)])).toEqual([['IN1^1^3^1', '101', 'W']]);
  });

  it('sends no warnings to a v2.3 sender, whose ERR has no severity', () => {
    const result = readInboundHl7(AVERY_A01.replace('|2.5.1', '|2.3').replace('IN1|1|MCRA^Medicare Part A|MCRA1|', 'IN1|1|MCRA||'));
    expect(result.change?.warnings).toHaveLength(1);
    expect(parseHl7(result.ack).getSegments('ERR')).toEqual([]);
  });
});
