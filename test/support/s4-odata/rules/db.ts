import cds, { type Query, type Row } from '@sap/cds';

/** Tables of the model (namespace s4.db). */
export const T = {
  Suppliers: 's4.db.Suppliers',
  Products: 's4.db.Products',
  ProductPlants: 's4.db.ProductPlants',
  ProductValuations: 's4.db.ProductValuations',
  InfoRecords: 's4.db.PurchasingInfoRecords',
  CostCenters: 's4.db.CostCenters',
  GLAccounts: 's4.db.GLAccounts',
  GLAccountMappings: 's4.db.GLAccountMappings',
  MaterialStocks: 's4.db.MaterialStocks',
  SerialNumberStocks: 's4.db.SerialNumberStocks',
  MaterialDocumentHeaders: 's4.db.MaterialDocumentHeaders',
  MaterialDocumentItems: 's4.db.MaterialDocumentItems',
  RequisitionHeaders: 's4.db.PurchaseRequisitionHeaders',
  RequisitionItems: 's4.db.PurchaseRequisitionItems',
  PurchaseOrders: 's4.db.PurchaseOrders',
  PurchaseOrderItems: 's4.db.PurchaseOrderItems',
  SupplierInvoices: 's4.db.SupplierInvoices',
  SupplierInvoiceItems: 's4.db.SupplierInvoiceItems',
  MatchIssues: 's4.db.SupplierInvoiceMatchIssues',
  SupplierPayments: 's4.db.SupplierPayments',
  JournalEntries: 's4.db.JournalEntries',
  JournalEntryItems: 's4.db.JournalEntryItems',
} as const;

// Queries run inside the current request's transaction (CAP binds cds.run to it).
export async function one(table: string, where: Row): Promise<Row | undefined> {
  return (await cds.run(cds.ql.SELECT.one.from(table).where(where))) as Row | undefined;
}

export async function all(table: string, where?: Row): Promise<Row[]> {
  const query = cds.ql.SELECT.from(table);
  return (await cds.run(where ? query.where(where) : query)) as Row[];
}

export async function update(table: string, where: Row, values: Row): Promise<void> {
  await cds.run(cds.ql.UPDATE.entity(table).set(values).where(where));
}

export async function insert(table: string, ...rows: Row[]): Promise<void> {
  await cds.run(cds.ql.INSERT.into(table).entries(...rows));
}

export async function remove(table: string, where: Row): Promise<void> {
  await cds.run(cds.ql.DELETE.from(table).where(where));
}

/** A fresh ETag for a row changed by a business rule (CAP renews it only for changes through the API). */
export function touch(): { ETag: string } {
  return { ETag: cds.utils.uuid() };
}

export function run(query: Query): Promise<unknown> {
  return cds.run(query);
}
