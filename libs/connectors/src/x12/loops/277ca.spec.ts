import { describe, expect, it } from 'vitest';
import { DEMO_837_OPTIONS, SCENARIO_2_AND_3_CLAIM_ACK } from '../examples/demo-hospital.examples';
import { X12IssueCode } from '../x12-issue';
import { readX12 } from '../x12-reader';
import { claimAcknowledgementOutcome, type ClaimAckContent } from './277ca.reader';
import { write277ca } from './277ca.writer';

const OPTIONS = {
  ...DEMO_837_OPTIONS,
  senderId: 'CONCORDCH',
  receiverId: 'CONCORDHEALTH',
  sourceEntity: 'AY' as const,
  receiver: { name: 'Concord Health', id: 'CONCORDHEALTH' },
  acknowledgedReference: '0001',
  reference: '277CA-0001',
  processedOn: '2026-11-12',
  lineBreaks: true,
};

describe('277CA writer and reader', () => {
  it('scenario 3: Bayview Medicaid rejects the claim without a member id with STC*A7:21; scenario 2 is accepted', () => {
    const text = write277ca(SCENARIO_2_AND_3_CLAIM_ACK, OPTIONS);
    expect(text).toContain('ST*277*0001*005010X214~\nBHT*0085*08*277CA-0001*20261112*0900*TH~');
    expect(text).toContain('TRN*2*CR-A-200912-01~\nSTC*A7:21*20261112*U*230~');
    expect(text).toContain('TRN*2*CR-A-200871-01~\nSTC*A2:20*20261112*WQ*185~\nREF*1K*KHP2026110900017~');
    expect(text).toContain('QTY*90*1~\nQTY*AA*1~\nAMT*YU*185~\nAMT*YY*230~');
    const read = readX12(text);
    expect(read.issues).toEqual([]);
    const content = read.interchanges[0].groups[0].transactionSets[0].content as ClaimAckContent;
    expect(content.acknowledgement).toEqual(SCENARIO_2_AND_3_CLAIM_ACK);
  });

  it.each([
    { statuses: [{ categoryCode: 'A2', statusCode: '20' }], outcome: 'accepted' },
    { statuses: [{ categoryCode: 'A5', statusCode: '20' }], outcome: 'accepted' },
    { statuses: [{ categoryCode: 'A7', statusCode: '21' }], outcome: 'rejected' },
    { statuses: [{ categoryCode: 'A3', statusCode: '21' }], outcome: 'rejected' },
    {
      statuses: [
        { categoryCode: 'A2', statusCode: '20' },
        { categoryCode: 'A8', statusCode: '562' },
      ],
      outcome: 'rejected',
    },
    { statuses: [{ categoryCode: 'A1', statusCode: '19' }], outcome: 'pending' },
  ])('$statuses.0.categoryCode… → $outcome', ({ statuses, outcome }) => {
    expect(claimAcknowledgementOutcome(statuses)).toBe(outcome);
  });

  it('reports a claim level without its tracking number', () => {
    const text = write277ca(SCENARIO_2_AND_3_CLAIM_ACK, OPTIONS)
      .replace('TRN*2*CR-A-200912-01~\n', '')
      .replace(/SE\*(\d+)\*/, (_m, n: string) => `SE*${Number(n) - 1}*`);
    const read = readX12(text);
    expect(read.issues.map((i) => [i.code, i.location.segmentId, i.location.loopId])).toEqual([
      [X12IssueCode.REQUIRED_SEGMENT_MISSING, 'TRN', '2200D'],
    ]);
  });
});
