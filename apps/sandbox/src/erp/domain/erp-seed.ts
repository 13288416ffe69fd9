import type { ItemMaster, Lot, StorageLocation } from './inventory';
import type { PayrollEmployee } from './payroll';
import type { Supplier } from './purchasing';

/** Reference data of the demo hospital's ERP (../shared/SCENARIOS.md). Prices in cents. */
export const SEED_VERSION_TIME = '2026-11-01T00:00:00.000Z';

export const SEED_LOCATIONS: StorageLocation[] = [
  { id: 'CG-MAIN-OR', name: 'Concord General main OR store', facilityId: 'concord-general' },
  { id: 'CG-CENTRAL', name: 'Concord General central supply', facilityId: 'concord-general' },
  { id: 'RC-CLINIC', name: 'Concord Riverside Clinic supply room', facilityId: 'concord-riverside' },
];

export const SEED_SUPPLIERS: Supplier[] = [
  {
    id: 'SUP-SUMMIT',
    name: 'Summit Orthopedics',
    taxId: '98-7654321',
    paymentTermsDays: 30,
    active: true,
    orderEmail: 'orders@summit-ortho.example',
    version: 1,
    updatedAt: SEED_VERSION_TIME,
  },
  {
    id: 'SUP-NORTHWIND',
    name: 'Northwind Surgical Supply',
    taxId: '87-6543210',
    paymentTermsDays: 45,
    active: true,
    orderEmail: 'po@northwind-surgical.example',
    version: 1,
    updatedAt: SEED_VERSION_TIME,
  },
  // Blocked after a quality recall: shows that orders to an inactive supplier are refused.
  { id: 'SUP-HARBOR', name: 'Harbor Medical Distributors', paymentTermsDays: 30, active: false, version: 1, updatedAt: SEED_VERSION_TIME },
];

const item = (fields: Omit<ItemMaster, 'version' | 'updatedAt' | 'active'> & { active?: boolean }): ItemMaster => ({
  active: true,
  version: 1,
  updatedAt: SEED_VERSION_TIME,
  ...fields,
});

export const SEED_ITEMS: ItemMaster[] = [
  item({
    id: 'KNEE-TOT-CR',
    description: 'Total knee system, cruciate-retaining',
    unitOfMeasure: 'EA',
    gtin: '00812345678901',
    billableHcpcs: 'C1776',
    chargeCode: 'IMP-KNEE',
    serialTracked: true,
    lotTracked: false,
    reorderPoint: 3,
    reorderQuantity: 5,
    allowNegativeStock: false,
    lastPurchasePriceCents: 420_000,
    preferredSupplierId: 'SUP-SUMMIT',
  }),
  item({
    id: 'GLV-NIT-M',
    description: 'Nitrile examination gloves, medium, box of 100',
    unitOfMeasure: 'BX',
    gtin: '10812345678922',
    unspsc: '42132203',
    serialTracked: false,
    lotTracked: false,
    reorderPoint: 20,
    reorderQuantity: 100,
    allowNegativeStock: false,
    lastPurchasePriceCents: 1_850,
    preferredSupplierId: 'SUP-NORTHWIND',
  }),
  item({
    id: 'BONE-CEM-40',
    description: 'Bone cement, 40 g',
    unitOfMeasure: 'EA',
    gtin: '00812345678932',
    serialTracked: false,
    lotTracked: true,
    reorderPoint: 4,
    reorderQuantity: 10,
    allowNegativeStock: false,
    lastPurchasePriceCents: 9_500,
    preferredSupplierId: 'SUP-SUMMIT',
  }),
  // Consignment stock: used in theatre before the replenishment is booked, so it may go negative.
  item({
    id: 'SCREW-CANC-65',
    description: 'Cancellous bone screw, 6.5 mm',
    unitOfMeasure: 'EA',
    gtin: '00812345678949',
    serialTracked: false,
    lotTracked: false,
    allowNegativeStock: true,
    lastPurchasePriceCents: 12_000,
    preferredSupplierId: 'SUP-SUMMIT',
  }),
];

export interface OpeningStock {
  itemId: string;
  locationId: string;
  quantity: number;
  unitCostCents: number;
  serials?: string[];
  lots?: Lot[];
}

export const SEED_OPENING_STOCK: OpeningStock[] = [
  {
    itemId: 'KNEE-TOT-CR',
    locationId: 'CG-MAIN-OR',
    quantity: 4,
    unitCostCents: 415_000,
    serials: ['SN-KN-55010', 'SN-KN-55011', 'SN-KN-55012', 'SN-KN-55013'],
  },
  { itemId: 'GLV-NIT-M', locationId: 'CG-CENTRAL', quantity: 40, unitCostCents: 1_850 },
  {
    itemId: 'BONE-CEM-40',
    locationId: 'CG-MAIN-OR',
    quantity: 10,
    unitCostCents: 9_500,
    lots: [
      { lotNumber: 'LOT-BC-2401', quantity: 6, expiryDate: '2027-03-31' },
      { lotNumber: 'LOT-BC-2402', quantity: 4, expiryDate: '2027-09-30' },
    ],
  },
  { itemId: 'SCREW-CANC-65', locationId: 'CG-MAIN-OR', quantity: 10, unitCostCents: 12_000 },
];

/** Staff already on payroll (HR's seed, less the scenario 5 hire that the sync brings over). */
export const SEED_PAYROLL_EMPLOYEES: Omit<PayrollEmployee, 'version' | 'updatedAt'>[] = [
  { employeeNumber: 'E10001', costCentre: '6200', hourlyRateCents: 6_200, status: 'active', hireDate: '2015-04-01' },
  { employeeNumber: 'E10002', costCentre: '8100', hourlyRateCents: 5_800, status: 'active', hireDate: '2018-09-17' },
  { employeeNumber: 'E10003', costCentre: '8100', hourlyRateCents: 3_900, status: 'active', hireDate: '2021-02-01' },
  { employeeNumber: 'E10004', costCentre: '6300', hourlyRateCents: 5_250, status: 'active', hireDate: '2019-06-10' },
];
