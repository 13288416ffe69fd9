import { describe, expect, it } from 'vitest';
import { matchInvoice, type MatchPoLine } from './invoice-matching';

const gloves: MatchPoLine = {
  lineNumber: 1,
  itemId: 'GLV-NIT-M',
  quantity: 100,
  unitPriceCents: 1_850,
  receivedQuantity: 100,
  invoicedQuantity: 0,
};

describe('matchInvoice', () => {
  it.each([
    {
      name: 'exact price and quantity',
      po: gloves,
      invoice: { quantity: 100, unitPriceCents: 1_850 },
      matched: true,
      basisPoints: 0,
      varianceCents: 0,
      codes: [],
    },
    {
      name: 'scenario 4: 19.75 against 18.50 is 6.76 % over',
      po: gloves,
      invoice: { quantity: 100, unitPriceCents: 1_975 },
      matched: false,
      basisPoints: 676,
      varianceCents: 12_500,
      codes: ['price-variance'],
    },
    // 2 % of 18.50 is 0.37: 18.87 is exactly at the tolerance and passes, 18.88 is beyond it.
    {
      name: 'exactly at the 2 % tolerance',
      po: gloves,
      invoice: { quantity: 100, unitPriceCents: 1_887 },
      matched: true,
      basisPoints: 200,
      varianceCents: 3_700,
      codes: [],
    },
    {
      name: 'one cent beyond the tolerance',
      po: gloves,
      invoice: { quantity: 100, unitPriceCents: 1_888 },
      matched: false,
      basisPoints: 205,
      varianceCents: 3_800,
      codes: ['price-variance'],
    },
    {
      name: 'cheaper beyond the tolerance fails too',
      po: gloves,
      invoice: { quantity: 100, unitPriceCents: 1_800 },
      matched: false,
      basisPoints: -270,
      varianceCents: -5_000,
      codes: ['price-variance'],
    },
    {
      name: 'partial invoice of what was received',
      po: gloves,
      invoice: { quantity: 40, unitPriceCents: 1_850 },
      matched: true,
      basisPoints: 0,
      varianceCents: 0,
      codes: [],
    },
    {
      name: 'more than received',
      po: { ...gloves, receivedQuantity: 60 },
      invoice: { quantity: 100, unitPriceCents: 1_850 },
      matched: false,
      basisPoints: 0,
      varianceCents: 0,
      codes: ['quantity-exceeds-received'],
    },
    {
      name: 'more than received and not yet invoiced, with a price variance',
      po: { ...gloves, invoicedQuantity: 80 },
      invoice: { quantity: 30, unitPriceCents: 1_975 },
      matched: false,
      basisPoints: 676,
      varianceCents: 3_750,
      codes: ['quantity-exceeds-received', 'price-variance'],
    },
  ])('$name', ({ po, invoice, matched, basisPoints, varianceCents, codes }) => {
    const result = matchInvoice([po], [{ poLineNumber: 1, ...invoice }], 200);
    expect(result.matched).toBe(matched);
    expect(result.lines[0]).toMatchObject({ matched, priceVarianceBasisPoints: basisPoints, priceVarianceCents: varianceCents });
    expect(result.lines[0]?.discrepancies.map((discrepancy) => discrepancy.code)).toStrictEqual(codes);
    expect(result.invoiceTotalCents).toBe(result.poValueCents + result.priceVarianceCents);
  });

  it('names the received and already invoiced quantities when quantity fails', () => {
    const result = matchInvoice(
      [{ ...gloves, receivedQuantity: 90, invoicedQuantity: 50 }],
      [{ poLineNumber: 1, quantity: 50, unitPriceCents: 1_850 }],
      200,
    );
    expect(result.lines[0]).toMatchObject({ quantityVariance: 10, previouslyInvoicedQuantity: 50, receivedQuantity: 90 });
    expect(result.lines[0]?.discrepancies[0]?.message).toBe(
      'Invoiced 50 but only 40 received and not yet invoiced (90 received, 50 invoiced before)',
    );
  });

  it('fails a line that is not on the PO', () => {
    const result = matchInvoice([gloves], [{ poLineNumber: 7, quantity: 1, unitPriceCents: 100 }], 200);
    expect(result.matched).toBe(false);
    expect(result.lines[0]?.discrepancies).toStrictEqual([{ code: 'unknown-po-line', message: 'The PO has no line 7' }]);
  });

  it('takes a configurable tolerance', () => {
    expect(matchInvoice([gloves], [{ poLineNumber: 1, quantity: 100, unitPriceCents: 1_975 }], 700).matched).toBe(true);
    expect(matchInvoice([gloves], [{ poLineNumber: 1, quantity: 100, unitPriceCents: 1_851 }], 0).matched).toBe(false);
  });
});
