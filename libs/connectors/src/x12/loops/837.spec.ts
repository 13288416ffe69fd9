import type { ClaimDto } from '@concord/contracts';
import { describe, expect, it } from 'vitest';
import {
  DEMO_837_OPTIONS,
  SCENARIO_1_CLAIM,
  SCENARIO_2_CLAIM,
  SCENARIO_3_CLAIM,
  SCENARIO_6_CORRECTED_CLAIM,
} from '../examples/demo-hospital.examples';
import { X12ErrorCode } from '../x12-error';
import { X12IssueCode, type X12ValidationIssue } from '../x12-issue';
import { readX12 } from '../x12-reader';
import { write837Institutional } from './837-institutional.writer';
import { write837Professional } from './837-professional.writer';
import type { Claim837Content } from './837.reader';

const OPTIONS = { ...DEMO_837_OPTIONS, lineBreaks: true };

/** The claim as an 837 carries it: what stays in billing (ids, status, account, encounter) is not sent. */
function asSent(claim: ClaimDto): ClaimDto {
  const { accountId: _accountId, encounterId: _encounterId, ...rest } = claim;
  return { ...rest, id: claim.patientControlNumber, status: 'submitted', statusHistory: [] };
}

function claimsOf(text: string): { claims: ClaimDto[]; issues: X12ValidationIssue[] } {
  const read = readX12(text);
  const content = read.interchanges[0]?.groups[0]?.transactionSets[0]?.content as Claim837Content | undefined;
  return { claims: content?.claims ?? [], issues: read.issues };
}

describe('837 writers and reader: the demo hospital claims', () => {
  it('scenario 1: Avery Quinn 837I to MCRA1, type of bill 0111, five charges totalling 28,650.00, DRG 470', () => {
    const text = write837Institutional([SCENARIO_1_CLAIM], OPTIONS);
    expect(text).toContain('GS*HC*CONCORDHEALTH*CONCORDCH*20261105*0900*101*X*005010X223A2~');
    expect(text).toContain('ST*837*0001*005010X223A2~');
    expect(text).toContain('HL*1**20*1~\nPRV*BI*PXC*282N00000X~\nNM1*85*2*Concord General Hospital*****XX*1234567893~');
    expect(text).toContain('REF*EI*123456789~');
    expect(text).toContain('HL*2*1*22*0~\nSBR*P*18*******MA~\nNM1*IL*1*Quinn*Avery****MI*1EG4TE5MK73~');
    expect(text).toContain('NM1*PR*2*Medicare Part A*****PI*MCRA1~');
    expect(text).toContain(
      'CLM*CG-A-100234-01*28650***11:A:1**A*Y*Y~\nDTP*434*RD8*20261102-20261104~\nDTP*435*DT*202611020830~\nCL1*3*1*01~',
    );
    expect(text).toContain('HI*ABK:M1712:::::::Y~\nHI*ABJ:M1712~\nHI*DR:470~\nHI*BBR:0SRD0JZ:D8:20261102~');
    expect(text).toContain('NM1*71*1*Okafor*Morgan****XX*1245319599~');
    expect(text.match(/^SV2\*.*$/gm)).toEqual([
      'SV2*0120**5600*DA*2~',
      'SV2*0360**9500*UN*1~',
      'SV2*0278*HC:C1776*12600*UN*1~',
      'SV2*0250**640*UN*1~',
      'SV2*0300*HC:85025*310*UN*1~',
    ]);
    expect(text).not.toContain('HL*3');
    const { claims, issues } = claimsOf(text);
    expect(issues).toEqual([]);
    expect(claims).toEqual([asSent(SCENARIO_1_CLAIM)]);
  });

  it('scenario 2: Jordan Rivera 837P to KHP01, 99213, place of service 11, 185.00, J06.9', () => {
    const text = write837Professional([SCENARIO_2_CLAIM], OPTIONS);
    expect(text).toContain('ST*837*0001*005010X222A1~');
    expect(text).toContain('SBR*P*18*KHP-GOLD-2026******CI~');
    expect(text).toContain('CLM*CR-A-200871-01*185***11:B:1*Y*A*Y*Y~\nHI*ABK:J069~');
    expect(text).toContain('NM1*82*1*Lindqvist*Sam****XX*1619345287~\nPRV*PE*PXC*207Q00000X~');
    expect(text).toContain('LX*1~\nSV1*HC:99213*185*UN*1***1~\nDTP*472*D8*20261110~\nREF*6R*chg-jr-ov~');
    const { claims, issues } = claimsOf(text);
    expect(issues).toEqual([]);
    expect(claims).toEqual([asSent(SCENARIO_2_CLAIM)]);
  });

  it('scenario 6: the corrected 837P is frequency 7 with REF*F8, both lines, 230.00', () => {
    const text = write837Professional([SCENARIO_6_CORRECTED_CLAIM], OPTIONS);
    expect(text).toContain('CLM*CR-A-200871-01*230***11:B:7*Y*A*Y*Y~\nREF*F8*KHP2026110900017~\nHI*ABK:J069~');
    expect(text).toContain('SV1*HC:87880*45*UN*1***1~');
    const { claims, issues } = claimsOf(text);
    expect(issues).toEqual([]);
    expect(claims).toEqual([asSent(SCENARIO_6_CORRECTED_CLAIM)]);
  });

  it('scenario 3: a child under a parent subscriber gets 2000C (HL04 1 on 2000B), and the missing member id is a precise SNIP 2 error', () => {
    const text = write837Professional([SCENARIO_3_CLAIM], OPTIONS);
    expect(text).toContain('HL*2*1*22*1~\nSBR*P********MC~\nNM1*IL*1*Harlow*Dana~');
    expect(text).toContain('HL*3*2*23*0~\nPAT*19~\nNM1*QC*1*Harlow*Rowan~');
    expect(text).toContain('SV1*HC:87880:QW*45*UN*1***1~');
    const { claims, issues } = claimsOf(text);
    expect(claims).toEqual([asSent(SCENARIO_3_CLAIM)]);
    const nm1Position = text.split('\n').findIndex((l) => l.startsWith('NM1*IL')) - 1;
    expect(
      issues.map((i) => [
        i.code,
        i.location.segmentId,
        i.location.segmentPosition,
        i.location.loopId,
        i.location.elementPosition,
        i.ack.ik304,
        i.ack.ik403,
      ]),
    ).toEqual([
      [X12IssueCode.REQUIRED_ELEMENT_MISSING, 'NM1', nm1Position, '2010BA', 8, '8', '1'],
      [X12IssueCode.REQUIRED_ELEMENT_MISSING, 'NM1', nm1Position, '2010BA', 9, '8', '1'],
    ]);
  });

  it('nests several claims: one 2000A per billing provider, one 2000B per subscriber, 2000C only for dependants', () => {
    const second = { ...SCENARIO_2_CLAIM, id: 'clm-jr-2', patientControlNumber: 'CR-A-200871-02' };
    const text = write837Professional([SCENARIO_2_CLAIM, SCENARIO_3_CLAIM, second], OPTIONS);
    expect(text.match(/^HL\*.*$/gm)).toEqual(['HL*1**20*1~', 'HL*2*1*22*0~', 'HL*3*1*22*1~', 'HL*4*3*23*0~']);
    const { claims } = claimsOf(text);
    expect(claims.map((c) => c.patientControlNumber)).toEqual(['CR-A-200871-01', 'CR-A-200871-02', 'CR-A-200912-01']);
  });

  it.each([
    {
      name: 'a replacement without the original claim number',
      claim: { ...SCENARIO_6_CORRECTED_CLAIM, originalPayerClaimNumber: undefined },
      kind: 'P',
    },
    { name: 'a professional claim without place of service', claim: { ...SCENARIO_2_CLAIM, placeOfService: undefined }, kind: 'P' },
    {
      name: 'a professional line without diagnosis pointers',
      claim: { ...SCENARIO_2_CLAIM, lines: [{ ...SCENARIO_2_CLAIM.lines[0], diagnosisPointers: [] }] },
      kind: 'P',
    },
    {
      name: 'an institutional claim whose type of bill disagrees with its frequency',
      claim: { ...SCENARIO_1_CLAIM, typeOfBill: '0117' },
      kind: 'I',
    },
    {
      name: 'an institutional line without revenue code',
      claim: { ...SCENARIO_1_CLAIM, lines: [{ ...SCENARIO_1_CLAIM.lines[0], revenueCode: undefined }] },
      kind: 'I',
    },
    { name: 'a professional claim written as 837I', claim: SCENARIO_2_CLAIM, kind: 'I' },
  ])('refuses to write $name (typed X12Error, no partial output)', ({ claim, kind }) => {
    const write = () => (kind === 'P' ? write837Professional([claim], OPTIONS) : write837Institutional([claim], OPTIONS));
    expect(write).toThrowError(expect.objectContaining({ code: X12ErrorCode.UNWRITABLE_CLAIM }));
  });

  it('refuses a value that contains a delimiter, naming the element and not the value', () => {
    const claim = { ...SCENARIO_2_CLAIM, subscriber: { ...SCENARIO_2_CLAIM.subscriber, name: { family: 'Ri*vera', given: ['Jordan'] } } };
    expect(() => write837Professional([claim], OPTIONS)).toThrowError(
      expect.objectContaining({
        code: X12ErrorCode.UNWRITABLE_VALUE,
        message: 'NM103 contains a delimiter or a character X12 cannot carry',
      }),
    );
  });
});

describe('837 validation: SNIP levels 2-4 name segment, loop, element and the 999 codes', () => {
  const professional = write837Professional([SCENARIO_2_CLAIM], OPTIONS);
  const institutional = write837Institutional([SCENARIO_1_CLAIM], OPTIONS);
  const position = (text: string, prefix: string) => text.split('\n').findIndex((l) => l.startsWith(prefix)) - 1;
  const withSegment = (text: string, prefix: string, replacement: string | null) => {
    const original = text.split('\n');
    const index = original.findIndex((l) => l.startsWith(prefix));
    if (replacement === null) original.splice(index, 1);
    else original[index] = replacement;
    const lines = original.join('\n').split('\n');
    // Keep SE01 right so only the intended rule fires.
    const count = lines.findIndex((l) => l.startsWith('SE*')) - lines.findIndex((l) => l.startsWith('ST*')) + 1;
    return lines.map((l) => (l.startsWith('SE*') ? `SE*${count}*0001~` : l)).join('\n');
  };

  const cases: {
    name: string;
    text: string;
    at: string;
    expected: {
      code: X12IssueCode;
      segmentId: string;
      loopId: string;
      elementPosition?: number;
      snip: number;
      ik304: string;
      ik403?: string;
      badValue?: string;
    };
  }[] = [
    {
      name: 'CLM02 is not the sum of the line charges (SNIP 3)',
      text: withSegment(professional, 'CLM*', 'CLM*CR-A-200871-01*190***11:B:1*Y*A*Y*Y~'),
      at: 'CLM*',
      expected: {
        code: X12IssueCode.CLAIM_TOTAL_MISMATCH,
        segmentId: 'CLM',
        loopId: '2300',
        elementPosition: 2,
        snip: 3,
        ik304: '8',
        ik403: 'I12',
      },
    },
    {
      name: 'a replacement (CLM05-3 = 7) without REF*F8 (SNIP 4)',
      text: withSegment(professional, 'CLM*', 'CLM*CR-A-200871-01*185***11:B:7*Y*A*Y*Y~'),
      at: 'CLM*',
      expected: { code: X12IssueCode.SITUATIONAL_SEGMENT_MISSING, segmentId: 'REF', loopId: '2300', snip: 4, ik304: 'I6' },
    },
    {
      name: 'a billing provider NPI with a wrong check digit (SNIP 4)',
      text: withSegment(professional, 'NM1*85', 'NM1*85*2*Concord Riverside Clinic*****XX*1982764354~'),
      at: 'NM1*85',
      expected: {
        code: X12IssueCode.INVALID_NPI,
        segmentId: 'NM1',
        loopId: '2010AA',
        elementPosition: 9,
        snip: 4,
        ik304: '8',
        ik403: 'I12',
      },
    },
    {
      name: 'a diagnosis pointer past the diagnoses listed (SNIP 4)',
      text: withSegment(professional, 'SV1*', 'SV1*HC:99213*185*UN*1***3~'),
      at: 'SV1*',
      expected: {
        code: X12IssueCode.DIAGNOSIS_POINTER_INVALID,
        segmentId: 'SV1',
        loopId: '2400',
        elementPosition: 7,
        snip: 4,
        ik304: '8',
        ik403: 'I12',
      },
    },
    {
      name: 'a claim filing indicator that is not a code (SNIP 2)',
      text: withSegment(professional, 'SBR*', 'SBR*P*18*KHP-GOLD-2026******XX~'),
      at: 'SBR*',
      expected: {
        code: X12IssueCode.INVALID_CODE_VALUE,
        segmentId: 'SBR',
        loopId: '2000B',
        elementPosition: 9,
        snip: 2,
        ik304: '8',
        ik403: '7',
        badValue: 'XX',
      },
    },
    {
      name: 'a billing provider ZIP of five digits (SNIP 2)',
      text: withSegment(professional, 'N4*Concord*NH*033013300', 'N4*Concord*NH*03301~'),
      at: 'N4*Concord*NH*03301',
      expected: {
        code: X12IssueCode.PATTERN_MISMATCH,
        segmentId: 'N4',
        loopId: '2010AA',
        elementPosition: 3,
        snip: 2,
        ik304: '8',
        ik403: 'I12',
      },
    },
    {
      name: 'a professional line without its service date (SNIP 2)',
      text: withSegment(professional, 'DTP*472', null),
      at: 'SE*',
      expected: { code: X12IssueCode.REQUIRED_SEGMENT_MISSING, segmentId: 'DTP', loopId: '2400', snip: 2, ik304: '3' },
    },
    {
      name: 'a 2000C under a subscriber who is the patient (SBR02 = 18) (SNIP 4)',
      text: withSegment(
        professional.replace('HL*2*1*22*0~', 'HL*2*1*22*1~'),
        'CLM*',
        'HL*3*2*23*0~\nPAT*19~\nNM1*QC*1*Rivera*Sam~\nCLM*CR-A-200871-01*185***11:B:1*Y*A*Y*Y~',
      ),
      at: 'HL*3',
      expected: { code: X12IssueCode.SITUATIONAL_SEGMENT_NOT_ALLOWED, segmentId: 'HL', loopId: '2000C', snip: 4, ik304: 'I9' },
    },
    {
      name: 'no 2000C although SBR02 says the subscriber is not the patient (SNIP 4)',
      text: withSegment(professional, 'SBR*', 'SBR*P**KHP-GOLD-2026******CI~'),
      at: 'CLM*',
      expected: { code: X12IssueCode.SITUATIONAL_SEGMENT_MISSING, segmentId: 'CLM', loopId: '2300', snip: 4, ik304: 'I6' },
    },
    {
      name: 'HL04 says a child follows but none does (SNIP 4)',
      text: withSegment(professional, 'HL*2', 'HL*2*1*22*1~'),
      at: 'HL*2',
      expected: {
        code: X12IssueCode.HL_CHILD_CODE,
        segmentId: 'HL',
        loopId: '2000B',
        elementPosition: 4,
        snip: 4,
        ik304: '8',
        ik403: 'I12',
      },
    },
    {
      name: 'a segment the loop does not allow (SNIP 2)',
      text: withSegment(professional, 'HI*', 'HI*ABK:J069~\nLIN**N4*00004196501~'),
      at: 'LIN*',
      expected: { code: X12IssueCode.UNEXPECTED_SEGMENT, segmentId: 'LIN', loopId: '2300', snip: 2, ik304: '2' },
    },
    {
      name: 'a line charge with fractions of a cent',
      text: withSegment(professional, 'SV1*', 'SV1*HC:99213*185.001*UN*1***1~'),
      at: 'SV1*',
      expected: {
        code: X12IssueCode.AMOUNT_PRECISION,
        segmentId: 'SV1',
        loopId: '2400',
        elementPosition: 2,
        snip: 2,
        ik304: '8',
        ik403: 'I12',
      },
    },
    {
      name: 'an 837I without an attending provider (SNIP 4)',
      text: withSegment(withSegment(institutional, 'PRV*AT', null), 'NM1*71', null),
      at: 'SE*',
      expected: { code: X12IssueCode.SITUATIONAL_SEGMENT_MISSING, segmentId: 'NM1', loopId: '2310A', snip: 4, ik304: 'I6' },
    },
    {
      name: 'an 837I statement period written as one date (SNIP 2)',
      text: withSegment(institutional, 'DTP*434', 'DTP*434*D8*20261102~'),
      at: 'DTP*434',
      expected: {
        code: X12IssueCode.INVALID_CODE_VALUE,
        segmentId: 'DTP',
        loopId: '2300',
        elementPosition: 2,
        snip: 2,
        ik304: '8',
        ik403: '7',
        badValue: 'D8',
      },
    },
  ];

  it.each(cases)('$name', ({ text, at, expected }) => {
    const { issues } = claimsOf(text);
    const segmentPosition = at === 'SE*' ? undefined : position(text, at);
    const match = issues.find((i) => i.code === expected.code);
    expect(match, JSON.stringify(issues.map((i) => i.message))).toBeDefined();
    expect({
      code: match!.code,
      segmentId: match!.location.segmentId,
      loopId: match!.location.loopId,
      elementPosition: match!.location.elementPosition,
      snip: match!.snip,
      ik304: match!.ack.ik304,
      ik403: match!.ack.ik403,
      badValue: match!.badValue,
    }).toEqual({ elementPosition: undefined, ik403: undefined, badValue: undefined, ...expected });
    if (segmentPosition !== undefined) expect(match!.location.segmentPosition).toBe(segmentPosition);
    expect(issues.filter((i) => i.severity === 'error').map((i) => i.code)).toEqual([expected.code]);
  });

  it('reads a frequency Concord does not model (CLM05-3 = 6) as 1, with a warning naming the component', () => {
    const text = withSegment(professional, 'CLM*', 'CLM*CR-A-200871-01*185***11:B:6*Y*A*Y*Y~');
    const { claims, issues } = claimsOf(text);
    expect(claims[0].frequencyCode).toBe('1');
    expect(issues.map((i) => [i.severity, i.code, i.location.elementPosition, i.location.componentPosition, i.badValue])).toEqual([
      ['warning', X12IssueCode.INVALID_CODE_VALUE, 5, 3, '6'],
    ]);
  });

  it('never puts patient data in a message', () => {
    const phi = [
      'Quinn',
      'Avery',
      '1EG4TE5MK73',
      '19570314',
      '1957-03-14',
      'Harbour',
      'Rivera',
      'Jordan',
      'KHP-44718-01',
      'Mill Street',
      'Harlow',
      'Rowan',
      'M1712',
      'J069',
      'J06.9',
    ];
    const broken = cases
      .map((c) => c.text)
      .concat([
        write837Professional([SCENARIO_3_CLAIM], OPTIONS),
        institutional
          .replace('NM1*IL*1*Quinn*Avery****MI*1EG4TE5MK73', 'NM1*IL*9*Quinn*Avery****ZZ*1EG4TE5MK73')
          .replace('DMG*D8*19570314*F', 'DMG*D8*19571314*Q'),
        institutional.replace('HI*ABK:M1712:::::::Y', 'HI*ABK:M17.12:::::::Y'),
      ]);
    for (const text of broken) {
      const { issues } = claimsOf(text);
      expect(issues.length).toBeGreaterThan(0);
      for (const issue of issues) for (const value of phi) expect(`${issue.message} ${issue.badValue ?? ''}`).not.toContain(value);
    }
  });
});
