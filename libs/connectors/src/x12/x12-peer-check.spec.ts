import { X12Parser } from 'node-x12';
import { describe, expect, it } from 'vitest';
import * as demo from './examples/demo-hospital.examples';
import { acknowledgeX12, answerEnvelope } from './x12-acknowledger';
import { write270, write271, write277ca, write835, write837Institutional, write837Professional } from './index';

/**
 * Peer check: everything Concord writes parses with node-x12 in strict mode (envelope pairs, control
 * numbers and SE/GE/IEA counts) without diagnostics. node-x12 knows no implementation guide, so this
 * checks the syntax and envelope an independent implementation expects.
 */
const generated: [string, string][] = [
  ['837I scenario 1', write837Institutional([demo.SCENARIO_1_CLAIM], demo.DEMO_837_OPTIONS)],
  ['837P scenario 2', write837Professional([demo.SCENARIO_2_CLAIM], demo.DEMO_837_OPTIONS)],
  [
    '837P scenarios 3 and 6',
    write837Professional([demo.SCENARIO_6_CORRECTED_CLAIM, demo.SCENARIO_3_CLAIM], { ...demo.DEMO_837_OPTIONS, lineBreaks: true }),
  ],
  ['835 scenario 1', write835(demo.SCENARIO_1_REMITTANCE, { ...demo.DEMO_837_OPTIONS, ...demo.DEMO_835_DETAILS.MCRA1 })],
  ['835 scenario 2', write835(demo.SCENARIO_2_REMITTANCE, { ...demo.DEMO_837_OPTIONS, ...demo.DEMO_835_DETAILS.KHP01 })],
  [
    '277CA scenarios 2 and 3',
    write277ca(demo.SCENARIO_2_AND_3_CLAIM_ACK, {
      ...demo.DEMO_837_OPTIONS,
      sourceEntity: 'AY',
      receiver: { name: 'Concord Health', id: 'CONCORDHEALTH' },
      acknowledgedReference: '0001',
      reference: 'R1',
    }),
  ],
  ['270 scenario 2', write270([demo.SCENARIO_2_ELIGIBILITY_REQUEST], { ...demo.DEMO_837_OPTIONS, reference: 'E1' })],
  [
    '271 scenario 2',
    write271([{ request: demo.SCENARIO_2_ELIGIBILITY_REQUEST, response: demo.SCENARIO_2_ELIGIBILITY_RESPONSE }], {
      ...demo.DEMO_837_OPTIONS,
      reference: 'E1',
    }),
  ],
  ...(['accept', 'reject'] as const).map((kind): [string, string] => {
    const claim = kind === 'accept' ? demo.SCENARIO_2_CLAIM : demo.SCENARIO_3_CLAIM;
    const result = acknowledgeX12(write837Professional([claim], demo.DEMO_837_OPTIONS), {
      envelope: (h) => answerEnvelope(h, { interchange: 9, group: 9 }),
    });
    return [`999 ${kind}`, result.interchanges[0]];
  }),
  [
    'TA1 + 999 of a broken envelope',
    acknowledgeX12(write837Professional([demo.SCENARIO_2_CLAIM], demo.DEMO_837_OPTIONS).replace('IEA*1*000000101', 'IEA*1*000000102'), {
      envelope: (h) => answerEnvelope(h, { interchange: 10, group: 10 }),
    }).interchanges[0],
  ],
];

describe('peer check with node-x12', () => {
  it.each(generated)('%s parses strictly without diagnostics', (_name, text) => {
    const parser = new X12Parser(true);
    // node-x12 refuses a TA1 outside a functional group although X12 puts it there (between ISA and
    // GS); the rest of that interchange is checked without it.
    const interchange = parser.parse(text.replace(/TA1\*[^~]*~/, ''));
    expect(parser.diagnostics).toEqual([]);
    expect(interchange.constructor.name).toBe('X12Interchange');
  });

  it('node-x12 itself is what refuses the TA1 (so stripping it above hides nothing of ours)', () => {
    const [, text] = generated.at(-1)!;
    expect(text).toMatch(/~TA1\*000000101\*\d{6}\*\d{4}\*R\*001~GS\*/);
    expect(() => new X12Parser(true).parse(text)).toThrow(/TA1 segment cannot appear outside of a functional group/);
  });
});
