import type { ClaimPaymentDto, RemittanceDto } from '@concord/contracts';
import { describe, expect, it } from 'vitest';
import { DEMO_835_DETAILS, DEMO_837_OPTIONS, SCENARIO_1_REMITTANCE, SCENARIO_2_REMITTANCE } from '../examples/demo-hospital.examples';
import { X12ErrorCode } from '../x12-error';
import { X12IssueCode } from '../x12-issue';
import { readX12, streamX12 } from '../x12-reader';
import type { RemittanceContent } from './835.reader';
import { write835 } from './835.writer';

const MCRA1 = { ...DEMO_837_OPTIONS, ...DEMO_835_DETAILS.MCRA1, senderId: 'MCRA1', receiverId: 'CONCORDHEALTH', lineBreaks: true };
const KHP01 = { ...DEMO_837_OPTIONS, ...DEMO_835_DETAILS.KHP01, senderId: 'KHP01', receiverId: 'CONCORDHEALTH', lineBreaks: true };

function remittanceOf(text: string) {
  const read = readX12(text);
  const content = read.interchanges[0]?.groups[0]?.transactionSets[0]?.content as RemittanceContent | undefined;
  return { remittance: content?.remittance, issues: read.issues };
}

/** Rewrites SE01 after a mutation so that only the rule under test fires. */
function recount(text: string): string {
  const lines = text.trimEnd().split('\n');
  const count = lines.findIndex((l) => l.startsWith('SE*')) - lines.findIndex((l) => l.startsWith('ST*')) + 1;
  return lines.map((l) => (l.startsWith('SE*') ? `SE*${count}*0001~` : l)).join('\n') + '\n';
}

describe('835 writer and reader: the demo hospital remittances', () => {
  it('scenario 1: Medicare Part A pays 13,274.00 of 28,650.00 with CO-45 13,700.00 and PR-1 1,676.00', () => {
    const text = write835(SCENARIO_1_REMITTANCE, MCRA1);
    expect(text).toContain(
      'ST*835*0001~\nBPR*I*13274*C*ACH*CCP*01*011000015*DA*000111222*1999999999**01*011400495*DA*123456789*20261120~\nTRN*1*EFT20261120001*1999999999~',
    );
    expect(text).toContain(
      'CLP*CG-A-100234-01*1*28650*13274*1676*MA*MCR26310000123*11*1**470~\nCAS*CO*45*13700~\nCAS*PR*1*1676~\nNM1*QC*1*Quinn*Avery****MI*1EG4TE5MK73~',
    );
    const { remittance, issues } = remittanceOf(text);
    expect(issues).toEqual([]);
    expect(remittance).toEqual(SCENARIO_1_REMITTANCE);
    const [claim] = remittance!.claimPayments;
    const adjusted = claim.adjustments.reduce((sum, a) => sum + a.amount.amount, 0);
    expect(claim.charge.amount).toBe(claim.paid.amount + adjusted);
    expect(claim.adjustments.filter((a) => a.group === 'PR').reduce((sum, a) => sum + a.amount.amount, 0)).toBe(
      claim.patientResponsibility!.amount,
    );
  });

  it('scenario 2: Keystone pays 89.60 of 185.00 with CO-45 73.00 and PR-2 22.40, allowed 112.00', () => {
    const text = write835(SCENARIO_2_REMITTANCE, KHP01);
    expect(text).toContain('BPR*I*89.6*C*CHK************20261124~');
    expect(text).toContain(
      'CLP*CR-A-200871-01*1*185*89.6*22.4*CI*KHP2026110900017~\nNM1*QC*1*Rivera*Jordan****MI*KHP-44718-01~\nSVC*HC:99213*185*89.6**1~\nDTM*472*20261110~\nCAS*CO*45*73~\nCAS*PR*2*22.4~\nREF*6R*chg-jr-ov~\nAMT*B6*112~',
    );
    const { remittance, issues } = remittanceOf(text);
    expect(issues).toEqual([]);
    expect(remittance).toEqual(SCENARIO_2_REMITTANCE);
    const [line] = remittance!.claimPayments[0].serviceLines;
    expect(line.paid.amount + line.adjustments.reduce((sum, a) => sum + a.amount.amount, 0)).toBe(18_500);
  });

  it('writes provider-level adjustments (PLB) and balances BPR02 against them', () => {
    const withInterest: RemittanceDto = {
      ...SCENARIO_2_REMITTANCE,
      totalPaid: { amount: 9_085, currency: 'USD' },
      providerAdjustments: [
        {
          providerId: '1982764353',
          fiscalPeriodDate: '2026-12-31',
          reasonCode: 'L6',
          reference: 'CR-A-200871-01',
          amount: { amount: -125, currency: 'USD' },
        },
      ],
    };
    const text = write835(withInterest, KHP01);
    expect(text).toContain('PLB*1982764353*20261231*L6:CR-A-200871-01*-1.25~');
    const { remittance, issues } = remittanceOf(text);
    expect(issues).toEqual([]);
    expect(remittance).toEqual(withInterest);
  });

  it.each([
    { name: 'an ACH payment without bank details', remittance: SCENARIO_1_REMITTANCE, options: { ...MCRA1, bank: undefined } },
    { name: 'a payee with neither NPI nor tax id', remittance: { ...SCENARIO_2_REMITTANCE, payeeNpi: undefined }, options: KHP01 },
    {
      name: 'a payer contact with neither phone nor web address',
      remittance: SCENARIO_2_REMITTANCE,
      options: { ...KHP01, payerTechnicalContact: {} },
    },
  ])('refuses to write $name', ({ remittance, options }) => {
    expect(() => write835(remittance, options)).toThrowError(expect.objectContaining({ code: X12ErrorCode.UNWRITABLE_CLAIM }));
  });
});

describe('835 balancing (SNIP 3), to the cent', () => {
  const scenario2 = write835(SCENARIO_2_REMITTANCE, KHP01);
  const scenario1 = write835(SCENARIO_1_REMITTANCE, MCRA1);
  const position = (text: string, prefix: string) => text.split('\n').findIndex((l) => l.startsWith(prefix)) - 1;

  it.each([
    {
      name: 'claim: CLP03 − CLP04 is not the sum of the CAS amounts (a cent short)',
      text: scenario1.replace('CAS*PR*1*1676~', 'CAS*PR*1*1675.99~'),
      at: 'CLP*',
      expected: { code: X12IssueCode.CLAIM_PAYMENT_UNBALANCED, segmentId: 'CLP', loopId: '2100', elementPosition: 4 },
    },
    {
      name: 'service line: SVC02 − SVC03 is not its CAS amounts',
      text: scenario2.replace('CAS*CO*45*73~', 'CAS*CO*45*72~').replace('CLP*CR-A-200871-01*1*185*89.6', 'CLP*CR-A-200871-01*1*184*89.6'),
      at: 'SVC*',
      expected: { code: X12IssueCode.SERVICE_PAYMENT_UNBALANCED, segmentId: 'SVC', loopId: '2110', elementPosition: 3 },
    },
    {
      name: 'claim: CLP04 is not the line payments less claim-level adjustments',
      text: scenario2.replace('SVC*HC:99213*185*89.6**1~', 'SVC*HC:99213*185*90.6**1~').replace('CAS*CO*45*73~', 'CAS*CO*45*72~'),
      at: 'CLP*',
      expected: { code: X12IssueCode.CLAIM_PAYMENT_UNBALANCED, segmentId: 'CLP', loopId: '2100', elementPosition: 4 },
    },
    {
      name: 'remittance: BPR02 is not the claim payments less PLB',
      text: scenario2.replace('BPR*I*89.6*', 'BPR*I*89.7*'),
      at: 'BPR*',
      expected: { code: X12IssueCode.REMITTANCE_TOTAL_MISMATCH, segmentId: 'BPR', loopId: 'HEADER', elementPosition: 2 },
    },
  ])('$name', ({ text, at, expected }) => {
    const { issues } = remittanceOf(recount(text));
    expect(
      issues.map((i) => ({
        code: i.code,
        segmentId: i.location.segmentId,
        loopId: i.location.loopId,
        elementPosition: i.location.elementPosition,
      })),
    ).toEqual([expected]);
    expect(issues[0].location.segmentPosition).toBe(position(text, at));
    expect(issues[0]).toMatchObject({ snip: 3, ack: { ik304: '8', ik403: 'I12' } });
  });

  it.each([
    {
      name: 'a CAS reason without an amount',
      text: scenario2.replace('CAS*PR*2*22.4~', 'CAS*PR*2~'),
      code: X12IssueCode.REQUIRED_ELEMENT_MISSING,
    },
    {
      name: 'an adjustment group that is not CO, PR, OA or PI',
      text: scenario2.replace('CAS*PR*2*22.4~', 'CAS*CR*2*22.4~'),
      code: X12IssueCode.INVALID_CODE_VALUE,
    },
    {
      name: 'a claim payment without NM1*QC',
      text: scenario2.replace('NM1*QC*1*Rivera*Jordan****MI*KHP-44718-01~\n', ''),
      code: X12IssueCode.REQUIRED_SEGMENT_MISSING,
    },
    { name: 'no payer technical contact', text: scenario2.replace(/PER\*BL\*[^~]*~\n/, ''), code: X12IssueCode.REQUIRED_SEGMENT_MISSING },
  ])('SNIP 2: $name', ({ text, code }) => {
    const { issues } = remittanceOf(recount(text));
    expect(issues.map((i) => i.code)).toContain(code);
  });
});

describe('streaming an 835', () => {
  it('yields the header, then claim payments one by one, then the transaction end without them', async () => {
    const second: ClaimPaymentDto = { ...SCENARIO_2_REMITTANCE.claimPayments[0], patientControlNumber: 'CR-A-200871-02' };
    const remittance = {
      ...SCENARIO_2_REMITTANCE,
      totalPaid: { amount: 17_920, currency: 'USD' as const },
      claimPayments: [SCENARIO_2_REMITTANCE.claimPayments[0], second],
    };
    const text = write835(remittance, KHP01);
    async function* chunks() {
      for (let i = 0; i < text.length; i += 17) yield Buffer.from(text.slice(i, i + 17), 'latin1');
    }
    const events: string[] = [];
    const paid: ClaimPaymentDto[] = [];
    for await (const event of streamX12(chunks())) {
      events.push(event.type);
      if (event.type === 'claim-payment') paid.push(event.claimPayment);
      if (event.type === 'transaction-end') {
        const content = event.transactionSet.content as RemittanceContent;
        expect(content.claimPaymentCount).toBe(2);
        expect(content.remittance.claimPayments).toEqual([]);
        expect(content.remittance.traceNumber).toBe('CHK0049127');
      }
    }
    expect(events).toEqual([
      'interchange-start',
      'group-start',
      'transaction-start',
      'remittance-header',
      'claim-payment',
      'claim-payment',
      'transaction-end',
      'group-end',
      'interchange-end',
    ]);
    expect(paid.map((c) => c.patientControlNumber)).toEqual(['CR-A-200871-01', 'CR-A-200871-02']);
  });
});
