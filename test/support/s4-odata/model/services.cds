// One OData v4 service per S/4HANA API, as a cloud ERP exposes them. Paths follow S/4's OData v4 layout.
using { s4.db as db } from './master-data';
using from './logistics';
using from './finance';

@path: '/sap/opu/odata4/sap/api_business_partner/0001'
service API_BUSINESS_PARTNER {
  entity A_Supplier        as projection on db.Suppliers;
  entity A_SupplierCompany as projection on db.SupplierCompanies;
}

@path: '/sap/opu/odata4/sap/api_product_srv/0001'
service API_PRODUCT_SRV {
  entity A_Product          as projection on db.Products;
  entity A_ProductPlant     as projection on db.ProductPlants;
  entity A_ProductValuation as projection on db.ProductValuations;
}

@path: '/sap/opu/odata4/sap/api_inforecord_process_srv/0001'
service API_INFORECORD_PROCESS_SRV {
  entity A_PurchasingInfoRecord as projection on db.PurchasingInfoRecords;
}

@path: '/sap/opu/odata4/sap/api_costcenter_srv/0001'
service API_COSTCENTER_SRV {
  entity A_CostCenter as projection on db.CostCenters;
}

@path: '/sap/opu/odata4/sap/api_glaccountinchartofaccounts_srv/0001'
service API_GLACCOUNTINCHARTOFACCOUNTS_SRV {
  @readonly entity A_GLAccountInChartOfAccounts as projection on db.GLAccounts;
}

@path: '/sap/opu/odata4/sap/yy1_glaccountmapping_cds/0001'
service YY1_GLACCOUNTMAPPING_CDS {
  entity YY1_GLAccountMapping as projection on db.GLAccountMappings;
}

@path: '/sap/opu/odata4/sap/api_material_stock_srv/0001'
service API_MATERIAL_STOCK_SRV {
  @readonly entity A_MatlStkInAcctMod  as projection on db.MaterialStocks;
  @readonly entity A_SerialNumberStock as projection on db.SerialNumberStocks;
}

@path: '/sap/opu/odata4/sap/api_material_document_srv/0001'
service API_MATERIAL_DOCUMENT_SRV {
  entity A_MaterialDocumentHeader as projection on db.MaterialDocumentHeaders;
  entity A_MaterialDocumentItem   as projection on db.MaterialDocumentItems;
  entity A_SerialNumberMaterialDocument as projection on db.MaterialDocumentItemSerialNumbers;
}

@path: '/sap/opu/odata4/sap/api_purchasereq_process_srv/0001'
service API_PURCHASEREQ_PROCESS_SRV {
  entity A_PurchaseRequisitionHeader as projection on db.PurchaseRequisitionHeaders actions {
    // Approves a requisition whose total is above the release threshold.
    action Release() returns A_PurchaseRequisitionHeader;
  };
  entity A_PurchaseRequisitionItem   as projection on db.PurchaseRequisitionItems;
}

@path: '/sap/opu/odata4/sap/api_purchaseorder_process_srv/0001'
service API_PURCHASEORDER_PROCESS_SRV {
  entity A_PurchaseOrder     as projection on db.PurchaseOrders;
  entity A_PurchaseOrderItem as projection on db.PurchaseOrderItems;
}

@path: '/sap/opu/odata4/sap/api_supplierinvoice_process_srv/0001'
service API_SUPPLIERINVOICE_PROCESS_SRV {
  entity A_SupplierInvoice         as projection on db.SupplierInvoices actions {
    // A buyer accepts the variance of a blocked invoice: it is posted (variance to 5050) and the block lifted.
    action ReleasePaymentBlock() returns A_SupplierInvoice;
  };
  entity A_SuplrInvcItemPurOrdRef  as projection on db.SupplierInvoiceItems;
  @readonly entity A_SuplrInvcMatchIssue as projection on db.SupplierInvoiceMatchIssues;
}

// S/4 pays through payment runs; this service stands in for posting one outgoing payment per invoice.
@path: '/sap/opu/odata4/sap/api_supplierpayment_srv/0001'
service API_SUPPLIERPAYMENT_SRV {
  entity A_SupplierPayment as projection on db.SupplierPayments;
}

@path: '/sap/opu/odata4/sap/api_journalentry_srv/0001'
service API_JOURNALENTRY_SRV {
  entity A_JournalEntry     as projection on db.JournalEntries;
  entity A_JournalEntryItem as projection on db.JournalEntryItems;

  type TrialBalanceLine {
    GLAccount                    : String(10);
    CostCenter                   : String(10);
    DebitAmountInCoCodeCrcy      : Decimal(15, 2);
    CreditAmountInCoCodeCrcy     : Decimal(15, 2);
    EndingBalanceAmtInCoCodeCrcy : Decimal(15, 2);
    CompanyCodeCurrency          : String(3);
  }
  // Debits, credits and balance per GL account and cost centre, up to and including a posting date.
  function TrialBalance(CompanyCode : String(4), ToPostingDate : Date) returns array of TrialBalanceLine;
}
