import type {
  ChargeCategory,
  CostCentreDto,
  CostCentreValidationDto,
  CreateGoodsReceiptDto,
  CreateInventoryIssueDto,
  CreateJournalEntryDto,
  CreatePurchaseRequisitionDto,
  GLAccountDto,
  GlAccountType,
  GLMappingDto,
  GoodsReceiptDto,
  InventoryBalanceDto,
  InventoryIssueDto,
  ItemDto,
  JournalEntryDto,
  JournalLineDto,
  MatchDiscrepancyCode,
  MatchLineDto,
  MoneyDto,
  PaymentDto,
  PaymentMethod,
  PurchaseOrderDto,
  PurchaseOrderStatus,
  PurchaseRequisitionDto,
  RequisitionReason,
  SourceDocumentDto,
  SourceDocumentType,
  SupplierDto,
  SupplierInvoiceDto,
  SupplierInvoiceStatus,
  TrialBalanceDto,
  TrialBalanceLineDto,
} from '@concord/contracts';
import { COST_CENTRE_CODE_PATTERN } from '@concord/contracts';
import { centsToDecimal, decimalToCents, formatScaledDecimal, parseScaledDecimal } from '../../odata/decimal-amount';
import type * as S4 from '../../odata/s4hana/s4-entities';
import { ErpConnectorException, ErpConnectorExceptionCode as Code } from '../erp-connector.exception';
import type * as X from './s4-erp.entities';

// Pure mappings between the S/4-style entities and Concord's canonical ERP model. Amounts travel as
// decimal text and become integer cents by string arithmetic (decimalToCents), never through a float;
// quantities are kept in thousandths while computing.

const usd = (cents: number | bigint): MoneyDto => ({ amount: Number(cents) + 0, currency: 'USD' });

/** Decimal text of an amount as integer cents. */
export function cents(text: string | null | undefined, where: string): number {
  if (text === null || text === undefined) throw new TypeError(`${where} is missing`);
  return decimalToCents(text, 2, where);
}

/** Decimal text of a quantity in thousandths of the unit. */
export function milli(text: string | null | undefined, where: string): bigint {
  if (text === null || text === undefined) throw new TypeError(`${where} is missing`);
  return parseScaledDecimal(text, 3, where);
}

/** Decimal text of a quantity as the canonical number (at most three decimals, exactly representable as such). */
export function quantity(text: string | null | undefined, where: string): number {
  return Number(formatScaledDecimal(milli(text, where), 3));
}

/** A canonical quantity (a number with at most three decimals) as decimal text. */
export function quantityText(value: number): string {
  return formatScaledDecimal(BigInt(Math.round(value * 1000)), 3);
}

/** numerator / denominator rounded half away from zero. */
export function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const quotient = (magnitude * 2n + denominator) / (denominator * 2n);
  return negative ? -quotient : quotient;
}

/** Value in cents of a quantity (thousandths) at a unit price in cents, rounded to the cent. */
export function valueCents(quantityMilli: bigint, unitPriceCents: number): number {
  return Number(divideHalfUp(quantityMilli * BigInt(unitPriceCents), 1000n));
}

/** The version id (for `source.versionId` and If-Match) inside an OData ETag: `W/"abc"` → `abc`. */
export function versionOf(etag: string | undefined): string | undefined {
  if (etag === undefined) return undefined;
  const match = /^(?:W\/)?"(.*)"$/.exec(etag);
  return match ? match[1] : etag;
}

/** A canonical version id as the weak ETag the server compares. */
export function etagOf(versionId: string | undefined): string | undefined {
  return versionId === undefined ? undefined : `W/"${versionId}"`;
}

/** A date (YYYY-MM-DD) as the instant it began, UTC: S/4 keeps dates, not times, for these documents. */
const dayStart = (date: string | null | undefined): string => `${date ?? '1970-01-01'}T00:00:00.000Z`;

// ---------------------------------------------------------------------------------------------
// Document ids: S/4 numbers documents per fiscal year, so Concord's id carries both.

/** `4900000001-2026` for material document 4900000001 of fiscal year 2026. */
export const documentId = (number: string, year: string): string => `${number}-${year}`;

/** The number and fiscal year inside a document id; undefined when the id is not one. */
export function parseDocumentId(id: string): { number: string; year: string } | undefined {
  const match = /^(\d{1,10})-(\d{4})$/.exec(id);
  return match ? { number: match[1], year: match[2] } : undefined;
}

/** PO and requisition line 1 is S/4 item 00010, line 2 is 00020. */
export const purchasingItem = (lineNumber: number): string => String(lineNumber * 10).padStart(5, '0');
export const lineNumberOf = (item: string | null | undefined): number => Math.round(Number(item ?? '0') / 10);

// ---------------------------------------------------------------------------------------------
// Master data

/** Payment terms keys and their days, as the ERP's configuration defines them. */
export type PaymentTermsDays = Readonly<Record<string, number>>;

export function supplierFromS4(
  supplier: X.A_Supplier & { '@odata.etag'?: string },
  terms: PaymentTermsDays,
  companyCode: string,
): SupplierDto {
  const company = supplier.to_SupplierCompany?.find((candidate) => candidate.CompanyCode === companyCode);
  const key = company?.PaymentTerms ?? undefined;
  return {
    id: supplier.Supplier,
    name: supplier.SupplierName,
    // Terms the configuration does not know are shown as due at once rather than guessed.
    paymentTermsDays: key !== undefined && terms[key] !== undefined ? terms[key] : 0,
    active: !supplier.PostingIsBlocked,
    source: {
      system: 'erp',
      recordId: supplier.Supplier,
      versionId: versionOf(supplier['@odata.etag']),
      lastUpdated: supplier.LastChangeDateTime ?? undefined,
    },
  };
}

/** The purchasing info record that prices an item: the newest one for the plant (or for every plant). */
export function currentInfoRecord(
  records: S4.A_PurchasingInfoRecord[],
  material: string,
  plant: string,
): S4.A_PurchasingInfoRecord | undefined {
  return records
    .filter((record) => record.Material === material && (!record.Plant || record.Plant === plant))
    .sort((a, b) => b.PurchasingInfoRecord.localeCompare(a.PurchasingInfoRecord))[0];
}

export interface ItemPlanning {
  reorderPoint?: number;
  reorderQuantity?: number;
  allowNegativeStock: boolean;
}

/** Reorder point, lot size and negative stock of a product at a plant (absent numbers when not planned). */
export function planningOf(product: S4.A_Product, plant: string): ItemPlanning {
  const data = product.to_Plant?.find((candidate) => candidate.Plant === plant);
  const positive = (text: string | undefined, where: string) => {
    if (text === undefined || text === null) return undefined;
    const value = quantity(text, where);
    return value > 0 ? value : undefined;
  };
  return {
    reorderPoint: positive(data?.ReorderThresholdQuantity, 'ReorderThresholdQuantity'),
    reorderQuantity: positive(data?.FixedLotSizeQuantity, 'FixedLotSizeQuantity'),
    allowNegativeStock: data?.IsNegativeStockAllowed === true,
  };
}

export function itemFromS4(
  product: X.A_Product & { '@odata.etag'?: string },
  plant: string,
  infoRecord?: S4.A_PurchasingInfoRecord,
): ItemDto {
  const planning = planningOf(product, plant);
  const item: ItemDto = {
    id: product.Product,
    description: product.ProductDescription ?? product.Product,
    unitOfMeasure: product.BaseUnit ?? 'EA',
    serialTracked: Boolean(product.SerialNumberProfile),
    // Batch management is not part of this ERP's item master API: no item is lot-tracked here.
    lotTracked: false,
    allowNegativeStock: planning.allowNegativeStock,
    active: !product.IsMarkedForDeletion,
    source: {
      system: 'erp',
      recordId: product.Product,
      versionId: versionOf(product['@odata.etag']),
      lastUpdated: product.LastChangeDateTime ?? undefined,
    },
  };
  if (product.ProductStandardID) item.gtin = product.ProductStandardID;
  if (product.YY1_UNSPSC_PRD) item.unspsc = product.YY1_UNSPSC_PRD;
  if (product.YY1_HCPCS_PRD) item.billableHcpcs = product.YY1_HCPCS_PRD;
  if (planning.reorderPoint !== undefined) item.reorderPoint = planning.reorderPoint;
  if (planning.reorderQuantity !== undefined) item.reorderQuantity = planning.reorderQuantity;
  if (infoRecord?.NetPriceAmount) item.lastPurchasePrice = usd(cents(infoRecord.NetPriceAmount, 'NetPriceAmount'));
  if (infoRecord?.Supplier) item.preferredSupplierId = infoRecord.Supplier;
  return item;
}

/** Stock of one item at one storage location, valued at the plant's moving-average price. */
export function balanceFromS4(input: {
  stock: S4.A_MatlStkInAcctMod;
  movingAveragePrice?: string;
  priceUnit?: string;
  serials: string[];
  planning: ItemPlanning;
  onOrder: number;
}): InventoryBalanceDto {
  const onHandMilli = milli(input.stock.MatlWrhsStkQtyInMatlBaseUnit ?? '0', 'MatlWrhsStkQtyInMatlBaseUnit');
  const onHand = Number(formatScaledDecimal(onHandMilli, 3));
  const priceUnit = Number(input.priceUnit ?? '1') || 1;
  const average = input.movingAveragePrice === undefined ? 0 : cents(input.movingAveragePrice, 'MovingAveragePrice');
  const unitCost = Number(divideHalfUp(BigInt(average), BigInt(priceUnit)));
  return {
    itemId: input.stock.Material,
    locationId: input.stock.StorageLocation,
    onHand,
    unitOfMeasure: input.stock.MaterialBaseUnit ?? 'EA',
    movingAverageUnitCost: usd(unitCost),
    value: usd(Number(divideHalfUp(onHandMilli * BigInt(average), 1000n * BigInt(priceUnit)))),
    serials: [...input.serials].sort(),
    lots: [],
    onOrder: input.onOrder,
    atOrBelowReorderPoint: input.planning.reorderPoint !== undefined && onHand <= input.planning.reorderPoint,
  };
}

/** The period of a cost centre valid on `date`, else its latest one. */
export function costCentrePeriod(rows: S4.A_CostCenter[], date: string): S4.A_CostCenter | undefined {
  const valid = rows.find((row) => (row.ValidityStartDate ?? '0000-01-01') <= date && date <= row.ValidityEndDate);
  return valid ?? [...rows].sort((a, b) => b.ValidityEndDate.localeCompare(a.ValidityEndDate))[0];
}

export function costCentreFromS4(rows: S4.A_CostCenter[], date: string): CostCentreDto | undefined {
  const period = costCentrePeriod(rows, date);
  if (!period) return undefined;
  const current = (period.ValidityStartDate ?? '0000-01-01') <= date && date <= period.ValidityEndDate;
  return {
    code: period.CostCenter,
    name: period.CostCenterDescription ?? period.CostCenterName ?? period.CostCenter,
    active: current && !period.IsBlkdForPrimaryCostsPosting,
  };
}

/** Whether postings to `code` are accepted on `date`: malformed, unknown, inactive (expired or blocked), or valid. */
export function costCentreValidation(code: string, rows: S4.A_CostCenter[], date: string): CostCentreValidationDto {
  if (!COST_CENTRE_CODE_PATTERN.test(code)) return { code, valid: false, reason: 'malformed' };
  const costCentre = costCentreFromS4(rows, date);
  if (!costCentre) return { code, valid: false, reason: 'unknown' };
  return costCentre.active ? { code, valid: true, costCentre } : { code, valid: false, reason: 'inactive', costCentre };
}

/** Account types by number range: S/4 tells balance sheet from profit and loss, the chart's ranges tell the rest. */
export interface AccountTypeRange {
  from: string;
  to: string;
  type: GlAccountType;
}

/** SCENARIOS.md's chart: 1xxx assets, 2xxx liabilities, 3xxx equity, 40xx–48xx revenue, 49xx contra revenue, 5xxx–9xxx expense. */
export const DEFAULT_ACCOUNT_TYPES: readonly AccountTypeRange[] = [
  { from: '1000', to: '1999', type: 'asset' },
  { from: '2000', to: '2999', type: 'liability' },
  { from: '3000', to: '3999', type: 'equity' },
  { from: '4000', to: '4899', type: 'revenue' },
  { from: '4900', to: '4999', type: 'contra-revenue' },
  { from: '5000', to: '9999', type: 'expense' },
];

const inRange = (account: string, range: AccountTypeRange) =>
  account.length === range.from.length
    ? account >= range.from && account <= range.to
    : Number(account) >= Number(range.from) && Number(account) <= Number(range.to);

export function glAccountFromS4(account: S4.A_GLAccountInChartOfAccounts, ranges: readonly AccountTypeRange[]): GLAccountDto {
  const range = ranges.find((candidate) => inRange(account.GLAccount, candidate));
  const type: GlAccountType = range?.type ?? (account.IsProfitLossAccount ? 'expense' : 'asset');
  const creditNormal = type === 'liability' || type === 'equity' || type === 'revenue';
  return {
    number: account.GLAccount,
    name: account.GLAccountLongName ?? account.GLAccountName ?? account.GLAccount,
    type,
    normalBalance: creditNormal ? 'credit' : 'debit',
    // The ERP's own rule: every profit-and-loss line carries a cost centre.
    requiresCostCentre: account.IsProfitLossAccount === true,
    directPostingAllowed: !account.AccountIsBlockedForPosting,
  };
}

/** Canonical charge categories as the mapping object's category codes. */
export const CHARGE_CATEGORY_CODES: Record<ChargeCategory, string> = {
  inpatient: 'INPATIENT',
  outpatient: 'OUTPATIENT',
  supplies: 'SUPPLIES',
  labour: 'LABOUR',
};

const CATEGORY_OF_CODE = new Map(Object.entries(CHARGE_CATEGORY_CODES).map(([category, code]) => [code, category as ChargeCategory]));

/** A mapping row of a canonical category as a GLMappingDto; rows of other categories are not Concord's. */
export function glMappingFromS4(row: X.YY1_GLAccountMapping): GLMappingDto | undefined {
  const chargeCategory = CATEGORY_OF_CODE.get(row.ChargeCategory);
  if (!chargeCategory) return undefined;
  const mapping: GLMappingDto = { departmentCode: row.CostCenter, chargeCategory };
  if (chargeCategory === 'inpatient' || chargeCategory === 'outpatient') {
    mapping.revenueAccount = row.GLAccount;
    if (row.ContraRevenueGLAccount) mapping.contraRevenueAccount = row.ContraRevenueGLAccount;
    if (row.ReceivableGLAccount) mapping.receivableAccount = row.ReceivableGLAccount;
  } else {
    mapping.expenseAccount = row.GLAccount;
  }
  return mapping;
}

// ---------------------------------------------------------------------------------------------
// General ledger

/** The trial balance from the TrialBalance function's rows: net debit or credit per account (and cost centre). */
export function trialBalanceFromS4(
  rows: S4.TrialBalanceLine[],
  accountNames: ReadonlyMap<string, string>,
  query: { byCostCentre?: boolean; costCentre?: string },
  asOf: string,
): TrialBalanceDto {
  const split = query.byCostCentre === true || query.costCentre !== undefined;
  const groups = new Map<string, { account: string; costCentre?: string; cents: number }>();
  for (const row of rows) {
    const costCentre = row.CostCenter ?? '';
    if (query.costCentre !== undefined && costCentre !== query.costCentre) continue;
    const key = split ? `${row.GLAccount}|${costCentre}` : row.GLAccount;
    const group = groups.get(key) ?? { account: row.GLAccount, costCentre: split && costCentre ? costCentre : undefined, cents: 0 };
    group.cents +=
      cents(row.DebitAmountInCoCodeCrcy, 'DebitAmountInCoCodeCrcy') - cents(row.CreditAmountInCoCodeCrcy, 'CreditAmountInCoCodeCrcy');
    groups.set(key, group);
  }
  const lines: TrialBalanceLineDto[] = [...groups.values()]
    .filter((group) => group.cents !== 0)
    .sort((a, b) => a.account.localeCompare(b.account) || (a.costCentre ?? '').localeCompare(b.costCentre ?? ''))
    .map((group) => ({
      account: group.account,
      accountName: accountNames.get(group.account) ?? group.account,
      ...(group.costCentre ? { costCentre: group.costCentre } : {}),
      debit: usd(group.cents > 0 ? group.cents : 0),
      credit: usd(group.cents < 0 ? -group.cents : 0),
    }));
  const totalDebits = lines.reduce((sum, line) => sum + line.debit.amount, 0);
  const totalCredits = lines.reduce((sum, line) => sum + line.credit.amount, 0);
  return { asOf, lines, totalDebits: usd(totalDebits), totalCredits: usd(totalCredits), balanced: totalDebits === totalCredits };
}

/** What an automatic posting's reference document type says about its source. */
const SOURCE_OF_REFERENCE: Record<string, (documentType: string | undefined) => SourceDocumentType | undefined> = {
  MKPF: (documentType) => (documentType === 'WA' ? 'inventory-issue' : documentType === 'WE' ? 'goods-receipt' : undefined),
  RMRP: () => 'supplier-invoice',
  PAYM: () => 'payment',
  BKPF: () => undefined,
};

/** The business document a journal entry records: Concord's custom fields, or the ERP's own reference document. */
export function sourceDocumentOf(entry: X.A_JournalEntry): SourceDocumentDto | undefined {
  if (entry.YY1_SourceDocType_JEH && entry.YY1_SourceDocID_JEH)
    return { type: entry.YY1_SourceDocType_JEH as SourceDocumentType, id: entry.YY1_SourceDocID_JEH };
  const type = SOURCE_OF_REFERENCE[entry.ReferenceDocumentType ?? '']?.(entry.AccountingDocumentType);
  const reference = entry.OriginalReferenceDocument ?? '';
  // The reference is the document number followed by its fiscal year (4900000001 2026).
  if (!type || reference.length < 5) return undefined;
  return { type, id: documentId(reference.slice(0, -4), reference.slice(-4)) };
}

export function journalFromS4(entry: X.A_JournalEntry): JournalEntryDto {
  const items = entry.to_Item ?? [];
  const lines: JournalLineDto[] = items.map((item, index) => {
    const amount = cents(item.AmountInCompanyCodeCurrency, `to_Item[${index}]/AmountInCompanyCodeCurrency`);
    const line: JournalLineDto = {
      lineNumber: Number(item.AccountingDocumentItem ?? index + 1),
      account: item.GLAccount,
      side: item.DebitCreditCode === 'S' ? 'debit' : 'credit',
      amount: usd(Math.abs(amount)),
    };
    if (item.CostCenter) line.costCentre = item.CostCenter;
    if (item.DocumentItemText) line.memo = item.DocumentItemText;
    return line;
  });
  const dto: JournalEntryDto = {
    id: documentId(entry.AccountingDocument ?? '', entry.FiscalYear ?? ''),
    postingDate: entry.PostingDate ?? '',
    postedAt: dayStart(entry.PostingDate),
    lines,
    total: usd(lines.filter((line) => line.side === 'debit').reduce((sum, line) => sum + line.amount.amount, 0)),
  };
  if (entry.AccountingDocumentHeaderText) dto.memo = entry.AccountingDocumentHeaderText;
  const source = sourceDocumentOf(entry);
  if (source) dto.sourceDocument = source;
  return dto;
}

export const HEADER_TEXT_LENGTH = 25;
export const ITEM_TEXT_LENGTH = 50;

/** Debits minus credits of a journal to post, in cents. */
export function journalDifference(input: CreateJournalEntryDto): number {
  return input.lines.reduce((sum, line) => sum + (line.side === 'debit' ? line.amount.amount : -line.amount.amount), 0);
}

/** The journal entry to create (deep insert with its items), carrying the sender's reference. */
export function journalToS4(input: CreateJournalEntryDto, reference: string): X.A_JournalEntry {
  const entry: X.A_JournalEntry = {
    DocumentReferenceID: reference,
    to_Item: input.lines.map((line) => ({
      GLAccount: line.account,
      ...(line.costCentre ? { CostCenter: line.costCentre } : {}),
      DebitCreditCode: line.side === 'debit' ? 'S' : 'H',
      AmountInCompanyCodeCurrency: centsToDecimal(line.side === 'debit' ? line.amount.amount : -line.amount.amount),
      ...(line.memo ? { DocumentItemText: line.memo.slice(0, ITEM_TEXT_LENGTH) } : {}),
    })),
  };
  if (input.postingDate) entry.PostingDate = input.postingDate;
  if (input.memo) entry.AccountingDocumentHeaderText = input.memo.slice(0, HEADER_TEXT_LENGTH);
  if (input.sourceDocument) {
    entry.YY1_SourceDocType_JEH = input.sourceDocument.type;
    entry.YY1_SourceDocID_JEH = input.sourceDocument.id;
  }
  return entry;
}

/** Whether a stored entry is what `sent` would have created (a replay), as far as the ERP keeps it. */
export function sameJournal(stored: X.A_JournalEntry, sent: X.A_JournalEntry): boolean {
  const lines = (entry: X.A_JournalEntry) =>
    (entry.to_Item ?? []).map((item) =>
      [item.GLAccount, item.CostCenter ?? '', cents(item.AmountInCompanyCodeCurrency, 'amount'), item.DocumentItemText ?? ''].join('|'),
    );
  return (
    JSON.stringify(lines(stored)) === JSON.stringify(lines(sent)) &&
    (stored.AccountingDocumentHeaderText ?? '') === (sent.AccountingDocumentHeaderText ?? '') &&
    (stored.YY1_SourceDocType_JEH ?? '') === (sent.YY1_SourceDocType_JEH ?? '') &&
    (stored.YY1_SourceDocID_JEH ?? '') === (sent.YY1_SourceDocID_JEH ?? '') &&
    (sent.PostingDate === undefined || stored.PostingDate === sent.PostingDate)
  );
}

// ---------------------------------------------------------------------------------------------
// Stock movements

/** Serial numbers of a material document item, from SerialNumber and to_SerialNumbers. */
export function serialsOf(item: X.A_MaterialDocumentItem): string[] {
  const listed = (item.to_SerialNumbers ?? []).map((serial) => serial.SerialNumber);
  return [...new Set([...(item.SerialNumber ? [item.SerialNumber] : []), ...listed])];
}

const withSerials = (serials: readonly string[] | undefined): Partial<X.A_MaterialDocumentItem> => {
  if (!serials?.length) return {};
  return serials.length === 1 ? { SerialNumber: serials[0] } : { to_SerialNumbers: serials.map((SerialNumber) => ({ SerialNumber })) };
};

export const ENCOUNTER_REFERENCE_LENGTH = 40;

/** A goods issue (movement 201) to a cost centre, as a material document with the sender's reference. */
export function issueToS4(input: CreateInventoryIssueDto, reference: string, plant: string): X.A_MaterialDocumentHeader {
  return {
    GoodsMovementCode: '03',
    ReferenceDocument: reference,
    to_MaterialDocumentItem: [
      {
        GoodsMovementType: '201',
        Material: input.itemId,
        Plant: plant,
        StorageLocation: input.locationId,
        QuantityInEntryUnit: quantityText(input.quantity),
        CostCenter: input.costCentre,
        ...(input.encounterId ? { YY1_EncounterReference_MMI: input.encounterId } : {}),
        ...withSerials(input.serials),
      },
    ],
  };
}

/** Whether a stored material document is what `sent` would have created (same items, quantities, serials). */
export function sameMaterialDocument(stored: X.A_MaterialDocumentHeader, sent: X.A_MaterialDocumentHeader): boolean {
  const items = (document: X.A_MaterialDocumentHeader) =>
    (document.to_MaterialDocumentItem ?? []).map((item) =>
      [
        item.GoodsMovementType,
        item.Material ?? '',
        item.StorageLocation ?? '',
        item.PurchaseOrder ?? '',
        item.PurchaseOrderItem ?? '',
        milli(item.QuantityInEntryUnit, 'QuantityInEntryUnit').toString(),
        item.CostCenter ?? '',
        item.YY1_EncounterReference_MMI ?? '',
        serialsOf(item).sort().join(','),
      ].join('|'),
    );
  // A receipt names the PO item only: the ERP fills in material and location, so compare what was sent.
  const storedItems = items(stored);
  const sentItems = items(sent);
  return (
    storedItems.length === sentItems.length &&
    sentItems.every((line, index) => {
      const mine = line.split('|');
      const theirs = storedItems[index].split('|');
      return mine.every((value, field) => value === '' || value === theirs[field]);
    })
  );
}

export interface ReorderFacts {
  onHand: number;
  onOrder: number;
  planning: ItemPlanning;
  preferredSupplierId?: string;
  lastPurchasePrice?: MoneyDto;
}

export function issueFromS4(
  document: X.A_MaterialDocumentHeader,
  extra: { procedureId?: string; onHandAfter: number; reorder?: ReorderFacts },
): InventoryIssueDto {
  const [item] = document.to_MaterialDocumentItem ?? [];
  if (!item) throw new TypeError('the material document has no item');
  const quantityMilli = milli(item.QuantityInEntryUnit, 'QuantityInEntryUnit');
  const total = cents(item.TotalGoodsMvtAmtInCCCrcy ?? '0', 'TotalGoodsMvtAmtInCCCrcy');
  const year = document.MaterialDocumentYear ?? '';
  const issue: InventoryIssueDto = {
    id: documentId(document.MaterialDocument ?? '', year),
    itemId: item.Material ?? '',
    locationId: item.StorageLocation ?? '',
    quantity: Number(formatScaledDecimal(quantityMilli, 3)),
    unitOfMeasure: item.EntryUnit ?? 'EA',
    costCentre: item.CostCenter ?? '',
    serials: serialsOf(item),
    lots: [],
    unitCost: usd(Number(divideHalfUp(BigInt(total) * 1000n, quantityMilli))),
    totalCost: usd(total),
    onHandAfter: extra.onHandAfter,
    issuedAt: dayStart(document.PostingDate),
  };
  if (item.YY1_EncounterReference_MMI) issue.encounterId = item.YY1_EncounterReference_MMI;
  if (extra.procedureId) issue.procedureId = extra.procedureId;
  // The journal is numbered in the fiscal year of the posting date, as the material document is.
  if (item.AccountingDocument) issue.journalEntryId = documentId(item.AccountingDocument, (document.PostingDate ?? year).slice(0, 4));
  const reorder = extra.reorder;
  if (reorder?.planning.reorderPoint !== undefined && reorder.onHand <= reorder.planning.reorderPoint) {
    issue.reorder = {
      itemId: issue.itemId,
      locationId: issue.locationId,
      onHand: reorder.onHand,
      onOrder: reorder.onOrder,
      reorderPoint: reorder.planning.reorderPoint,
      reorderQuantity: reorder.planning.reorderQuantity ?? 0,
      ...(reorder.preferredSupplierId ? { preferredSupplierId: reorder.preferredSupplierId } : {}),
      ...(reorder.lastPurchasePrice ? { lastPurchasePrice: reorder.lastPurchasePrice } : {}),
    };
  }
  return issue;
}

/** A goods receipt (movement 101) against purchase order items. */
export function receiptToS4(input: CreateGoodsReceiptDto, reference: string): X.A_MaterialDocumentHeader {
  return {
    GoodsMovementCode: '01',
    ReferenceDocument: reference,
    to_MaterialDocumentItem: input.lines.map((line) => ({
      GoodsMovementType: '101',
      PurchaseOrder: input.purchaseOrderId,
      PurchaseOrderItem: purchasingItem(line.poLineNumber),
      QuantityInEntryUnit: quantityText(line.quantity),
      ...withSerials(line.serials),
    })),
  };
}

export function receiptFromS4(
  document: X.A_MaterialDocumentHeader,
  context: {
    poItems: ReadonlyMap<string, S4.A_PurchaseOrderItem>;
    averageAfter: ReadonlyMap<string, number>;
    onHandAfter: ReadonlyMap<string, number>;
  },
): GoodsReceiptDto {
  const items = document.to_MaterialDocumentItem ?? [];
  const first = items[0];
  if (!first) throw new TypeError('the material document has no item');
  const year = document.MaterialDocumentYear ?? '';
  const lines = items.map((item) => {
    const poItem = context.poItems.get(item.PurchaseOrderItem ?? '');
    const amount = cents(item.TotalGoodsMvtAmtInCCCrcy ?? '0', 'TotalGoodsMvtAmtInCCCrcy');
    const material = item.Material ?? '';
    const locationKey = `${material}|${item.StorageLocation ?? ''}`;
    return {
      poLineNumber: lineNumberOf(item.PurchaseOrderItem),
      itemId: material,
      quantity: quantity(item.QuantityInEntryUnit, 'QuantityInEntryUnit'),
      unitCost: usd(poItem ? cents(poItem.NetPriceAmount, 'NetPriceAmount') : 0),
      amount: usd(amount),
      serials: serialsOf(item),
      lots: [],
      movingAverageUnitCostAfter: usd(context.averageAfter.get(material) ?? 0),
      onHandAfter: context.onHandAfter.get(locationKey) ?? 0,
    };
  });
  return {
    id: documentId(document.MaterialDocument ?? '', year),
    purchaseOrderId: first.PurchaseOrder ?? '',
    locationId: first.StorageLocation ?? '',
    receivedAt: dayStart(document.PostingDate),
    lines,
    total: usd(lines.reduce((sum, line) => sum + line.amount.amount, 0)),
    journalEntryId: first.AccountingDocument ? documentId(first.AccountingDocument, (document.PostingDate ?? year).slice(0, 4)) : '',
  };
}

// ---------------------------------------------------------------------------------------------
// Purchasing

export const REQUISITION_REASON_CODES: readonly RequisitionReason[] = ['reorder-point', 'manual'];

export interface ResolvedRequisitionLine {
  itemId: string;
  quantity: number;
  unitPriceCents: number;
  supplierId?: string;
}

export function requisitionToS4(
  input: CreatePurchaseRequisitionDto,
  lines: ResolvedRequisitionLine[],
  reference: string,
  plant: string,
): X.A_PurchaseRequisitionHeader {
  return {
    PurReqnDescription: `${input.reason ?? 'manual'} ${input.costCentre}`.slice(0, 40),
    YY1_SenderReference_PRH: reference,
    YY1_Requester_PRH: input.requester,
    YY1_CostCenter_PRH: input.costCentre,
    YY1_Reason_PRH: input.reason ?? 'manual',
    to_PurchaseReqnItem: lines.map((line) => ({
      Material: line.itemId,
      Plant: plant,
      RequestedQuantity: quantityText(line.quantity),
      PurchaseRequisitionPrice: centsToDecimal(line.unitPriceCents),
      ...(line.supplierId ? { FixedSupplier: line.supplierId } : {}),
    })),
  };
}

export function requisitionFromS4(
  header: X.A_PurchaseRequisitionHeader & { '@odata.etag'?: string; CreationDate?: string | null },
  releaseThresholdCents: number,
): PurchaseRequisitionDto {
  const items = header.to_PurchaseReqnItem ?? [];
  const lines = items.map((item) => {
    const quantityMilli = milli(item.RequestedQuantity, 'RequestedQuantity');
    const price = cents(item.PurchaseRequisitionPrice ?? '0', 'PurchaseRequisitionPrice');
    return {
      lineNumber: lineNumberOf(item.PurchaseRequisitionItem),
      itemId: item.Material,
      quantity: Number(formatScaledDecimal(quantityMilli, 3)),
      unitOfMeasure: item.BaseUnit ?? 'EA',
      estimatedUnitPrice: usd(price),
      amount: usd(valueCents(quantityMilli, price)),
      ...(item.FixedSupplier ? { supplierId: item.FixedSupplier } : {}),
    };
  });
  const total = lines.reduce((sum, line) => sum + line.amount.amount, 0);
  const approvalRequired = total > releaseThresholdCents;
  const reason = REQUISITION_REASON_CODES.find((code) => code === header.YY1_Reason_PRH) ?? 'manual';
  const ordered = items.find((item) => item.PurchaseOrder)?.PurchaseOrder;
  return {
    id: header.PurchaseRequisition ?? '',
    requester: header.YY1_Requester_PRH ?? '',
    costCentre: header.YY1_CostCenter_PRH ?? '',
    reason,
    lines,
    total: usd(total),
    approvalRequired,
    approvalStatus: !approvalRequired ? 'not-required' : items.some((item) => item.ReleaseIsNotCompleted) ? 'pending' : 'approved',
    ...(ordered ? { purchaseOrderId: ordered } : {}),
    createdAt: dayStart(header.CreationDate),
    source: { system: 'erp', recordId: header.PurchaseRequisition ?? '', versionId: versionOf(header['@odata.etag']) },
  };
}

/**
 * A purchase order's status from its items: cancelled (08); closed when every item is finally
 * invoiced and those invoices are paid; invoiced; received; partially received; sent once the
 * output went to the supplier; else approved (S/4 creates purchase orders active).
 */
export function purchaseOrderStatus(order: X.A_PurchaseOrder, invoicesPaid: boolean): PurchaseOrderStatus {
  const items = (order.to_PurchaseOrderItem ?? []).filter((item) => item.PurchasingDocumentDeletionCode !== 'L');
  if (order.PurchasingProcessingStatus === '08') return 'cancelled';
  if (items.length && items.every((item) => item.IsFinallyInvoiced)) return invoicesPaid ? 'closed' : 'invoiced';
  if (items.length && items.every((item) => item.IsCompletelyDelivered)) return 'received';
  if (items.some((item) => milli(item.GoodsReceiptQuantity ?? '0', 'GoodsReceiptQuantity') > 0n)) return 'partially-received';
  return order.YY1_OutputSent_PDH ? 'sent' : 'approved';
}

export function purchaseOrderFromS4(order: X.A_PurchaseOrder & { '@odata.etag'?: string }, invoicesPaid: boolean): PurchaseOrderDto {
  const items = order.to_PurchaseOrderItem ?? [];
  const lines = items.map((item) => {
    const quantityMilli = milli(item.OrderQuantity, 'OrderQuantity');
    const price = cents(item.NetPriceAmount, 'NetPriceAmount');
    return {
      lineNumber: lineNumberOf(item.PurchaseOrderItem),
      itemId: item.Material,
      quantity: Number(formatScaledDecimal(quantityMilli, 3)),
      unitOfMeasure: item.PurchaseOrderQuantityUnit ?? 'EA',
      unitPrice: usd(price),
      amount: usd(valueCents(quantityMilli, price)),
      receivedQuantity: quantity(item.GoodsReceiptQuantity ?? '0', 'GoodsReceiptQuantity'),
      invoicedQuantity: quantity(item.InvoiceReceiptQuantity ?? '0', 'InvoiceReceiptQuantity'),
    };
  });
  const requisition = items.find((item) => item.PurchaseRequisition)?.PurchaseRequisition;
  return {
    id: order.PurchaseOrder ?? '',
    supplierId: order.Supplier,
    ...(requisition ? { requisitionId: requisition } : {}),
    status: purchaseOrderStatus(order, invoicesPaid),
    shipToLocationId: items[0]?.StorageLocation ?? '',
    lines,
    total: usd(lines.reduce((sum, line) => sum + line.amount.amount, 0)),
    createdAt: dayStart(order.PurchaseOrderDate),
    source: { system: 'erp', recordId: order.PurchaseOrder ?? '', versionId: versionOf(order['@odata.etag']) },
  };
}

// ---------------------------------------------------------------------------------------------
// Accounts payable

/** The 3-way match findings of the ERP as canonical discrepancy codes. */
const DISCREPANCY_OF_REASON: Record<S4.A_SuplrInvcMatchIssue['Reason'], MatchDiscrepancyCode> = {
  PRICE_VARIANCE: 'price-variance',
  QUANTITY_NOT_RECEIVED: 'quantity-exceeds-received',
  // The PO line can no longer be invoiced (deleted, or ordered from someone else): as if it were not there.
  PO_ITEM_DELETED: 'unknown-po-line',
  SUPPLIER_MISMATCH: 'unknown-po-line',
};

export function invoiceStatus(invoice: X.A_SupplierInvoice): SupplierInvoiceStatus {
  if (invoice.SupplierInvoiceStatus !== '5') return 'match-failed';
  const gross = cents(invoice.InvoiceGrossAmount, 'InvoiceGrossAmount');
  const paid = cents(invoice.PaidAmount ?? '0', 'PaidAmount');
  if (paid >= gross) return 'paid';
  if (paid > 0) return 'partially-paid';
  return (invoice.to_MatchIssue ?? []).length ? 'variance-approved' : 'matched';
}

export function invoiceFromS4(
  invoice: X.A_SupplierInvoice & { '@odata.etag'?: string },
  poItems: ReadonlyMap<string, S4.A_PurchaseOrderItem>,
  priceTolerancePercent: number,
): SupplierInvoiceDto {
  const items = invoice.to_SuplrInvcItemPurOrdRef ?? [];
  const issues = invoice.to_MatchIssue ?? [];
  const posted = invoice.SupplierInvoiceStatus === '5';
  const lines = items.map((item) => {
    const quantityMilli = milli(item.QuantityInPurchaseOrderUnit, 'QuantityInPurchaseOrderUnit');
    const amount = cents(item.SupplierInvoiceItemAmount, 'SupplierInvoiceItemAmount');
    const poItem = poItems.get(item.PurchaseOrderItem);
    return {
      poLineNumber: lineNumberOf(item.PurchaseOrderItem),
      ...(poItem ? { itemId: poItem.Material } : {}),
      quantity: Number(formatScaledDecimal(quantityMilli, 3)),
      unitPrice: usd(Number(divideHalfUp(BigInt(amount) * 1000n, quantityMilli))),
      amount: usd(amount),
    };
  });
  const matchLines: MatchLineDto[] = items.map((item, index) => {
    const line = lines[index];
    const poItem = poItems.get(item.PurchaseOrderItem);
    const invoicedMilli = milli(item.QuantityInPurchaseOrderUnit, 'QuantityInPurchaseOrderUnit');
    const orderedMilli = poItem ? milli(poItem.OrderQuantity, 'OrderQuantity') : 0n;
    const receivedMilli = poItem ? milli(poItem.GoodsReceiptQuantity ?? '0', 'GoodsReceiptQuantity') : 0n;
    // The PO item counts this invoice once it is posted.
    const invoicedOnPo = poItem ? milli(poItem.InvoiceReceiptQuantity ?? '0', 'InvoiceReceiptQuantity') : 0n;
    const previouslyMilli = posted ? invoicedOnPo - invoicedMilli : invoicedOnPo;
    const open = receivedMilli - (previouslyMilli > 0n ? previouslyMilli : 0n);
    const poPrice = poItem ? cents(poItem.NetPriceAmount, 'NetPriceAmount') : 0;
    const expected = valueCents(invoicedMilli, poPrice);
    const varianceAmount = line.amount.amount - expected;
    const basisPoints = poPrice > 0 ? Number(divideHalfUp(BigInt(line.unitPrice.amount - poPrice) * 10_000n, BigInt(poPrice))) : 0;
    const discrepancies = issues
      .filter((issue) => issue.SupplierInvoiceItem === undefined || issue.SupplierInvoiceItem === item.SupplierInvoiceItem)
      .map((issue) => ({ code: DISCREPANCY_OF_REASON[issue.Reason] ?? 'unknown-po-line', message: issue.Message ?? issue.Reason }));
    return {
      poLineNumber: line.poLineNumber,
      result: discrepancies.length ? 'failed' : 'matched',
      orderedQuantity: Number(formatScaledDecimal(orderedMilli, 3)),
      receivedQuantity: Number(formatScaledDecimal(receivedMilli, 3)),
      previouslyInvoicedQuantity: Number(formatScaledDecimal(previouslyMilli > 0n ? previouslyMilli : 0n, 3)),
      invoicedQuantity: line.quantity,
      quantityVariance: Number(formatScaledDecimal(invoicedMilli > open ? invoicedMilli - open : 0n, 3)),
      poUnitPrice: usd(poPrice),
      invoiceUnitPrice: line.unitPrice,
      priceVariancePercent: basisPoints / 100,
      priceVarianceAmount: usd(varianceAmount),
      discrepancies,
    };
  });
  const gross = cents(invoice.InvoiceGrossAmount, 'InvoiceGrossAmount');
  const paid = cents(invoice.PaidAmount ?? '0', 'PaidAmount');
  const id = documentId(invoice.SupplierInvoice ?? '', invoice.FiscalYear ?? '');
  const dto: SupplierInvoiceDto = {
    id,
    supplierId: invoice.InvoicingParty,
    invoiceNumber: invoice.SupplierInvoiceIDByInvcgParty ?? '',
    purchaseOrderId: items[0]?.PurchaseOrder ?? '',
    invoiceDate: invoice.DocumentDate ?? '',
    lines,
    total: usd(gross),
    openAmount: usd(posted ? gross - paid : 0),
    status: invoiceStatus(invoice),
    match: {
      result: matchLines.some((line) => line.result === 'failed') || issues.length ? 'failed' : 'matched',
      priceTolerancePercent,
      lines: matchLines,
    },
    source: { system: 'erp', recordId: id, versionId: versionOf(invoice['@odata.etag']) },
  };
  if (invoice.AccountingDocument) dto.journalEntryId = documentId(invoice.AccountingDocument, invoice.FiscalYear ?? '');
  return dto;
}

/** Payment methods as the ERP's one-letter codes. */
export const PAYMENT_METHOD_CODES: Record<PaymentMethod, string> = { ach: 'A', check: 'C', wire: 'W' };
const METHOD_OF_CODE = new Map(Object.entries(PAYMENT_METHOD_CODES).map(([method, code]) => [code, method as PaymentMethod]));

export function paymentFromS4(payment: X.A_SupplierPayment): PaymentDto {
  const method = METHOD_OF_CODE.get(payment.PaymentMethod ?? '');
  if (!method) throw new TypeError('the payment has no payment method Concord knows');
  return {
    id: documentId(payment.PaymentDocument ?? '', payment.FiscalYear ?? ''),
    supplierId: payment.Supplier ?? '',
    invoiceId: documentId(payment.SupplierInvoice, payment.SupplierInvoiceFiscalYear),
    amount: usd(cents(payment.PaymentAmount, 'PaymentAmount')),
    method,
    paidOn: payment.PostingDate ?? '',
    journalEntryId: payment.AccountingDocument ? documentId(payment.AccountingDocument, (payment.PostingDate ?? '').slice(0, 4)) : '',
  };
}

/** Refuses an input the ERP cannot represent, naming the field. */
export function unrepresentable(name: string, detail: string): ErpConnectorException {
  return new ErpConnectorException(Code.INVALID_REQUEST, `The ERP cannot take ${name}: ${detail}`, undefined, {
    fieldErrors: [{ in: 'body', name, detail }],
  });
}
