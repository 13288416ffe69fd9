import type { Row } from '@sap/cds';

// The demo hospital's ERP data (../shared/SCENARIOS.md, "Reference data"): company code 1000 Concord
// Health, plant 1000 Concord General Hospital (storage locations OR01 main OR store, CS01 central
// supply), controlling area A000, chart of accounts YCOA, USD. Stock of GLV-NIT-M (40 boxes) is not
// given by SCENARIOS.md and chosen here.

const VALID_FROM = '2020-01-01';
const SEEDED_AT = '2026-11-01T00:00:00Z';
const VALID_TO = '9999-12-31';

export const SCENARIO_DATA: Record<string, Row[]> = {
  's4.db.Suppliers': [
    { Supplier: '17300001', SupplierName: 'Summit Orthopedics', LastChangeDateTime: SEEDED_AT },
    { Supplier: '17300002', SupplierName: 'Northwind Surgical Supply', LastChangeDateTime: SEEDED_AT },
  ],
  's4.db.SupplierCompanies': [
    { Supplier: '17300001', CompanyCode: '1000', PaymentTerms: 'NT30' },
    { Supplier: '17300002', CompanyCode: '1000', PaymentTerms: 'NT45' },
  ],
  's4.db.Products': [
    {
      Product: 'KNEE-TOT-CR',
      ProductType: 'ZIMP',
      BaseUnit: 'EA',
      ProductGroup: 'IMPLANTS',
      ProductDescription: 'Total knee system, cruciate-retaining',
      ProductStandardID: '00812345678901',
      YY1_HCPCS_PRD: 'C1776',
      SerialNumberProfile: 'ZSER',
      LastChangeDateTime: SEEDED_AT,
    },
    {
      Product: 'GLV-NIT-M',
      ProductType: 'HAWA',
      BaseUnit: 'BX',
      ProductGroup: 'GLOVES',
      ProductDescription: 'Nitrile gloves, medium, box of 100',
      ProductStandardID: '10812345678922',
      YY1_UNSPSC_PRD: '42132203',
      LastChangeDateTime: SEEDED_AT,
    },
  ],
  's4.db.ProductPlants': [
    { Product: 'KNEE-TOT-CR', Plant: '1000', ReorderThresholdQuantity: '3.000', FixedLotSizeQuantity: '5.000', PurchasingGroup: '001' },
    { Product: 'GLV-NIT-M', Plant: '1000', PurchasingGroup: '001' },
  ],
  's4.db.ProductValuations': [
    {
      Product: 'KNEE-TOT-CR',
      ValuationArea: '1000',
      InventoryValuationProcedure: 'V',
      MovingAveragePrice: '4150.00',
      PriceUnitQty: '1',
      Currency: 'USD',
    },
    {
      Product: 'GLV-NIT-M',
      ValuationArea: '1000',
      InventoryValuationProcedure: 'V',
      MovingAveragePrice: '18.50',
      PriceUnitQty: '1',
      Currency: 'USD',
    },
  ],
  's4.db.PurchasingInfoRecords': [
    {
      PurchasingInfoRecord: '5300000001',
      Supplier: '17300001',
      Material: 'KNEE-TOT-CR',
      Plant: '1000',
      NetPriceAmount: '4200.00',
      NetPriceQuantityUnit: 'EA',
    },
    {
      PurchasingInfoRecord: '5300000002',
      Supplier: '17300002',
      Material: 'GLV-NIT-M',
      Plant: '1000',
      NetPriceAmount: '18.50',
      NetPriceQuantityUnit: 'BX',
    },
  ],
  's4.db.MaterialStocks': [
    {
      Material: 'KNEE-TOT-CR',
      Plant: '1000',
      StorageLocation: 'OR01',
      InventoryStockType: '01',
      MaterialBaseUnit: 'EA',
      MatlWrhsStkQtyInMatlBaseUnit: '4.000',
    },
    {
      Material: 'GLV-NIT-M',
      Plant: '1000',
      StorageLocation: 'CS01',
      InventoryStockType: '01',
      MaterialBaseUnit: 'BX',
      MatlWrhsStkQtyInMatlBaseUnit: '40.000',
    },
  ],
  's4.db.SerialNumberStocks': ['SN-KN-55010', 'SN-KN-55011', 'SN-KN-55012', 'SN-KN-55013'].map((SerialNumber) => ({
    Material: 'KNEE-TOT-CR',
    SerialNumber,
    Plant: '1000',
    StorageLocation: 'OR01',
    InventoryStockType: '01',
  })),
  's4.db.CostCenters': [
    ['6100', 'Orthopaedic Surgery', 'Orthopaedic Surgery', 'H'],
    ['6200', 'Med-Surg Nursing', 'Medical-Surgical Nursing', 'H'],
    ['6300', 'Perioperative Svcs', 'Perioperative Services', 'H'],
    ['6400', 'Pharmacy', 'Pharmacy', 'H'],
    ['6500', 'Laboratory', 'Laboratory', 'H'],
    ['7100', 'Primary Care Clinic', 'Primary Care Clinic', 'H'],
    ['8100', 'Supply Chain', 'Supply Chain', 'V'],
    ['8200', 'Finance', 'Finance', 'V'],
  ].map(([CostCenter, CostCenterName, CostCenterDescription, CostCenterCategory]) => ({
    ControllingArea: 'A000',
    CostCenter,
    ValidityEndDate: VALID_TO,
    ValidityStartDate: VALID_FROM,
    CompanyCode: '1000',
    CostCenterName,
    CostCenterDescription,
    CostCenterCategory,
  })),
  's4.db.GLAccounts': (
    [
      ['1000', 'Cash', 'Cash', false],
      ['1200', 'Patient A/R payer', 'Patient A/R (payer)', false],
      ['1210', 'Patient A/R self-pay', 'Patient A/R (self-pay)', false],
      ['1300', 'Inventory', 'Inventory, medical supplies and implants', false],
      ['2000', 'Accounts payable', 'Accounts payable', false],
      ['2050', 'GR/IR', 'Goods received not invoiced', false],
      ['2100', 'Accrued payroll', 'Accrued payroll', false],
      ['4000', 'Revenue inpatient', 'Gross patient revenue, inpatient', true],
      ['4100', 'Revenue outpatient', 'Gross patient revenue, outpatient', true],
      ['4900', 'Contractual allow.', 'Contractual allowances (contra revenue)', true],
      ['5000', 'Supplies expense', 'Supplies expense', true],
      ['5050', 'Purchase price var.', 'Purchase price variance', true],
      ['6000', 'Salaries and wages', 'Salaries and wages', true],
    ] as const
  ).map(([GLAccount, GLAccountName, GLAccountLongName, IsProfitLossAccount]) => ({
    ChartOfAccounts: 'YCOA',
    GLAccount,
    GLAccountName,
    GLAccountLongName,
    GLAccountType: IsProfitLossAccount ? 'P' : 'X',
    IsProfitLossAccount,
  })),
  's4.db.GLAccountMappings': [
    ['6200', 'ROOM_AND_BOARD', '4000'],
    ['6300', 'OPERATING_ROOM', '4000'],
    ['6300', 'IMPLANT', '4000'],
    ['6400', 'PHARMACY', '4000'],
    ['6500', 'LABORATORY', '4000'],
    ['7100', 'CLINIC_VISIT', '4100'],
    ['7100', 'LABORATORY', '4100'],
    ['6300', 'SUPPLY_EXPENSE', '5000'],
    ['6100', 'SUPPLY_EXPENSE', '5000'],
  ].map(([CostCenter, ChargeCategory, GLAccount]) => ({ CostCenter, ChargeCategory, GLAccount })),
};

// Account determination for the categories Concord posts by (INPATIENT, OUTPATIENT, SUPPLIES,
// LABOUR), for every cost centre, as SCENARIOS.md's chart implies.
SCENARIO_DATA['s4.db.GLAccountMappings'].push(
  ...['6100', '6200', '6300', '6400', '6500', '7100', '8100', '8200'].flatMap((CostCenter) => [
    { CostCenter, ChargeCategory: 'INPATIENT', GLAccount: '4000', ContraRevenueGLAccount: '4900', ReceivableGLAccount: '1200' },
    { CostCenter, ChargeCategory: 'OUTPATIENT', GLAccount: '4100', ContraRevenueGLAccount: '4900', ReceivableGLAccount: '1200' },
    { CostCenter, ChargeCategory: 'SUPPLIES', GLAccount: '5000' },
    { CostCenter, ChargeCategory: 'LABOUR', GLAccount: '6000' },
  ]),
);
