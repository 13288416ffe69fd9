import type { Request, Row } from '@sap/cds';
import { cents, milli, quantityText, valueOf } from './amounts';
import { all, one, T, touch, update } from './db';
import { itemNumber } from './number-ranges';
import { reject, shown } from './s4-error';
import { CURRENCY, type RuleContext } from './settings';

const REQUISITION_ITEMS = 'to_PurchaseReqnItem';
const ORDER_ITEMS = 'to_PurchaseOrderItem';

/** Numbers a requisition and flags it for release when its total is above the threshold. */
export async function createRequisition(request: Request, context: RuleContext): Promise<void> {
  const data = request.data;
  const items = data[REQUISITION_ITEMS];
  if (!Array.isArray(items) || !items.length) reject('ITEMS_REQUIRED', 'A purchase requisition needs at least one item', REQUISITION_ITEMS);
  const PurchaseRequisition = context.numbers.take('purchaseRequisition');
  Object.assign(data, { PurchaseRequisition, CreationDate: context.today() });
  let total = 0n;
  for (const [index, item] of (items as Row[]).entries()) {
    const target = `${REQUISITION_ITEMS}[${index}]`;
    Object.assign(item, { PurchaseRequisition, PurchaseRequisitionItem: itemNumber(index + 1, 5, 10) });
    const product = await knownMaterial(item.Material, `${target}/Material`);
    const quantity = milli(item.RequestedQuantity, `${target}/RequestedQuantity`);
    if (quantity <= 0n) reject('QUANTITY_NOT_POSITIVE', 'The requested quantity must be positive', `${target}/RequestedQuantity`);
    const price = cents(item.PurchaseRequisitionPrice ?? '0', `${target}/PurchaseRequisitionPrice`);
    if (price < 0n) reject('PRICE_NEGATIVE', 'The price cannot be negative', `${target}/PurchaseRequisitionPrice`);
    if (item.FixedSupplier) await knownSupplier(item.FixedSupplier, `${target}/FixedSupplier`);
    total += valueOf(quantity, price, 1n);
    Object.assign(item, { BaseUnit: product.BaseUnit, PurReqnItemCurrency: item.PurReqnItemCurrency ?? CURRENCY, ProcessingStatus: 'N' });
  }
  const needsRelease = total > context.releaseThresholdCents;
  for (const item of items as Row[]) item.ReleaseIsNotCompleted = needsRelease;
}

/** The bound action Release: approves a requisition that waits for release. */
export async function releaseRequisition(request: Request): Promise<Row | undefined> {
  const key = boundKey(request, 'PurchaseRequisition');
  const header = await one(T.RequisitionHeaders, key);
  if (!header) return reject('NOT_FOUND', 'No such purchase requisition', undefined);
  const items = await all(T.RequisitionItems, key);
  if (!items.some((item) => item.ReleaseIsNotCompleted))
    reject('RELEASE_NOT_REQUIRED', `Purchase requisition ${shown(key.PurchaseRequisition)} is already released`);
  await update(T.RequisitionItems, key, { ReleaseIsNotCompleted: false });
  await update(T.RequisitionHeaders, key, touch());
  return one(T.RequisitionHeaders, key);
}

/** Numbers a purchase order, checks supplier, materials and the requisitions it converts. */
export async function createPurchaseOrder(request: Request, context: RuleContext): Promise<void> {
  const data = request.data;
  const supplier = await knownSupplier(data.Supplier, 'Supplier');
  if (supplier.PostingIsBlocked) reject('SUPPLIER_BLOCKED', `Supplier ${shown(data.Supplier)} is blocked for postings`, 'Supplier');
  const items = data[ORDER_ITEMS];
  if (!Array.isArray(items) || !items.length) reject('ITEMS_REQUIRED', 'A purchase order needs at least one item', ORDER_ITEMS);
  const PurchaseOrder = context.numbers.take('purchaseOrder');
  Object.assign(data, { PurchaseOrder, PurchaseOrderDate: data.PurchaseOrderDate ?? context.today(), PurchasingProcessingStatus: '02' });
  for (const [index, item] of (items as Row[]).entries()) {
    const target = `${ORDER_ITEMS}[${index}]`;
    Object.assign(item, { PurchaseOrder, PurchaseOrderItem: itemNumber(index + 1, 5, 10) });
    const product = await knownMaterial(item.Material, `${target}/Material`);
    if (typeof item.Plant !== 'string' || !item.Plant) reject('PLANT_REQUIRED', 'Plant is required', `${target}/Plant`);
    if (milli(item.OrderQuantity, `${target}/OrderQuantity`) <= 0n)
      reject('QUANTITY_NOT_POSITIVE', 'The order quantity must be positive', `${target}/OrderQuantity`);
    if (cents(item.NetPriceAmount, `${target}/NetPriceAmount`) < 0n)
      reject('PRICE_NEGATIVE', 'The net price cannot be negative', `${target}/NetPriceAmount`);
    Object.assign(item, {
      PurchaseOrderQuantityUnit: product.BaseUnit,
      DocumentCurrency: data.DocumentCurrency ?? CURRENCY,
      GoodsReceiptQuantity: quantityText(0n),
      InvoiceReceiptQuantity: quantityText(0n),
      IsCompletelyDelivered: false,
      IsFinallyInvoiced: false,
    });
    if (item.PurchaseRequisition !== undefined && item.PurchaseRequisition !== null) await convertRequisition(item, target);
  }
}

async function convertRequisition(item: Row, target: string): Promise<void> {
  const key = { PurchaseRequisition: item.PurchaseRequisition, PurchaseRequisitionItem: item.PurchaseRequisitionItem };
  const requisition = await one(T.RequisitionItems, key);
  if (!requisition)
    reject(
      'REQUISITION_UNKNOWN',
      `Requisition item ${shown(key.PurchaseRequisition)}/${shown(key.PurchaseRequisitionItem)} does not exist`,
      `${target}/PurchaseRequisitionItem`,
    );
  if (requisition.ReleaseIsNotCompleted)
    reject(
      'REQUISITION_NOT_RELEASED',
      `Requisition ${shown(key.PurchaseRequisition)} is above the release threshold and not yet released`,
      `${target}/PurchaseRequisition`,
    );
  if (requisition.ProcessingStatus === 'B')
    reject(
      'REQUISITION_ALREADY_ORDERED',
      `Requisition item ${shown(key.PurchaseRequisition)}/${shown(key.PurchaseRequisitionItem)} is already on purchase order ${shown(requisition.PurchaseOrder)}`,
      `${target}/PurchaseRequisitionItem`,
    );
  if (requisition.Material !== item.Material)
    reject('MATERIAL_MISMATCH', `The requisition item is for material ${shown(requisition.Material)}`, `${target}/Material`);
  await update(T.RequisitionItems, key, {
    ProcessingStatus: 'B',
    PurchaseOrder: item.PurchaseOrder,
    PurchaseOrderItem: item.PurchaseOrderItem,
  });
  await update(T.RequisitionHeaders, { PurchaseRequisition: key.PurchaseRequisition }, touch());
}

/** A purchase order with goods received cannot be cancelled (status 08). */
export async function updatePurchaseOrder(request: Request): Promise<void> {
  if (request.data.PurchasingProcessingStatus === undefined) return;
  if (request.data.PurchasingProcessingStatus !== '02' && request.data.PurchasingProcessingStatus !== '08')
    reject('STATUS_INVALID', 'PurchasingProcessingStatus can be set to 02 (active) or 08 (cancelled)', 'PurchasingProcessingStatus');
  if (request.data.PurchasingProcessingStatus !== '08') return;
  const key = boundKey(request, 'PurchaseOrder');
  const items = await all(T.PurchaseOrderItems, key);
  if (items.some((item) => milli(item.GoodsReceiptQuantity ?? '0', 'GoodsReceiptQuantity') > 0n))
    reject(
      'PO_HAS_RECEIPTS',
      `Purchase order ${shown(key.PurchaseOrder)} has goods receipts and cannot be cancelled`,
      'PurchasingProcessingStatus',
    );
}

/** An order quantity cannot drop below what was received; a change to an item renews its order's ETag. */
export async function updatePurchaseOrderItem(request: Request): Promise<void> {
  const key = boundKey(request, 'PurchaseOrder', 'PurchaseOrderItem');
  const item = await one(T.PurchaseOrderItems, key);
  if (!item) return;
  if (request.data.OrderQuantity !== undefined) {
    const received = milli(item.GoodsReceiptQuantity ?? '0', 'GoodsReceiptQuantity');
    if (milli(request.data.OrderQuantity, 'OrderQuantity') < received)
      reject('QUANTITY_BELOW_RECEIVED', `${quantityText(received)} were already received`, 'OrderQuantity');
  }
  await update(T.PurchaseOrders, { PurchaseOrder: key.PurchaseOrder }, touch());
}

async function knownMaterial(material: unknown, target: string): Promise<Row> {
  if (typeof material !== 'string' || !material) return reject('MATERIAL_REQUIRED', 'Material is required', target);
  const product = await one(T.Products, { Product: material });
  if (!product) return reject('MATERIAL_UNKNOWN', `Material ${material} does not exist`, target);
  if (product.IsMarkedForDeletion) reject('MATERIAL_DELETED', `Material ${material} is marked for deletion`, target);
  return product;
}

async function knownSupplier(supplier: unknown, target: string): Promise<Row> {
  if (typeof supplier !== 'string' || !supplier) return reject('SUPPLIER_REQUIRED', 'Supplier is required', target);
  const row = await one(T.Suppliers, { Supplier: supplier });
  return row ?? reject('SUPPLIER_UNKNOWN', `Supplier ${supplier} does not exist`, target);
}

/** The key of the entity a bound action or an UPDATE addresses. */
export function boundKey(request: Request, ...names: string[]): Row {
  const last = request.params.at(-1);
  if (typeof last === 'object' && last !== null) return Object.fromEntries(names.map((name) => [name, last[name]]));
  return { [names[0]]: last };
}
