import { describe, expect, it } from 'vitest';
import { DEMO_837_OPTIONS, SCENARIO_2_CLAIM, SCENARIO_3_CLAIM } from './examples/demo-hospital.examples';
import { write837Professional } from './loops/837-professional.writer';
import type { FunctionalAckContent } from './loops/999.reader';
import { acknowledgeX12, answerEnvelope } from './x12-acknowledger';
import { X12ErrorCode } from './x12-error';
import { readX12 } from './x12-reader';

const DATE = new Date('2026-11-05T09:05:00Z');
const envelope = (h: Parameters<typeof answerEnvelope>[0]) => ({
  ...answerEnvelope(h, { interchange: 7001, group: 7001 }, DATE),
  lineBreaks: true,
});

describe('999 and TA1 acknowledgements', () => {
  it('accepts a clean 837P: AK1, AK2, IK5*A, AK9*A, no TA1', () => {
    const result = acknowledgeX12(write837Professional([SCENARIO_2_CLAIM], DEMO_837_OPTIONS), { envelope });
    expect(result.error).toBeUndefined();
    expect(result.interchanges).toHaveLength(1);
    const text = result.interchanges[0];
    expect(text).toContain('ISA*00*          *00*          *ZZ*CONCORDCH      *ZZ*CONCORDHEALTH  *261105*0905*^*00501*000007001*0*T*:~');
    expect(text).toContain(
      'GS*FA*CONCORDCH*CONCORDHEALTH*20261105*0905*7001*X*005010X231A1~\nST*999*0001*005010X231A1~\nAK1*HC*101*005010X222A1~\nAK2*837*0001*005010X222A1~\nIK5*A~\nAK9*A*1*1*1~\nSE*6*0001~',
    );
    expect(text).not.toContain('TA1');
    expect(readX12(text).issues).toEqual([]);
  });

  it('rejects scenario 3 naming the segment, loop, elements and reasons (IK3/IK4), and the 999 reads back as it was built', () => {
    const result = acknowledgeX12(write837Professional([SCENARIO_3_CLAIM], DEMO_837_OPTIONS), { envelope });
    const text = result.interchanges[0];
    expect(text).toContain('AK2*837*0001*005010X222A1~\nIK3*NM1*14*2010*8~\nIK4*8*66*1~\nIK4*9*67*1~\nIK5*R*5~\nAK9*R*1*1*0~');
    const back = readX12(text);
    expect(back.issues).toEqual([]);
    const content = back.interchanges[0].groups[0].transactionSets[0].content as FunctionalAckContent;
    expect(content.acknowledgement).toEqual(result.acknowledgements.interchanges[0].functionalAcknowledgements[0]);
  });

  it('partially accepts a group with one good and one bad transaction set (AK9*P), quoting only code values (IK404)', () => {
    const good = write837Professional([SCENARIO_2_CLAIM], DEMO_837_OPTIONS);
    const bodyOf = (text: string) => text.slice(text.indexOf('ST*'), text.indexOf('GE*'));
    const bad = bodyOf(good)
      .replace('ST*837*0001', 'ST*837*0002')
      .replace('SE*', 'SE*')
      .replace(/SE\*(\d+)\*0001/, 'SE*$1*0002')
      .replace('SBR*P*18*KHP-GOLD-2026******CI', 'SBR*P*18*KHP-GOLD-2026******QQ');
    const input = good.replace('GE*1*101', `GE*2*101`).replace(/(SE\*\d+\*0001~)/, `$1${bad}`);
    const result = acknowledgeX12(input, { envelope });
    const [fa] = result.acknowledgements.interchanges[0].functionalAcknowledgements;
    expect(fa.transactionSets.map((t) => t.status)).toEqual(['A', 'R']);
    expect(fa.status).toBe('P');
    expect(result.interchanges[0]).toContain('AK2*837*0002*005010X222A1~\nIK3*SBR*13*2000*8~\nIK4*9*1032*7*QQ~\nIK5*R*5~\nAK9*P*2*2*1~');
  });

  it('reports envelope errors in the 999 (SE count → IK5 code 4, GE count → AK9 code 5) and the interchange error in a TA1', () => {
    const input = write837Professional([SCENARIO_2_CLAIM], DEMO_837_OPTIONS)
      .replace(/SE\*\d+\*0001/, 'SE*99*0001')
      .replace('GE*1*101', 'GE*3*101')
      .replace('IEA*1*000000101', 'IEA*1*000000102');
    const text = acknowledgeX12(input, { envelope }).interchanges[0];
    expect(text).toContain('TA1*000000101*261105*0900*R*001~');
    expect(text).toContain('IK5*R*4~\nAK9*R*3*1*0*5~');
  });

  it('answers a 4010 interchange with a TA1 only (version not supported), never with a 999 of unread content', () => {
    const input = write837Professional([SCENARIO_2_CLAIM], DEMO_837_OPTIONS).replace('*^*00501*', '*U*00401*');
    const result = acknowledgeX12(input, { envelope });
    expect(result.interchanges[0]).toContain('TA1*000000101*261105*0900*R*003~\nIEA*0*000007001~');
  });

  it('cannot acknowledge what is not X12: a typed NOT_X12 error instead of a crash', () => {
    const result = acknowledgeX12('bad_file\n', { envelope });
    expect(result.interchanges).toEqual([]);
    expect(result.error).toMatchObject({ code: X12ErrorCode.NOT_X12 });
    expect(result.error!.issues.map((i) => i.code)).toEqual(['X12_NOT_X12']);
  });

  it('leaves balancing to the payer when asked (maxSnipLevel 2)', () => {
    const input = write837Professional([SCENARIO_2_CLAIM], { ...DEMO_837_OPTIONS, lineBreaks: true }).replace(
      'CLM*CR-A-200871-01*185*',
      'CLM*CR-A-200871-01*186*',
    );
    expect(acknowledgeX12(input, { envelope }).interchanges[0]).toContain('IK3*CLM*');
    expect(acknowledgeX12(input, { envelope, maxSnipLevel: 2 }).interchanges[0]).toContain('IK5*A~\nAK9*A*1*1*1~');
  });
});
