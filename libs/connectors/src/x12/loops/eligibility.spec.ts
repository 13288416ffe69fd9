import { describe, expect, it } from 'vitest';
import { DEMO_837_OPTIONS, SCENARIO_2_ELIGIBILITY_REQUEST, SCENARIO_2_ELIGIBILITY_RESPONSE } from '../examples/demo-hospital.examples';
import { readX12 } from '../x12-reader';
import type { EligibilityRequestContent, EligibilityResponseContent } from './eligibility.reader';
import { write270, write271 } from './eligibility.writer';

const OPTIONS = { ...DEMO_837_OPTIONS, reference: 'ELG-BATCH-1', lineBreaks: true };

describe('270/271 writers and reader', () => {
  it('writes a 270 for Jordan Rivera at Keystone and reads it back', () => {
    const text = write270([SCENARIO_2_ELIGIBILITY_REQUEST], OPTIONS);
    expect(text).toContain('GS*HS*');
    expect(text).toContain(
      'HL*3*2*22*0~\nTRN*1*ELG-20261110-0001*1123456790~\nNM1*IL*1*Rivera*Jordan****MI*KHP-44718-01~\nDMG*D8*19881102*M~\nDTP*291*D8*20261110~\nEQ*30~',
    );
    const read = readX12(text);
    expect(read.issues).toEqual([]);
    const content = read.interchanges[0].groups[0].transactionSets[0].content as EligibilityRequestContent;
    const { ein: _ein, ...provider } = SCENARIO_2_ELIGIBILITY_REQUEST.provider;
    expect(content.requests).toEqual([{ ...SCENARIO_2_ELIGIBILITY_REQUEST, provider }]);
  });

  it('writes the 271 answer (active, deductible remaining, coinsurance) and reads it back', () => {
    const text = write271([{ request: SCENARIO_2_ELIGIBILITY_REQUEST, response: SCENARIO_2_ELIGIBILITY_RESPONSE }], OPTIONS);
    expect(text).toContain('GS*HB*');
    expect(text).toContain('EB*1*IND*30*HM*KHP Gold~\nEB*C*IND*30***29*350*****Y~\nEB*A*IND*30*****0.2****Y~');
    const read = readX12(text);
    expect(read.issues).toEqual([]);
    const content = read.interchanges[0].groups[0].transactionSets[0].content as EligibilityResponseContent;
    expect(content.responses).toEqual([SCENARIO_2_ELIGIBILITY_RESPONSE]);
  });

  it('reads an inactive answer and a rejection (AAA) of a subscriber not found', () => {
    const rejected = {
      ...SCENARIO_2_ELIGIBILITY_RESPONSE,
      active: false,
      benefits: [{ code: '6', serviceTypeCodes: ['30'] }],
      rejections: [{ loop: '2100C', reasonCode: '75', followUp: 'C' }],
    };
    const { planName: _plan, deductibleRemaining: _deductible, coinsurancePercent: _coinsurance, ...expected } = rejected;
    const text = write271([{ request: SCENARIO_2_ELIGIBILITY_REQUEST, response: rejected }], OPTIONS);
    expect(text).toContain('AAA*N**75*C~');
    const content = readX12(text).interchanges[0].groups[0].transactionSets[0].content as EligibilityResponseContent;
    expect(content.responses).toEqual([expected]);
  });

  it('writes a dependent under the subscriber (2000D)', () => {
    const request = {
      ...SCENARIO_2_ELIGIBILITY_REQUEST,
      dependent: {
        relationship: 'child' as const,
        name: { family: 'Rivera', given: ['Alex'] },
        birthDate: '2018-04-09',
        gender: 'unknown' as const,
      },
    };
    const text = write270([request], OPTIONS);
    expect(text).toContain(
      'HL*3*2*22*1~\nNM1*IL*1*Rivera*Jordan****MI*KHP-44718-01~\nHL*4*3*23*0~\nTRN*1*ELG-20261110-0001*1123456790~\nNM1*03*1*Rivera*Alex~\nDMG*D8*20180409*U~',
    );
    const read = readX12(text);
    expect(read.issues).toEqual([]);
    const [parsed] = (read.interchanges[0].groups[0].transactionSets[0].content as EligibilityRequestContent).requests;
    expect(parsed.dependent).toEqual({
      relationship: 'other',
      name: { family: 'Rivera', given: ['Alex'] },
      birthDate: '2018-04-09',
      gender: 'unknown',
    });
  });
});
