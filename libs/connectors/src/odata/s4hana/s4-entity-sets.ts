import { defineEntitySet } from '../entity-set';
import type * as S4 from './s4-entities';

/** The entity sets of the S/4HANA-style APIs, with the EDM types their literals need. */
export const S4_ENTITY_SETS = {
  A_Supplier: defineEntitySet<S4.A_Supplier>()('A_Supplier', ['Supplier']),
  A_Product: defineEntitySet<S4.A_Product>()('A_Product', ['Product']),
  A_ProductPlant: defineEntitySet<S4.A_ProductPlant>()('A_ProductPlant', ['Product', 'Plant'], {
    ReorderThresholdQuantity: 'Edm.Decimal',
    FixedLotSizeQuantity: 'Edm.Decimal',
  }),
  A_ProductValuation: defineEntitySet<S4.A_ProductValuation>()('A_ProductValuation', ['Product', 'ValuationArea'], {
    MovingAveragePrice: 'Edm.Decimal',
    PriceUnitQty: 'Edm.Decimal',
  }),
  A_PurchasingInfoRecord: defineEntitySet<S4.A_PurchasingInfoRecord>()('A_PurchasingInfoRecord', ['PurchasingInfoRecord'], {
    NetPriceAmount: 'Edm.Decimal',
  }),
  A_CostCenter: defineEntitySet<S4.A_CostCenter>()('A_CostCenter', ['ControllingArea', 'CostCenter', 'ValidityEndDate'], {
    ValidityEndDate: 'Edm.Date',
    ValidityStartDate: 'Edm.Date',
  }),
  A_GLAccountInChartOfAccounts: defineEntitySet<S4.A_GLAccountInChartOfAccounts>()('A_GLAccountInChartOfAccounts', [
    'ChartOfAccounts',
    'GLAccount',
  ]),
  YY1_GLAccountMapping: defineEntitySet<S4.YY1_GLAccountMapping>()('YY1_GLAccountMapping', ['CostCenter', 'ChargeCategory']),
  A_MatlStkInAcctMod: defineEntitySet<S4.A_MatlStkInAcctMod>()(
    'A_MatlStkInAcctMod',
    ['Material', 'Plant', 'StorageLocation', 'InventoryStockType'],
    {
      MatlWrhsStkQtyInMatlBaseUnit: 'Edm.Decimal',
    },
  ),
  A_MaterialDocumentHeader: defineEntitySet<S4.A_MaterialDocumentHeader>()(
    'A_MaterialDocumentHeader',
    ['MaterialDocumentYear', 'MaterialDocument'],
    {
      DocumentDate: 'Edm.Date',
      PostingDate: 'Edm.Date',
    },
  ),
  A_MaterialDocumentItem: defineEntitySet<S4.A_MaterialDocumentItem>()(
    'A_MaterialDocumentItem',
    ['MaterialDocumentYear', 'MaterialDocument', 'MaterialDocumentItem'],
    { QuantityInEntryUnit: 'Edm.Decimal', TotalGoodsMvtAmtInCCCrcy: 'Edm.Decimal' },
  ),
  A_PurchaseRequisitionHeader: defineEntitySet<S4.A_PurchaseRequisitionHeader>()('A_PurchaseRequisitionHeader', ['PurchaseRequisition']),
  A_PurchaseRequisitionItem: defineEntitySet<S4.A_PurchaseRequisitionItem>()(
    'A_PurchaseRequisitionItem',
    ['PurchaseRequisition', 'PurchaseRequisitionItem'],
    {
      RequestedQuantity: 'Edm.Decimal',
      PurchaseRequisitionPrice: 'Edm.Decimal',
      DeliveryDate: 'Edm.Date',
    },
  ),
  A_PurchaseOrder: defineEntitySet<S4.A_PurchaseOrder>()('A_PurchaseOrder', ['PurchaseOrder'], { PurchaseOrderDate: 'Edm.Date' }),
  A_PurchaseOrderItem: defineEntitySet<S4.A_PurchaseOrderItem>()('A_PurchaseOrderItem', ['PurchaseOrder', 'PurchaseOrderItem'], {
    OrderQuantity: 'Edm.Decimal',
    NetPriceAmount: 'Edm.Decimal',
    NetPriceQuantity: 'Edm.Decimal',
    GoodsReceiptQuantity: 'Edm.Decimal',
    InvoiceReceiptQuantity: 'Edm.Decimal',
  }),
  A_SupplierInvoice: defineEntitySet<S4.A_SupplierInvoice>()('A_SupplierInvoice', ['SupplierInvoice', 'FiscalYear'], {
    DocumentDate: 'Edm.Date',
    PostingDate: 'Edm.Date',
    InvoiceGrossAmount: 'Edm.Decimal',
    PaidAmount: 'Edm.Decimal',
  }),
  A_SuplrInvcItemPurOrdRef: defineEntitySet<S4.A_SuplrInvcItemPurOrdRef>()(
    'A_SuplrInvcItemPurOrdRef',
    ['SupplierInvoice', 'FiscalYear', 'SupplierInvoiceItem'],
    {
      QuantityInPurchaseOrderUnit: 'Edm.Decimal',
      SupplierInvoiceItemAmount: 'Edm.Decimal',
    },
  ),
  A_SuplrInvcMatchIssue: defineEntitySet<S4.A_SuplrInvcMatchIssue>()(
    'A_SuplrInvcMatchIssue',
    ['SupplierInvoice', 'FiscalYear', 'IssueNumber'],
    {
      ExpectedAmount: 'Edm.Decimal',
      InvoicedAmount: 'Edm.Decimal',
      VariancePercent: 'Edm.Decimal',
    },
  ),
  A_SupplierPayment: defineEntitySet<S4.A_SupplierPayment>()('A_SupplierPayment', ['PaymentDocument', 'FiscalYear'], {
    PaymentAmount: 'Edm.Decimal',
    PostingDate: 'Edm.Date',
  }),
  A_JournalEntry: defineEntitySet<S4.A_JournalEntry>()('A_JournalEntry', ['CompanyCode', 'FiscalYear', 'AccountingDocument'], {
    DocumentDate: 'Edm.Date',
    PostingDate: 'Edm.Date',
  }),
  A_JournalEntryItem: defineEntitySet<S4.A_JournalEntryItem>()(
    'A_JournalEntryItem',
    ['CompanyCode', 'FiscalYear', 'AccountingDocument', 'AccountingDocumentItem'],
    { AmountInCompanyCodeCurrency: 'Edm.Decimal' },
  ),
};
