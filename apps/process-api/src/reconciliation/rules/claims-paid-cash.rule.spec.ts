import { describe, expect, it } from 'vitest';
import { ClaimsPaidCashRule, compareRemittance, type JournalRecord, type RemittanceRecord } from './claims-paid-cash.rule';

const remittance = (payments: Partial<RemittanceRecord['claimPayments'][number]>[]): RemittanceRecord => ({
  id: 'rmt-1',
  traceNumber: 'TRN-77',
  claimPayments: payments.map((payment, index) => ({
    id: `cpy-${index}`,
    claimId: `clm-${index}`,
    postingStatus: 'posted',
    paidCents: 0,
    patientResponsibilityCents: 0,
    ...payment,
  })),
});
const journal = (id: string, lines: [string, 'debit' | 'credit', number][]): JournalRecord => ({
  id,
  lines: lines.map(([account, side, amountCents]) => ({ account, side, amountCents })),
});

describe('compareRemittance (claims paid in 835s ↔ cash and A/R journals)', () => {
  it('finds nothing when cash and patient A/R match to the cent', () => {
    const paid = remittance([{ paidCents: 8_960, patientResponsibilityCents: 2_240 }]);
    const journals = [
      journal('j-1', [
        ['1000', 'debit', 8_960],
        ['1200', 'credit', 8_960],
      ]),
      journal('j-2', [
        ['1210', 'debit', 2_240],
        ['1200', 'credit', 2_240],
      ]),
    ];
    expect(compareRemittance(paid, journals)).toEqual([]);
  });

  it('a payment with no cash journal is a cash-journal-missing break for the whole amount, offering the missing journal', () => {
    const paid = remittance([
      { paidCents: 8_960 },
      { paidCents: 1_327_400, postingStatus: 'posted' },
      { paidCents: 500, postingStatus: 'unmatched' },
    ]);
    const [found, ...rest] = compareRemittance(paid, []);
    expect(rest).toEqual([]);
    expect(found).toMatchObject({
      key: 'remittance:rmt-1:cash',
      cause: 'cash-journal-missing',
      amountCents: 1_336_360,
      heal: {
        kind: 'post-journal',
        sourceDocument: { type: 'remittance', id: 'rmt-1' },
        lines: [
          { account: '1000', side: 'debit', amountCents: 1_336_360 },
          { account: '1200', side: 'credit', amountCents: 1_336_360 },
        ],
      },
    });
    expect(found.records).toEqual([
      { system: 'billing', type: 'remittance', id: 'rmt-1' },
      { system: 'billing', type: 'claim', id: 'clm-0' },
      { system: 'billing', type: 'claim', id: 'clm-1' },
    ]);
    expect(found.summary).toContain('13363.60');
  });

  it('a cash journal one cent short is an amount difference, with no automatic remedy', () => {
    const paid = remittance([{ paidCents: 8_960 }]);
    const [found] = compareRemittance(paid, [
      journal('j-1', [
        ['1000', 'debit', 8_959],
        ['1200', 'credit', 8_959],
      ]),
    ]);
    expect(found).toMatchObject({ cause: 'cash-journal-amount-differs', amountCents: 1 });
    expect(found.heal).toBeUndefined();
    expect(found.records).toContainEqual({ system: 'erp', type: 'journal', id: 'j-1' });
  });

  it('cash posted for a remittance whose payments never posted in billing is cash without payment', () => {
    const [found] = compareRemittance(remittance([{ paidCents: 8_960, postingStatus: 'failed' }]), [
      journal('j-1', [
        ['1000', 'debit', 8_960],
        ['1200', 'credit', 8_960],
      ]),
    ]);
    expect(found).toMatchObject({ cause: 'cash-journal-without-payment', amountCents: 8_960 });
  });

  it('a reversal (negative payment) nets against the journals, and the missing patient A/R is its own break', () => {
    const paid = remittance([
      { paidCents: -8_960, patientResponsibilityCents: -2_240 },
      { paidCents: 12_560, patientResponsibilityCents: 3_140 },
    ]);
    const breaks = compareRemittance(paid, [
      journal('j-1', [
        ['1200', 'debit', 8_960],
        ['1000', 'credit', 8_960],
      ]),
      journal('j-2', [
        ['1000', 'debit', 12_560],
        ['1200', 'credit', 12_560],
      ]),
    ]);
    expect(breaks).toHaveLength(1);
    expect(breaks[0]).toMatchObject({
      key: 'remittance:rmt-1:patient-ar',
      cause: 'patient-ar-journal-missing',
      amountCents: 900,
      heal: {
        lines: [
          { account: '1210', side: 'debit', amountCents: 900 },
          { account: '1200', side: 'credit', amountCents: 900 },
        ],
      },
    });
  });

  it('a net negative missing amount posts the journal on the other sides', () => {
    const [found] = compareRemittance(remittance([{ paidCents: -8_960 }]), []);
    expect(found.heal).toMatchObject({
      lines: [
        { account: '1000', side: 'credit', amountCents: 8_960 },
        { account: '1200', side: 'debit', amountCents: 8_960 },
      ],
    });
  });
});

describe('ClaimsPaidCashRule', () => {
  it('reads every remittance and the journals citing each one', async () => {
    const asked: string[] = [];
    const rule = new ClaimsPaidCashRule(
      {
        async *remittances() {
          yield remittance([{ paidCents: 100 }]);
          yield { ...remittance([{ paidCents: 200 }]), id: 'rmt-2' };
        },
      },
      {
        journalsFor(_type, id) {
          asked.push(id);
          return Promise.resolve(
            id === 'rmt-1'
              ? [
                  journal('j-1', [
                    ['1000', 'debit', 100],
                    ['1200', 'credit', 100],
                  ]),
                ]
              : [],
          );
        },
      },
    );
    const result = await rule.evaluate();
    expect(asked).toEqual(['rmt-1', 'rmt-2']);
    expect(result.examined).toBe(2);
    expect(result.breaks.map((b) => [b.key, b.amountCents])).toEqual([['remittance:rmt-2:cash', 200]]);
  });
});
