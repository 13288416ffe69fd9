// Entity shapes of the S/4HANA-style APIs, as they travel in JSON with IEEE754Compatible=true:
// decimals and dates are strings. Amounts are decimal strings in the currency given beside them;
// convert them to integer minor units with decimalToCents, never through a float.

/** Decimal text, e.g. "1975.00". */
export type DecimalText = string;
/** Calendar date text, YYYY-MM-DD. */
export type DateText = string;

export interface A_Supplier {
  Supplier: string;
  SupplierName: string;
  SupplierAccountGroup?: string;
  Country?: string;
  PostingIsBlocked?: boolean;
  PaymentIsBlockedForSupplier?: boolean;
}

export interface A_ProductPlant {
  Product: string;
  Plant: string;
  ReorderThresholdQuantity?: DecimalText;
  FixedLotSizeQuantity?: DecimalText;
  PurchasingGroup?: string;
  IsNegativeStockAllowed?: boolean;
}

export interface A_ProductValuation {
  Product: string;
  ValuationArea: string;
  /** V = moving average price, S = standard price. */
  InventoryValuationProcedure?: string;
  /** Read-only: maintained by goods receipts. */
  MovingAveragePrice?: DecimalText;
  PriceUnitQty?: DecimalText;
  Currency?: string;
}

export interface A_Product {
  Product: string;
  ProductType?: string;
  BaseUnit?: string;
  ProductGroup?: string;
  ProductDescription?: string;
  /** GTIN. */
  ProductStandardID?: string;
  YY1_UNSPSC_PRD?: string;
  /** Billable HCPCS code of an implant. */
  YY1_HCPCS_PRD?: string;
  /** Set when every unit carries a serial number. */
  SerialNumberProfile?: string;
  IsMarkedForDeletion?: boolean;
  to_Plant?: A_ProductPlant[];
  to_Valuation?: A_ProductValuation[];
}

export interface A_PurchasingInfoRecord {
  PurchasingInfoRecord: string;
  Supplier: string;
  Material: string;
  PurchasingOrganization?: string;
  Plant?: string;
  NetPriceAmount?: DecimalText;
  NetPriceQuantityUnit?: string;
  DocumentCurrency?: string;
}

export interface A_CostCenter {
  ControllingArea: string;
  CostCenter: string;
  ValidityEndDate: DateText;
  ValidityStartDate?: DateText;
  CompanyCode?: string;
  CostCenterName?: string;
  CostCenterDescription?: string;
  CostCenterCategory?: string;
  IsBlkdForPrimaryCostsPosting?: boolean;
}

export interface A_GLAccountInChartOfAccounts {
  ChartOfAccounts: string;
  GLAccount: string;
  GLAccountName?: string;
  GLAccountLongName?: string;
  /** X = balance sheet, P = primary cost or revenue. */
  GLAccountType?: string;
  IsProfitLossAccount?: boolean;
  AccountIsBlockedForPosting?: boolean;
}

/** Custom business object: department (cost centre) and charge category to GL account. */
export interface YY1_GLAccountMapping {
  CostCenter: string;
  ChargeCategory: string;
  GLAccount: string;
}

export interface A_MatlStkInAcctMod {
  Material: string;
  Plant: string;
  StorageLocation: string;
  /** 01 = unrestricted use. */
  InventoryStockType: string;
  MaterialBaseUnit?: string;
  MatlWrhsStkQtyInMatlBaseUnit?: DecimalText;
}

export interface A_MaterialDocumentItem {
  MaterialDocumentYear?: string;
  MaterialDocument?: string;
  MaterialDocumentItem?: string;
  Material?: string;
  Plant?: string;
  StorageLocation?: string;
  /** 101 = goods receipt for a purchase order, 201 = goods issue to a cost centre. */
  GoodsMovementType: string;
  QuantityInEntryUnit: DecimalText;
  EntryUnit?: string;
  CostCenter?: string;
  PurchaseOrder?: string;
  PurchaseOrderItem?: string;
  SerialNumber?: string;
  YY1_EncounterReference_MMI?: string;
  /** Read-only: the value posted (quantity × moving average, or × PO price for a receipt). */
  TotalGoodsMvtAmtInCCCrcy?: DecimalText;
  CompanyCodeCurrency?: string;
  /** Read-only: the journal entry the movement posted. */
  AccountingDocument?: string;
}

export interface A_MaterialDocumentHeader {
  MaterialDocumentYear?: string;
  MaterialDocument?: string;
  DocumentDate?: DateText;
  PostingDate?: DateText;
  /** 01 = goods receipt for a purchase order, 03 = goods issue. */
  GoodsMovementCode: string;
  /** The sender's reference; the server refuses a second document with it (409). */
  ReferenceDocument?: string;
  MaterialDocumentHeaderText?: string;
  to_MaterialDocumentItem?: A_MaterialDocumentItem[];
}

export interface A_PurchaseRequisitionItem {
  PurchaseRequisition?: string;
  PurchaseRequisitionItem?: string;
  Material: string;
  Plant?: string;
  StorageLocation?: string;
  RequestedQuantity: DecimalText;
  BaseUnit?: string;
  PurchaseRequisitionPrice?: DecimalText;
  PurReqnItemCurrency?: string;
  FixedSupplier?: string;
  DeliveryDate?: DateText;
  /** Read-only: true while the release (approval) above the threshold is outstanding. */
  ReleaseIsNotCompleted?: boolean;
  /** Read-only: N = not edited, B = purchase order created. */
  ProcessingStatus?: string;
  PurchaseOrder?: string;
  PurchaseOrderItem?: string;
}

export interface A_PurchaseRequisitionHeader {
  PurchaseRequisition?: string;
  PurchaseRequisitionType?: string;
  PurReqnDescription?: string;
  to_PurchaseReqnItem?: A_PurchaseRequisitionItem[];
}

export interface A_PurchaseOrderItem {
  PurchaseOrder?: string;
  PurchaseOrderItem?: string;
  Material: string;
  Plant?: string;
  StorageLocation?: string;
  OrderQuantity: DecimalText;
  PurchaseOrderQuantityUnit?: string;
  NetPriceAmount: DecimalText;
  NetPriceQuantity?: DecimalText;
  DocumentCurrency?: string;
  PurchaseRequisition?: string;
  PurchaseRequisitionItem?: string;
  /** L = deleted. */
  PurchasingDocumentDeletionCode?: string;
  IsCompletelyDelivered?: boolean;
  IsFinallyInvoiced?: boolean;
  GoodsReceiptQuantity?: DecimalText;
  InvoiceReceiptQuantity?: DecimalText;
}

export interface A_PurchaseOrder {
  PurchaseOrder?: string;
  PurchaseOrderType?: string;
  CompanyCode?: string;
  PurchasingOrganization?: string;
  PurchasingGroup?: string;
  Supplier: string;
  DocumentCurrency?: string;
  PurchaseOrderDate?: DateText;
  /** 02 = active, 08 = cancelled. */
  PurchasingProcessingStatus?: string;
  to_PurchaseOrderItem?: A_PurchaseOrderItem[];
}

export interface A_SuplrInvcItemPurOrdRef {
  SupplierInvoice?: string;
  FiscalYear?: string;
  SupplierInvoiceItem?: string;
  PurchaseOrder: string;
  PurchaseOrderItem: string;
  QuantityInPurchaseOrderUnit: DecimalText;
  PurchaseOrderQuantityUnit?: string;
  SupplierInvoiceItemAmount: DecimalText;
  DocumentCurrency?: string;
}

export interface A_SuplrInvcMatchIssue {
  SupplierInvoice: string;
  FiscalYear: string;
  IssueNumber: string;
  SupplierInvoiceItem?: string;
  Reason: 'PRICE_VARIANCE' | 'QUANTITY_NOT_RECEIVED' | 'SUPPLIER_MISMATCH' | 'PO_ITEM_DELETED';
  ExpectedAmount?: DecimalText;
  InvoicedAmount?: DecimalText;
  VariancePercent?: DecimalText;
  Message?: string;
}

export interface A_SupplierInvoice {
  SupplierInvoice?: string;
  FiscalYear?: string;
  CompanyCode?: string;
  DocumentDate?: DateText;
  PostingDate?: DateText;
  InvoicingParty: string;
  /** The supplier's own invoice number; a second invoice with it from the same supplier is refused (409). */
  SupplierInvoiceIDByInvcgParty?: string;
  InvoiceGrossAmount: DecimalText;
  DocumentCurrency?: string;
  /** Read-only: 5 = posted, A = held (3-way match failed, awaiting release). */
  SupplierInvoiceStatus?: string;
  /** Read-only: R = blocked by invoice verification. */
  PaymentBlockingReason?: string;
  AccountingDocument?: string;
  PaidAmount?: DecimalText;
  to_SuplrInvcItemPurOrdRef?: A_SuplrInvcItemPurOrdRef[];
  to_MatchIssue?: A_SuplrInvcMatchIssue[];
}

export interface A_SupplierPayment {
  PaymentDocument?: string;
  FiscalYear?: string;
  CompanyCode?: string;
  Supplier?: string;
  SupplierInvoice: string;
  SupplierInvoiceFiscalYear: string;
  PaymentAmount: DecimalText;
  Currency?: string;
  PostingDate?: DateText;
  HouseBank?: string;
  /** The sender's reference; a second payment with it is refused (409). */
  PaymentReference?: string;
  AccountingDocument?: string;
}

export interface A_JournalEntryItem {
  CompanyCode?: string;
  FiscalYear?: string;
  AccountingDocument?: string;
  AccountingDocumentItem?: string;
  GLAccount: string;
  CostCenter?: string;
  /** S = debit, H = credit; the amount carries the same sign (credits negative). */
  DebitCreditCode: 'S' | 'H';
  AmountInCompanyCodeCurrency: DecimalText;
  CompanyCodeCurrency?: string;
  DocumentItemText?: string;
}

export interface A_JournalEntry {
  CompanyCode?: string;
  FiscalYear?: string;
  AccountingDocument?: string;
  /** SA = G/L, WA = goods issue, WE = goods receipt, RE = invoice, KZ = payment. */
  AccountingDocumentType?: string;
  DocumentDate?: DateText;
  PostingDate?: DateText;
  AccountingDocumentHeaderText?: string;
  /** The sender's reference; a second entry with it is refused (409). */
  DocumentReferenceID?: string;
  ReferenceDocumentType?: string;
  OriginalReferenceDocument?: string;
  CompanyCodeCurrency?: string;
  to_Item?: A_JournalEntryItem[];
}

/** One row of the TrialBalance function. */
export interface TrialBalanceLine {
  GLAccount: string;
  /** Empty for balance-sheet lines without a cost centre. */
  CostCenter: string;
  DebitAmountInCoCodeCrcy: DecimalText;
  CreditAmountInCoCodeCrcy: DecimalText;
  EndingBalanceAmtInCoCodeCrcy: DecimalText;
  CompanyCodeCurrency: string;
}
