// Master data in the shape of SAP S/4HANA Cloud's APIs (business partner, product, cost centre, GL account).
namespace s4.db;

type Amount   : Decimal(15, 2);
type Price    : Decimal(11, 2);
type Quantity : Decimal(13, 3);
type Currency : String(3);

entity Suppliers {
  key Supplier                    : String(10);
      SupplierName                : String(80);
      SupplierAccountGroup        : String(4) default 'KRED';
      Country                     : String(3) default 'US';
      PostingIsBlocked            : Boolean default false;
      PaymentIsBlockedForSupplier : Boolean default false;
      // When the record last changed: master-data sync polls for changes after an instant.
      LastChangeDateTime          : Timestamp @cds.on.insert: $now @cds.on.update: $now;
      ETag                        : UUID @odata.etag;
      to_SupplierCompany          : Composition of many SupplierCompanies on to_SupplierCompany.Supplier = Supplier;
}

// Company-code data of a supplier: its payment terms (a code whose days the ERP's configuration defines).
entity SupplierCompanies {
  key Supplier     : String(10);
  key CompanyCode  : String(4);
      PaymentTerms : String(4);
}

entity Products {
  key Product                : String(40);
      ProductType            : String(4);
      BaseUnit               : String(3);
      ProductGroup           : String(9);
      ProductDescription     : String(40);
      // GTIN
      ProductStandardID      : String(18);
      // In-app extension fields, named the way S/4HANA Cloud names custom fields.
      YY1_UNSPSC_PRD         : String(8);
      YY1_HCPCS_PRD          : String(5);
      SerialNumberProfile    : String(4);
      IsMarkedForDeletion    : Boolean default false;
      LastChangeDateTime     : Timestamp @cds.on.insert: $now @cds.on.update: $now;
      ETag                   : UUID @odata.etag;
      to_Plant               : Composition of many ProductPlants on to_Plant.Product = Product;
      to_Valuation           : Composition of many ProductValuations on to_Valuation.Product = Product;
}

entity ProductPlants {
  key Product                  : String(40);
  key Plant                    : String(4);
      ReorderThresholdQuantity : Quantity;
      FixedLotSizeQuantity     : Quantity;
      PurchasingGroup          : String(3);
      IsNegativeStockAllowed   : Boolean default false;
}

entity ProductValuations {
  key Product                     : String(40);
  key ValuationArea               : String(4);
      // V = moving average price, S = standard price
      InventoryValuationProcedure : String(1) default 'V';
      @readonly MovingAveragePrice  : Price;
      PriceUnitQty                : Decimal(5, 0) default 1;
      Currency                    : Currency default 'USD';
}

entity PurchasingInfoRecords {
  key PurchasingInfoRecord   : String(10);
      Supplier               : String(10);
      Material               : String(40);
      PurchasingOrganization : String(4) default '1000';
      Plant                  : String(4);
      NetPriceAmount         : Price;
      NetPriceQuantityUnit   : String(3);
      DocumentCurrency       : Currency default 'USD';
}

entity CostCenters {
  key ControllingArea              : String(4);
  key CostCenter                   : String(10);
  key ValidityEndDate              : Date;
      ValidityStartDate            : Date;
      CompanyCode                  : String(4);
      CostCenterName               : String(20);
      CostCenterDescription        : String(40);
      // H = health care service, V = administration
      CostCenterCategory           : String(1);
      IsBlkdForPrimaryCostsPosting : Boolean default false;
      ETag                         : UUID @odata.etag;
}

entity GLAccounts {
  key ChartOfAccounts            : String(4);
  key GLAccount                  : String(10);
      GLAccountName              : String(20);
      GLAccountLongName          : String(50);
      // X = balance sheet, P = primary cost or revenue
      GLAccountType              : String(1);
      IsProfitLossAccount        : Boolean;
      AccountIsBlockedForPosting : Boolean default false;
}

// A custom business object (S/4HANA Cloud "YY1_" objects): department and charge category to GL account;
// for revenue categories also the contractual allowance (contra revenue) and receivable accounts.
entity GLAccountMappings {
  key CostCenter             : String(10);
  key ChargeCategory         : String(20);
      GLAccount              : String(10);
      ContraRevenueGLAccount : String(10);
      ReceivableGLAccount    : String(10);
      ETag                   : UUID @odata.etag;
}
