import type { MatchDiscrepancyCode } from '@concord/contracts';
import { formatCents, lineAmount, varianceBasisPoints } from './cents';

export interface MatchPoLine {
  lineNumber: number;
  itemId: string;
  quantity: number;
  unitPriceCents: number;
  receivedQuantity: number;
  invoicedQuantity: number;
}

export interface MatchInvoiceLine {
  poLineNumber: number;
  quantity: number;
  unitPriceCents: number;
}

export interface MatchLineResult {
  poLineNumber: number;
  itemId?: string;
  matched: boolean;
  orderedQuantity: number;
  receivedQuantity: number;
  previouslyInvoicedQuantity: number;
  invoicedQuantity: number;
  /** Invoiced beyond what was received and not yet invoiced; positive fails. */
  quantityVariance: number;
  poUnitPriceCents: number;
  invoiceUnitPriceCents: number;
  /** (invoice − PO) / PO price in basis points (676 = 6.76 %). */
  priceVarianceBasisPoints: number;
  /** (invoice − PO unit price) × invoiced quantity. */
  priceVarianceCents: number;
  /** Invoiced quantity at the PO price: what leaves goods received not invoiced. */
  poValueCents: number;
  discrepancies: { code: MatchDiscrepancyCode; message: string }[];
}

export interface MatchResult {
  matched: boolean;
  priceToleranceBasisPoints: number;
  lines: MatchLineResult[];
  /** Σ invoiced quantity × PO price. */
  poValueCents: number;
  /** Σ price variance. */
  priceVarianceCents: number;
  /** Σ invoiced quantity × invoice price. */
  invoiceTotalCents: number;
}

const percent = (basisPoints: number) => `${(basisPoints / 100).toFixed(2)} %`;

/**
 * 3-way match: each invoice line against its PO line (price) and what was received and not yet
 * invoiced (quantity). A price outside the tolerance, either way, fails the line; so does invoicing
 * more than was received. Pure: the ERP decides what to post from the result.
 */
export function matchInvoice(poLines: MatchPoLine[], invoiceLines: MatchInvoiceLine[], priceToleranceBasisPoints: number): MatchResult {
  const lines = invoiceLines.map((invoiceLine): MatchLineResult => {
    const poLine = poLines.find((line) => line.lineNumber === invoiceLine.poLineNumber);
    const invoiceValue = lineAmount(invoiceLine.quantity, invoiceLine.unitPriceCents);
    if (!poLine) {
      return {
        poLineNumber: invoiceLine.poLineNumber,
        matched: false,
        orderedQuantity: 0,
        receivedQuantity: 0,
        previouslyInvoicedQuantity: 0,
        invoicedQuantity: invoiceLine.quantity,
        quantityVariance: invoiceLine.quantity,
        poUnitPriceCents: 0,
        invoiceUnitPriceCents: invoiceLine.unitPriceCents,
        priceVarianceBasisPoints: 0,
        priceVarianceCents: 0,
        poValueCents: 0,
        discrepancies: [{ code: 'unknown-po-line', message: `The PO has no line ${invoiceLine.poLineNumber}` }],
      };
    }
    const discrepancies: MatchLineResult['discrepancies'] = [];
    const available = poLine.receivedQuantity - poLine.invoicedQuantity;
    const quantityVariance = Math.max(0, invoiceLine.quantity - available);
    if (quantityVariance > 0) {
      discrepancies.push({
        code: 'quantity-exceeds-received',
        message: `Invoiced ${invoiceLine.quantity} but only ${available} received and not yet invoiced (${poLine.receivedQuantity} received, ${poLine.invoicedQuantity} invoiced before)`,
      });
    }
    const basisPoints = varianceBasisPoints(invoiceLine.unitPriceCents, poLine.unitPriceCents);
    const priceDifference = invoiceLine.unitPriceCents - poLine.unitPriceCents;
    // Exact comparison in integers: |difference| / PO price > tolerance.
    if (Math.abs(priceDifference) * 10_000 > priceToleranceBasisPoints * poLine.unitPriceCents) {
      discrepancies.push({
        code: 'price-variance',
        message: `Invoice price ${formatCents(invoiceLine.unitPriceCents)} is ${percent(Math.abs(basisPoints))} ${priceDifference > 0 ? 'above' : 'below'} the PO price ${formatCents(poLine.unitPriceCents)}; tolerance is ${percent(priceToleranceBasisPoints)}`,
      });
    }
    const poValueCents = lineAmount(invoiceLine.quantity, poLine.unitPriceCents);
    return {
      poLineNumber: poLine.lineNumber,
      itemId: poLine.itemId,
      matched: discrepancies.length === 0,
      orderedQuantity: poLine.quantity,
      receivedQuantity: poLine.receivedQuantity,
      previouslyInvoicedQuantity: poLine.invoicedQuantity,
      invoicedQuantity: invoiceLine.quantity,
      quantityVariance,
      poUnitPriceCents: poLine.unitPriceCents,
      invoiceUnitPriceCents: invoiceLine.unitPriceCents,
      priceVarianceBasisPoints: basisPoints,
      priceVarianceCents: invoiceValue - poValueCents,
      poValueCents,
      discrepancies,
    };
  });
  return {
    matched: lines.every((line) => line.matched),
    priceToleranceBasisPoints,
    lines,
    poValueCents: lines.reduce((sum, line) => sum + line.poValueCents, 0),
    priceVarianceCents: lines.reduce((sum, line) => sum + line.priceVarianceCents, 0),
    invoiceTotalCents: invoiceLines.reduce((sum, line) => sum + lineAmount(line.quantity, line.unitPriceCents), 0),
  };
}
