import { describe, expect, it } from 'vitest';
import { DEMO_837_OPTIONS, SCENARIO_2_CLAIM } from './examples/demo-hospital.examples';
import { write837Professional } from './loops/837-professional.writer';
import { X12IssueCode } from './x12-issue';
import { readX12 } from './x12-reader';

/** Scenario 2's 837P, one segment per line so mutations can address segments. */
const VALID = write837Professional([SCENARIO_2_CLAIM], { ...DEMO_837_OPTIONS, lineBreaks: true });
const lines = VALID.trimEnd().split('\n');
const replaceSegment = (id: string, replacement: string | null) => {
  const index = lines.findIndex((l) => l.startsWith(`${id}*`));
  const copy = [...lines];
  if (replacement === null) copy.splice(index, 1);
  else copy[index] = replacement;
  return copy.join('\n') + '\n';
};

describe('envelope validation (SNIP 1)', () => {
  it('accepts the generated 837P without any issue', () => {
    const read = readX12(VALID);
    expect(read.issues).toEqual([]);
    expect(read.valid).toBe(true);
    const [interchange] = read.interchanges;
    expect(interchange.header).toMatchObject({
      controlNumber: '000000101',
      senderId: 'CONCORDHEALTH',
      receiverId: 'CONCORDCH',
      version: '00501',
      usage: 'T',
    });
    expect(interchange.groups[0].header).toMatchObject({ functionalId: 'HC', controlNumber: '101', version: '005010X222A1' });
    expect(interchange.groups[0].transactionSets[0]).toMatchObject({
      kind: '837P',
      segmentCount: Number(
        lines
          .find((l) => l.startsWith('SE*'))!
          .split('*')[1]
          .replace('~', ''),
      ),
      trailerFound: true,
    });
  });

  const cases: {
    name: string;
    input: string;
    expected: { code: X12IssueCode; segmentId?: string; elementPosition?: number; ack: Record<string, string> }[];
  }[] = [
    {
      name: 'SE01 segment count off by one',
      input: replaceSegment('SE', 'SE*99*0001~'),
      expected: [{ code: X12IssueCode.SEGMENT_COUNT_MISMATCH, segmentId: 'SE', elementPosition: 1, ack: { ik502: '4' } }],
    },
    {
      name: 'SE02 not the ST02 control number',
      input: replaceSegment('SE', `SE*${lines.find((l) => l.startsWith('SE*'))!.split('*')[1]}*0002~`),
      expected: [{ code: X12IssueCode.TRANSACTION_CONTROL_NUMBER_MISMATCH, segmentId: 'SE', elementPosition: 2, ack: { ik502: '3' } }],
    },
    {
      name: 'GE01 transaction count wrong',
      input: replaceSegment('GE', 'GE*2*101~'),
      expected: [{ code: X12IssueCode.GROUP_TRANSACTION_COUNT_MISMATCH, segmentId: 'GE', elementPosition: 1, ack: { ak905: '5' } }],
    },
    {
      name: 'GE02 not the GS06 control number',
      input: replaceSegment('GE', 'GE*1*102~'),
      expected: [{ code: X12IssueCode.GROUP_CONTROL_NUMBER_MISMATCH, segmentId: 'GE', elementPosition: 2, ack: { ak905: '4' } }],
    },
    {
      name: 'IEA01 group count wrong',
      input: replaceSegment('IEA', 'IEA*3*000000101~'),
      expected: [{ code: X12IssueCode.INTERCHANGE_GROUP_COUNT_MISMATCH, segmentId: 'IEA', elementPosition: 1, ack: { ta105: '021' } }],
    },
    {
      name: 'IEA02 not the ISA13 control number',
      input: replaceSegment('IEA', 'IEA*1*000000999~'),
      expected: [{ code: X12IssueCode.INTERCHANGE_CONTROL_NUMBER_MISMATCH, segmentId: 'IEA', elementPosition: 2, ack: { ta105: '001' } }],
    },
    {
      name: 'IEA missing',
      input: replaceSegment('IEA', null),
      expected: [{ code: X12IssueCode.INTERCHANGE_TRAILER_MISSING, segmentId: 'IEA', ack: { ta105: '023' } }],
    },
    {
      name: 'GE missing',
      input: replaceSegment('GE', null),
      expected: [{ code: X12IssueCode.GROUP_TRAILER_MISSING, segmentId: 'GE', ack: { ak905: '3' } }],
    },
    {
      name: 'SE missing',
      input: replaceSegment('SE', null),
      expected: [{ code: X12IssueCode.TRANSACTION_TRAILER_MISSING, segmentId: 'SE', ack: { ik502: '2' } }],
    },
    {
      name: 'GS08 a guide Concord does not read',
      input: replaceSegment('GS', 'GS*HC*CONCORDHEALTH*CONCORDCH*20261105*0900*101*X*005010X224A2~'),
      expected: [
        { code: X12IssueCode.UNSUPPORTED_GUIDE_VERSION, segmentId: 'GS', elementPosition: 8, ack: { ak905: '2' } },
        { code: X12IssueCode.GUIDE_VERSION_MISMATCH, segmentId: 'ST', elementPosition: 3, ack: { ik502: '19' } },
      ],
    },
    {
      name: 'ST03 differs from GS08',
      input: replaceSegment('ST', 'ST*837*0001*005010X223A2~'),
      expected: [{ code: X12IssueCode.GUIDE_VERSION_MISMATCH, segmentId: 'ST', elementPosition: 3, ack: { ik502: '19' } }],
    },
    {
      name: 'a transaction set in the wrong functional group',
      input: replaceSegment('GS', 'GS*HP*CONCORDHEALTH*CONCORDCH*20261105*0900*101*X*005010X222A1~'),
      expected: [{ code: X12IssueCode.TRANSACTION_NOT_IN_GROUP, segmentId: 'ST', elementPosition: 1, ack: { ik502: '6' } }],
    },
    {
      name: 'GS04 not a date',
      input: replaceSegment('GS', 'GS*HC*CONCORDHEALTH*CONCORDCH*20261332*0900*101*X*005010X222A1~'),
      expected: [{ code: X12IssueCode.INVALID_GROUP_HEADER, segmentId: 'GS', elementPosition: 4, ack: { ta105: '024' } }],
    },
    {
      name: 'ISA15 usage indicator not P, T or I',
      input: VALID.replace('*0*T*:~', '*0*X*:~'),
      expected: [{ code: X12IssueCode.INVALID_ISA_VALUE, segmentId: 'ISA', elementPosition: 15, ack: { ta105: '020' } }],
    },
    {
      name: 'a 4010 interchange',
      input: VALID.replace('*^*00501*', '*U*00401*'),
      expected: [{ code: X12IssueCode.UNSUPPORTED_VERSION, segmentId: 'ISA', elementPosition: 12, ack: { ta105: '003' } }],
    },
    {
      name: 'a segment between GS and ST',
      input: replaceSegment('GS', `${lines.find((l) => l.startsWith('GS*'))!}\nHL*1**20*1~`),
      expected: [{ code: X12IssueCode.SEGMENT_OUTSIDE_TRANSACTION, segmentId: 'HL', ack: { ta105: '024' } }],
    },
  ];

  it.each(cases)('$name', ({ input, expected }) => {
    const read = readX12(input);
    expect(read.valid).toBe(false);
    expect(
      read.issues.map((i) => ({ code: i.code, segmentId: i.location.segmentId, elementPosition: i.location.elementPosition, ack: i.ack })),
    ).toEqual(expected.map((e) => ({ elementPosition: undefined, ...e })));
    for (const issue of read.issues) expect(issue.location.interchangeControlNumber).toBe('000000101');
  });

  it('puts each issue in the innermost envelope that was open', () => {
    const read = readX12(replaceSegment('SE', 'SE*99*0001~').replace('GE*1*101~', 'GE*1*102~'));
    const [group] = read.interchanges[0].groups;
    expect(group.transactionSets[0].issues.map((i) => i.code)).toEqual([X12IssueCode.SEGMENT_COUNT_MISMATCH]);
    expect(group.issues.map((i) => i.code)).toEqual([X12IssueCode.GROUP_CONTROL_NUMBER_MISMATCH]);
    expect(read.issues[0].location).toMatchObject({
      interchangeControlNumber: '000000101',
      groupControlNumber: '101',
      transactionSetId: '837',
      transactionSetControlNumber: '0001',
    });
  });

  it('does not read the transaction sets of a 4010 interchange (it reports the version instead of mis-parsing)', () => {
    const read = readX12(VALID.replace('*^*00501*', '*U*00401*'));
    const [set] = read.interchanges[0].groups[0].transactionSets;
    expect(set.kind).toBeUndefined();
    expect(set.content).toBeUndefined();
  });
});
