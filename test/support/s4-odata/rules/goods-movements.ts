import type { Request, Row } from '@sap/cds';
import { amountText, cents, milli, movingAverage, priceUnitOf, quantityText, valueOf } from './amounts';
import { all, insert, one, remove, T, touch, update } from './db';
import { assertPostableCostCenter, type LedgerLine, post } from './ledger';
import { itemNumber } from './number-ranges';
import { reject, S4BusinessError, shown } from './s4-error';
import { ACCOUNTS, CURRENCY, postingDateOf, type RuleContext, UNRESTRICTED_STOCK } from './settings';

const ITEMS = 'to_MaterialDocumentItem';
const SERIALS = 'to_SerialNumbers';
const SERIAL_NUMBER = /^[A-Za-z0-9._/-]{1,18}$/;

/**
 * Posts a material document (deep insert of header and items). Goods issue 201 to a cost centre at
 * moving-average cost: DR 5000 (cost centre) / CR 1300. Goods receipt 101 against a purchase order
 * item at the PO price: DR 1300 / CR 2050, moving average updated. Stock never goes negative unless
 * the plant allows it for the product. A serial-number-managed material moves with one serial number
 * per unit (SerialNumber for one, to_SerialNumbers for any number): a receipt brings them into stock,
 * an issue takes them out of the storage location that holds them.
 */
export async function postMaterialDocument(request: Request, context: RuleContext): Promise<void> {
  const data = request.data;
  const { date, year } = postingDateOf(data.PostingDate, context, 'PostingDate');
  const code = data.GoodsMovementCode;
  if (code !== '01' && code !== '03')
    reject('MOVEMENT_CODE_INVALID', 'GoodsMovementCode must be 01 (goods receipt) or 03 (goods issue)', 'GoodsMovementCode');
  if (typeof data.ReferenceDocument === 'string' && data.ReferenceDocument) {
    const earlier = await one(T.MaterialDocumentHeaders, { ReferenceDocument: data.ReferenceDocument });
    if (earlier)
      throw new S4BusinessError(
        409,
        'DUPLICATE_DOCUMENT',
        `Reference ${data.ReferenceDocument} was already posted as material document ${shown(earlier.MaterialDocument)}/${shown(earlier.MaterialDocumentYear)}`,
        'ReferenceDocument',
      );
  }
  const items = data[ITEMS];
  if (!Array.isArray(items) || !items.length) reject('ITEMS_REQUIRED', 'A material document needs at least one item', ITEMS);
  const MaterialDocument = context.numbers.take('materialDocument', year);
  Object.assign(data, { MaterialDocumentYear: year, MaterialDocument, PostingDate: date, DocumentDate: data.DocumentDate ?? date });

  const lines: LedgerLine[] = [];
  const lineItem: number[] = [];
  for (const [index, item] of (items as Row[]).entries()) {
    const target = `${ITEMS}[${index}]`;
    Object.assign(item, { MaterialDocumentYear: year, MaterialDocument, MaterialDocumentItem: itemNumber(index + 1, 4) });
    const quantity = milli(item.QuantityInEntryUnit, `${target}/QuantityInEntryUnit`);
    if (quantity <= 0n) reject('QUANTITY_NOT_POSITIVE', 'The quantity must be positive', `${target}/QuantityInEntryUnit`);
    let value: bigint;
    if (item.GoodsMovementType === '201') {
      if (code !== '03')
        reject('MOVEMENT_TYPE_MISMATCH', 'Movement type 201 is a goods issue (GoodsMovementCode 03)', `${target}/GoodsMovementType`);
      value = await issueToCostCenter(item, quantity, date, target);
      lines.push(
        { glAccount: ACCOUNTS.suppliesExpense, costCenter: item.CostCenter as string, cents: value },
        { glAccount: ACCOUNTS.inventory, cents: -value },
      );
    } else if (item.GoodsMovementType === '101') {
      if (code !== '01')
        reject('MOVEMENT_TYPE_MISMATCH', 'Movement type 101 is a goods receipt (GoodsMovementCode 01)', `${target}/GoodsMovementType`);
      value = await receiveForPurchaseOrder(item, quantity, target);
      lines.push({ glAccount: ACCOUNTS.inventory, cents: value }, { glAccount: ACCOUNTS.goodsReceivedNotInvoiced, cents: -value });
    } else {
      return reject('MOVEMENT_TYPE_UNSUPPORTED', 'GoodsMovementType must be 101 or 201', `${target}/GoodsMovementType`);
    }
    await moveSerialNumbers(item, quantity, target);
    lineItem.push(index, index);
    Object.assign(item, { TotalGoodsMvtAmtInCCCrcy: amountText(value), CompanyCodeCurrency: CURRENCY });
  }
  if (lines.every((line) => line.cents === 0n)) return;
  const accountingDocument = await post(
    {
      documentType: code === '03' ? 'WA' : 'WE',
      postingDate: date,
      documentDate: data.DocumentDate as string,
      headerText: (data.MaterialDocumentHeaderText as string | undefined) ?? undefined,
      referenceType: 'MKPF',
      originalReference: `${MaterialDocument}${year}`,
      lines: lines.filter((line) => line.cents !== 0n),
    },
    context,
    (index) => (index < 0 ? ITEMS : `${ITEMS}[${lineItem[index] ?? 0}]`),
  );
  for (const item of items as Row[]) item.AccountingDocument = accountingDocument;
}

async function issueToCostCenter(item: Row, quantity: bigint, date: string, target: string): Promise<bigint> {
  const { product, plant, storageLocation, unit } = await location(item, target);
  if (typeof item.CostCenter !== 'string' || !item.CostCenter)
    reject('COST_CENTER_REQUIRED', 'A goods issue (201) needs a cost centre', `${target}/CostCenter`);
  await assertPostableCostCenter(item.CostCenter, date, `${target}/CostCenter`);
  const valuation = await one(T.ProductValuations, { Product: product, ValuationArea: plant });
  if (!valuation) reject('VALUATION_MISSING', `Material ${product} is not valuated in plant ${plant}`, `${target}/Plant`);
  const stock = await one(T.MaterialStocks, stockKey(product, plant, storageLocation));
  const onHand = stock ? milli(stock.MatlWrhsStkQtyInMatlBaseUnit, 'stock') : 0n;
  const plantData = await one(T.ProductPlants, { Product: product, Plant: plant });
  if (onHand < quantity && !plantData?.IsNegativeStockAllowed)
    reject(
      'STOCK_DEFICIT',
      `Deficit of ${quantityText(quantity - onHand)} ${unit} unrestricted-use stock: material ${product}, plant ${plant}, storage location ${storageLocation}`,
      `${target}/QuantityInEntryUnit`,
    );
  const average = cents(valuation.MovingAveragePrice ?? '0', 'MovingAveragePrice');
  await setStock(product, plant, storageLocation, unit, onHand - quantity, stock !== undefined);
  return valueOf(quantity, average, priceUnitOf(valuation.PriceUnitQty));
}

async function receiveForPurchaseOrder(item: Row, quantity: bigint, target: string): Promise<bigint> {
  if (typeof item.PurchaseOrder !== 'string' || typeof item.PurchaseOrderItem !== 'string')
    reject('PO_ITEM_REQUIRED', 'A goods receipt (101) names its purchase order and item', `${target}/PurchaseOrder`);
  const poKey = { PurchaseOrder: item.PurchaseOrder, PurchaseOrderItem: item.PurchaseOrderItem };
  const poItem = await one(T.PurchaseOrderItems, poKey);
  if (!poItem)
    reject(
      'PO_ITEM_UNKNOWN',
      `Purchase order item ${item.PurchaseOrder}/${item.PurchaseOrderItem} does not exist`,
      `${target}/PurchaseOrderItem`,
    );
  const header = await one(T.PurchaseOrders, { PurchaseOrder: item.PurchaseOrder });
  if (header?.PurchasingProcessingStatus === '08' || poItem.PurchasingDocumentDeletionCode === 'L')
    reject(
      'PO_ITEM_CLOSED',
      `Purchase order item ${item.PurchaseOrder}/${item.PurchaseOrderItem} is cancelled or deleted`,
      `${target}/PurchaseOrderItem`,
    );
  if (item.Material !== undefined && item.Material !== null && item.Material !== poItem.Material)
    reject('MATERIAL_MISMATCH', `The purchase order item is for material ${shown(poItem.Material)}`, `${target}/Material`);
  item.Material = poItem.Material;
  item.Plant ??= poItem.Plant;
  item.StorageLocation ??= poItem.StorageLocation;
  const { product, plant, storageLocation, unit } = await location(item, target);
  const ordered = milli(poItem.OrderQuantity, 'OrderQuantity');
  const received = milli(poItem.GoodsReceiptQuantity ?? '0', 'GoodsReceiptQuantity');
  if (quantity > ordered - received)
    reject(
      'OVER_DELIVERY',
      `Only ${quantityText(ordered - received)} ${unit} are still open on purchase order item ${item.PurchaseOrder}/${item.PurchaseOrderItem}`,
      `${target}/QuantityInEntryUnit`,
    );
  const value = valueOf(quantity, cents(poItem.NetPriceAmount, 'NetPriceAmount'), priceUnitOf(poItem.NetPriceQuantity));

  const stock = await one(T.MaterialStocks, stockKey(product, plant, storageLocation));
  const onHand = stock ? milli(stock.MatlWrhsStkQtyInMatlBaseUnit, 'stock') : 0n;
  // The moving average is kept per valuation area (plant) over all its storage locations.
  const plantStock = await plantQuantity(product, plant);
  const valuation = await one(T.ProductValuations, { Product: product, ValuationArea: plant });
  const average = valuation ? cents(valuation.MovingAveragePrice ?? '0', 'MovingAveragePrice') : 0n;
  const newAverage = movingAverage(plantStock, average, quantity, value);
  if (valuation)
    await update(T.ProductValuations, { Product: product, ValuationArea: plant }, { MovingAveragePrice: amountText(newAverage) });
  else
    await insert(T.ProductValuations, {
      Product: product,
      ValuationArea: plant,
      InventoryValuationProcedure: 'V',
      MovingAveragePrice: amountText(newAverage),
      PriceUnitQty: '1',
      Currency: CURRENCY,
    });
  await setStock(product, plant, storageLocation, unit, onHand + quantity, stock !== undefined);

  const nowReceived = received + quantity;
  await update(T.PurchaseOrderItems, poKey, {
    GoodsReceiptQuantity: quantityText(nowReceived),
    IsCompletelyDelivered: nowReceived >= ordered,
  });
  await update(T.PurchaseOrders, { PurchaseOrder: item.PurchaseOrder }, touch());
  return value;
}

async function location(item: Row, target: string): Promise<{ product: string; plant: string; storageLocation: string; unit: string }> {
  if (typeof item.Material !== 'string' || !item.Material) reject('MATERIAL_REQUIRED', 'Material is required', `${target}/Material`);
  const product = await one(T.Products, { Product: item.Material });
  if (!product) reject('MATERIAL_UNKNOWN', `Material ${item.Material} does not exist`, `${target}/Material`);
  if (typeof item.Plant !== 'string' || !item.Plant) reject('PLANT_REQUIRED', 'Plant is required', `${target}/Plant`);
  if (typeof item.StorageLocation !== 'string' || !item.StorageLocation)
    reject('STORAGE_LOCATION_REQUIRED', 'StorageLocation is required', `${target}/StorageLocation`);
  const unit = shown(product.BaseUnit);
  if (item.EntryUnit !== undefined && item.EntryUnit !== null && item.EntryUnit !== unit)
    reject('UNIT_MISMATCH', `Material ${item.Material} is kept in ${unit}`, `${target}/EntryUnit`);
  item.EntryUnit = unit;
  return { product: item.Material, plant: item.Plant, storageLocation: item.StorageLocation, unit };
}

/** Takes the item's serial numbers out of (201) or into (101) stock, checking one per unit. */
async function moveSerialNumbers(item: Row, quantity: bigint, target: string): Promise<void> {
  const listed: unknown[] = Array.isArray(item[SERIALS]) ? (item[SERIALS] as Row[]).map((row) => row?.SerialNumber) : [];
  const given = [...(item.SerialNumber !== undefined && item.SerialNumber !== null ? [item.SerialNumber] : []), ...listed];
  const product = await one(T.Products, { Product: item.Material });
  const material = shown(item.Material);
  if (!product?.SerialNumberProfile) {
    if (given.length) reject('SERIAL_NUMBER_NOT_MANAGED', `Material ${material} is not managed by serial numbers`, `${target}/${SERIALS}`);
    return;
  }
  given.forEach((serial, index) => {
    if (typeof serial !== 'string' || !SERIAL_NUMBER.test(serial))
      reject('SERIAL_NUMBER_INVALID', 'A serial number is 1-18 letters, digits, ".", "_", "/" or "-"', `${target}/${SERIALS}[${index}]`);
  });
  const serials = given as string[];
  if (new Set(serials).size !== serials.length) reject('SERIAL_NUMBER_DUPLICATE', 'A serial number is given twice', `${target}/${SERIALS}`);
  if (BigInt(serials.length) * 1000n !== quantity)
    reject(
      'SERIAL_NUMBER_COUNT',
      `Material ${material} is managed by serial numbers: ${quantityText(quantity)} units need as many serial numbers, ${serials.length} given`,
      `${target}/${SERIALS}`,
    );
  const plant = shown(item.Plant);
  const storageLocation = shown(item.StorageLocation);
  for (const [index, SerialNumber] of serials.entries()) {
    const key = { Material: item.Material, SerialNumber };
    const stock = await one(T.SerialNumberStocks, key);
    if (item.GoodsMovementType === '201') {
      if (!stock || stock.Plant !== plant || stock.StorageLocation !== storageLocation)
        reject(
          'SERIAL_NOT_IN_STOCK',
          `Serial number ${SerialNumber} of material ${material} is not in stock at plant ${plant}, storage location ${storageLocation}`,
          `${target}/${SERIALS}[${index}]`,
        );
      await remove(T.SerialNumberStocks, key);
    } else {
      if (stock)
        reject(
          'SERIAL_ALREADY_IN_STOCK',
          `Serial number ${SerialNumber} of material ${material} is already in stock`,
          `${target}/${SERIALS}[${index}]`,
        );
      await insert(T.SerialNumberStocks, {
        ...key,
        Plant: plant,
        StorageLocation: storageLocation,
        InventoryStockType: UNRESTRICTED_STOCK,
      });
    }
  }
  const keys = {
    MaterialDocumentYear: item.MaterialDocumentYear,
    MaterialDocument: item.MaterialDocument,
    MaterialDocumentItem: item.MaterialDocumentItem,
  };
  item[SERIALS] = serials.map((SerialNumber) => ({ ...keys, SerialNumber, Material: item.Material }));
  if (serials.length === 1) item.SerialNumber = serials[0];
}

function stockKey(product: string, plant: string, storageLocation: string): Row {
  return { Material: product, Plant: plant, StorageLocation: storageLocation, InventoryStockType: UNRESTRICTED_STOCK };
}

async function setStock(
  product: string,
  plant: string,
  storageLocation: string,
  unit: string,
  quantity: bigint,
  exists: boolean,
): Promise<void> {
  const key = stockKey(product, plant, storageLocation);
  if (exists) await update(T.MaterialStocks, key, { MatlWrhsStkQtyInMatlBaseUnit: quantityText(quantity) });
  else await insert(T.MaterialStocks, { ...key, MaterialBaseUnit: unit, MatlWrhsStkQtyInMatlBaseUnit: quantityText(quantity) });
}

async function plantQuantity(product: string, plant: string): Promise<bigint> {
  const rows = await all(T.MaterialStocks, { Material: product, Plant: plant, InventoryStockType: UNRESTRICTED_STOCK });
  return rows.reduce((sum, row) => sum + milli(row.MatlWrhsStkQtyInMatlBaseUnit, 'stock'), 0n);
}
