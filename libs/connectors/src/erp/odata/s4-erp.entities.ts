import { defineEntitySet } from '../../odata/entity-set';
import type * as S4 from '../../odata/s4hana/s4-entities';
import { S4_ENTITY_SETS } from '../../odata/s4hana/s4-entity-sets';

// The S/4 entity shapes as this adapter uses them: the standard API fields the OData library
// declares, plus the fields of a real tenant's setup the adapter relies on — standard fields the
// library does not declare (change timestamps, payment terms, payment method, header text) and the
// in-app extension fields ("YY1_") an integration adds where S/4 has no field for what it must keep
// (the sender's reference of a request, the source document of a journal).

/** Timestamp text (Edm.DateTimeOffset), e.g. 2026-11-01T00:00:00.000Z. */
export type TimestampText = string;

export interface A_SupplierCompany {
  Supplier: string;
  CompanyCode: string;
  /** Payment terms key; its days are the ERP's configuration (see ODataErpAdapterOptions.paymentTermsDays). */
  PaymentTerms?: string | null;
}

export interface A_Supplier extends S4.A_Supplier {
  LastChangeDateTime?: TimestampText | null;
  to_SupplierCompany?: A_SupplierCompany[];
}

export interface A_Product extends S4.A_Product {
  LastChangeDateTime?: TimestampText | null;
}

export interface A_SerialNumberStock {
  Material: string;
  SerialNumber: string;
  Plant?: string;
  StorageLocation?: string;
  InventoryStockType?: string;
}

export interface A_SerialNumberMaterialDocument {
  MaterialDocumentYear?: string;
  MaterialDocument?: string;
  MaterialDocumentItem?: string;
  SerialNumber: string;
  Material?: string;
}

export interface A_MaterialDocumentItem extends S4.A_MaterialDocumentItem {
  to_SerialNumbers?: A_SerialNumberMaterialDocument[];
}

export interface A_MaterialDocumentHeader extends Omit<S4.A_MaterialDocumentHeader, 'to_MaterialDocumentItem'> {
  to_MaterialDocumentItem?: A_MaterialDocumentItem[];
}

export interface A_PurchaseRequisitionHeader extends S4.A_PurchaseRequisitionHeader {
  YY1_SenderReference_PRH?: string | null;
  YY1_Requester_PRH?: string | null;
  YY1_CostCenter_PRH?: string | null;
  YY1_Reason_PRH?: string | null;
}

export interface A_PurchaseOrder extends S4.A_PurchaseOrder {
  YY1_SenderReference_PDH?: string | null;
  YY1_OutputSent_PDH?: boolean | null;
}

export interface A_SupplierInvoice extends S4.A_SupplierInvoice {
  /** Carries the sender's reference, which tells a retried post from a second invoice with the same number. */
  DocumentHeaderText?: string | null;
}

export interface A_SupplierPayment extends S4.A_SupplierPayment {
  /** A = ACH, C = check, W = wire. */
  PaymentMethod?: string | null;
}

export interface A_JournalEntry extends S4.A_JournalEntry {
  YY1_SourceDocType_JEH?: string | null;
  YY1_SourceDocID_JEH?: string | null;
}

export interface YY1_GLAccountMapping extends S4.YY1_GLAccountMapping {
  ContraRevenueGLAccount?: string | null;
  ReceivableGLAccount?: string | null;
}

/** The entity sets the adapter reads and writes, typed with the fields above. */
export const ERP_SETS = {
  ...S4_ENTITY_SETS,
  A_Supplier: defineEntitySet<A_Supplier>()('A_Supplier', ['Supplier'], { LastChangeDateTime: 'Edm.DateTimeOffset' }),
  A_Product: defineEntitySet<A_Product>()('A_Product', ['Product'], { LastChangeDateTime: 'Edm.DateTimeOffset' }),
  A_SerialNumberStock: defineEntitySet<A_SerialNumberStock>()('A_SerialNumberStock', ['Material', 'SerialNumber']),
  A_MaterialDocumentHeader: defineEntitySet<A_MaterialDocumentHeader>()(
    'A_MaterialDocumentHeader',
    ['MaterialDocumentYear', 'MaterialDocument'],
    {
      DocumentDate: 'Edm.Date',
      PostingDate: 'Edm.Date',
    },
  ),
  A_PurchaseRequisitionHeader: defineEntitySet<A_PurchaseRequisitionHeader>()('A_PurchaseRequisitionHeader', ['PurchaseRequisition']),
  A_PurchaseOrder: defineEntitySet<A_PurchaseOrder>()('A_PurchaseOrder', ['PurchaseOrder'], { PurchaseOrderDate: 'Edm.Date' }),
  A_SupplierInvoice: defineEntitySet<A_SupplierInvoice>()('A_SupplierInvoice', ['SupplierInvoice', 'FiscalYear'], {
    DocumentDate: 'Edm.Date',
    PostingDate: 'Edm.Date',
    InvoiceGrossAmount: 'Edm.Decimal',
    PaidAmount: 'Edm.Decimal',
  }),
  A_SupplierPayment: defineEntitySet<A_SupplierPayment>()('A_SupplierPayment', ['PaymentDocument', 'FiscalYear'], {
    PaymentAmount: 'Edm.Decimal',
    PostingDate: 'Edm.Date',
  }),
  A_JournalEntry: defineEntitySet<A_JournalEntry>()('A_JournalEntry', ['CompanyCode', 'FiscalYear', 'AccountingDocument'], {
    DocumentDate: 'Edm.Date',
    PostingDate: 'Edm.Date',
  }),
  YY1_GLAccountMapping: defineEntitySet<YY1_GLAccountMapping>()('YY1_GLAccountMapping', ['CostCenter', 'ChargeCategory']),
};
