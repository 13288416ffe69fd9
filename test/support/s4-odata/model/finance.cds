// Accounts payable and the general ledger: supplier invoices with 3-way match, payments, journal entries.
namespace s4.db;

using { s4.db.Amount, s4.db.Price, s4.db.Quantity, s4.db.Currency } from './master-data';

entity SupplierInvoices {
  key SupplierInvoice                   : String(10);
  key FiscalYear                        : String(4);
      CompanyCode                       : String(4) default '1000';
      DocumentDate                      : Date;
      PostingDate                       : Date;
      InvoicingParty                    : String(10);
      // The supplier's own invoice number; a second invoice with it from the same supplier is refused
      SupplierInvoiceIDByInvcgParty     : String(16);
      InvoiceGrossAmount                : Amount;
      DocumentHeaderText                : String(25);
      DocumentCurrency                  : Currency default 'USD';
      // 5 = posted; A = held: blocked for payment, not yet posted, awaiting release of the variance
      @readonly SupplierInvoiceStatus   : String(1);
      // R = blocked by invoice verification (3-way match failed)
      @readonly PaymentBlockingReason   : String(1);
      @readonly AccountingDocument      : String(10);
      @readonly PaidAmount              : Amount default 0;
      ETag                              : UUID @odata.etag;
      to_SuplrInvcItemPurOrdRef         : Composition of many SupplierInvoiceItems
                                            on  to_SuplrInvcItemPurOrdRef.SupplierInvoice = SupplierInvoice
                                            and to_SuplrInvcItemPurOrdRef.FiscalYear      = FiscalYear;
      to_MatchIssue                     : Composition of many SupplierInvoiceMatchIssues
                                            on  to_MatchIssue.SupplierInvoice = SupplierInvoice
                                            and to_MatchIssue.FiscalYear      = FiscalYear;
}

entity SupplierInvoiceItems {
  key SupplierInvoice             : String(10);
  key FiscalYear                  : String(4);
  key SupplierInvoiceItem         : String(6);
      PurchaseOrder               : String(10);
      PurchaseOrderItem           : String(5);
      QuantityInPurchaseOrderUnit : Quantity;
      PurchaseOrderQuantityUnit   : String(3);
      SupplierInvoiceItemAmount   : Amount;
      DocumentCurrency            : Currency default 'USD';
}

// Why a supplier invoice failed the 3-way match (one row per finding).
entity SupplierInvoiceMatchIssues {
  key SupplierInvoice     : String(10);
  key FiscalYear          : String(4);
  key IssueNumber         : String(3);
      SupplierInvoiceItem : String(6);
      // PRICE_VARIANCE, QUANTITY_NOT_RECEIVED, PO_ITEM_NOT_FOUND, SUPPLIER_MISMATCH, PO_ITEM_DELETED
      Reason              : String(30);
      ExpectedAmount      : Amount;
      InvoicedAmount      : Amount;
      VariancePercent     : Decimal(7, 2);
      Message             : String(200);
}

entity SupplierPayments {
  key PaymentDocument            : String(10);
  key FiscalYear                 : String(4);
      CompanyCode                : String(4) default '1000';
      Supplier                   : String(10);
      SupplierInvoice            : String(10);
      SupplierInvoiceFiscalYear  : String(4);
      PaymentAmount              : Amount;
      Currency                   : Currency default 'USD';
      PostingDate                : Date;
      HouseBank                  : String(5) default 'BNK01';
      // A = ACH, C = check, W = wire
      PaymentMethod              : String(1);
      // The sender's reference; a second payment with it is refused
      PaymentReference           : String(30);
      @readonly AccountingDocument : String(10);
}

entity JournalEntries {
  key CompanyCode                   : String(4);
  key FiscalYear                    : String(4);
  key AccountingDocument            : String(10);
      // SA = G/L posting, WA = goods issue, WE = goods receipt, RE = invoice, KZ = payment
      AccountingDocumentType        : String(2) default 'SA';
      DocumentDate                  : Date;
      PostingDate                   : Date;
      AccountingDocumentHeaderText  : String(25);
      // XBLNR: the sender's reference; a second entry with it is refused
      DocumentReferenceID           : String(16);
      // MKPF = material document, RMRP = supplier invoice, PAYM = payment, BKPF = manual
      @readonly ReferenceDocumentType : String(5);
      @readonly OriginalReferenceDocument : String(20);
      CompanyCodeCurrency           : Currency default 'USD';
      // Custom fields: the business document of another system the entry records (a claim, a remittance).
      YY1_SourceDocType_JEH         : String(20);
      YY1_SourceDocID_JEH           : String(64);
      to_Item                       : Composition of many JournalEntryItems
                                        on  to_Item.CompanyCode        = CompanyCode
                                        and to_Item.FiscalYear         = FiscalYear
                                        and to_Item.AccountingDocument = AccountingDocument;
}

entity JournalEntryItems {
  key CompanyCode                  : String(4);
  key FiscalYear                   : String(4);
  key AccountingDocument           : String(10);
  key AccountingDocumentItem       : String(6);
      GLAccount                    : String(10);
      CostCenter                   : String(10);
      // S = debit, H = credit; the amount is signed the same way (credits negative)
      DebitCreditCode              : String(1);
      AmountInCompanyCodeCurrency  : Amount;
      CompanyCodeCurrency          : Currency default 'USD';
      DocumentItemText             : String(50);
}
