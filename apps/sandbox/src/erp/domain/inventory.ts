import { ErpDomainError, ErpErrorCode, invalid, notFound } from './erp-domain.error';
import { averageUnitCostCents, EMPTY_VALUATION, valueIssue, valueReceipt, type Valuation } from './moving-average';

export interface ItemMaster {
  id: string;
  description: string;
  unitOfMeasure: string;
  gtin?: string;
  unspsc?: string;
  billableHcpcs?: string;
  chargeCode?: string;
  serialTracked: boolean;
  lotTracked: boolean;
  reorderPoint?: number;
  reorderQuantity?: number;
  allowNegativeStock: boolean;
  lastPurchasePriceCents?: number;
  preferredSupplierId?: string;
  active: boolean;
  version: number;
  updatedAt: string;
}

export interface StorageLocation {
  id: string;
  name: string;
  facilityId: string;
}

export interface Lot {
  lotNumber: string;
  quantity: number;
  expiryDate?: string;
}

export interface StockBalance {
  itemId: string;
  locationId: string;
  valuation: Valuation;
  serials: string[];
  lots: Lot[];
}

export interface IssueRequest {
  itemId: string;
  locationId: string;
  quantity: number;
  serials?: string[];
  lots?: { lotNumber: string; quantity: number }[];
}

/** A validated issue, ready to apply: nothing has changed yet. */
export interface IssuePlan {
  item: ItemMaster;
  locationId: string;
  quantity: number;
  unitCostCents: number;
  costCents: number;
  serials: string[];
  lots: Lot[];
  after: StockBalance;
}

export interface ReceiptRequest {
  itemId: string;
  locationId: string;
  quantity: number;
  unitCostCents: number;
  serials?: string[];
  lots?: Lot[];
}

export interface ReceiptPlan {
  item: ItemMaster;
  locationId: string;
  quantity: number;
  amountCents: number;
  residualCents: number;
  serials: string[];
  lots: Lot[];
  after: StockBalance;
}

const key = (itemId: string, locationId: string) => `${itemId}@${locationId}`;

/**
 * Balances changed by the plans of one document so far: a document with two lines for the same item
 * and location plans the second against the first's result.
 */
export type WorkingSet = Map<string, StockBalance>;

/**
 * Perpetual inventory per item and location: quantities, moving-average value, serials and lots.
 * `plan…` validates and computes without changing anything; `apply…` records a plan. The ERP plans
 * every part of a document before applying any, so a refused document leaves no trace.
 */
export class Inventory {
  private readonly items = new Map<string, ItemMaster>();
  private readonly locations = new Map<string, StorageLocation>();
  private readonly stock = new Map<string, StockBalance>();

  constructor(items: ItemMaster[], locations: StorageLocation[]) {
    for (const item of items) this.items.set(item.id, { ...item });
    for (const location of locations) this.locations.set(location.id, location);
  }

  listItems(): ItemMaster[] {
    return [...this.items.values()];
  }

  item(id: string): ItemMaster | undefined {
    return this.items.get(id);
  }

  requireItem(id: string, field = 'itemId'): ItemMaster {
    const item = this.items.get(id);
    if (!item) throw new ErpDomainError(ErpErrorCode.NOT_FOUND, `Item ${id} does not exist`, { field });
    if (!item.active) throw new ErpDomainError(ErpErrorCode.INACTIVE, `Item ${id} is blocked for new transactions`, { field });
    return item;
  }

  updateItem(id: string, change: Partial<Omit<ItemMaster, 'id' | 'version'>>, at: string): ItemMaster {
    const item = this.items.get(id);
    if (!item) throw notFound('Item', id);
    const updated = { ...item, ...change, id, version: item.version + 1, updatedAt: at };
    this.items.set(id, updated);
    return updated;
  }

  listLocations(): StorageLocation[] {
    return [...this.locations.values()];
  }

  requireLocation(id: string, field = 'locationId'): StorageLocation {
    const location = this.locations.get(id);
    if (!location) throw new ErpDomainError(ErpErrorCode.NOT_FOUND, `Location ${id} does not exist`, { field });
    return location;
  }

  balance(itemId: string, locationId: string): StockBalance {
    const existing = this.stock.get(key(itemId, locationId));
    if (existing) return cloneBalance(existing);
    return { itemId, locationId, valuation: { ...EMPTY_VALUATION }, serials: [], lots: [] };
  }

  balances(filter: { itemId?: string; locationId?: string } = {}): StockBalance[] {
    return [...this.stock.values()]
      .filter(
        (balance) =>
          (filter.itemId === undefined || balance.itemId === filter.itemId) &&
          (filter.locationId === undefined || balance.locationId === filter.locationId),
      )
      .map(cloneBalance);
  }

  averageUnitCostCents(itemId: string, locationId: string): number {
    return averageUnitCostCents(this.balance(itemId, locationId).valuation, this.items.get(itemId)?.lastPurchasePriceCents ?? 0);
  }

  planIssue(request: IssueRequest, working: WorkingSet = new Map()): IssuePlan {
    const item = this.requireItem(request.itemId);
    this.requireLocation(request.locationId);
    requireWholeQuantity(request.quantity, 'quantity');
    const balance = this.workingBalance(working, item.id, request.locationId);
    const onHand = balance.valuation.quantity;
    if (request.quantity > onHand && (!item.allowNegativeStock || item.serialTracked || item.lotTracked)) {
      throw new ErpDomainError(
        ErpErrorCode.INSUFFICIENT_STOCK,
        `${Math.max(onHand, 0)} ${item.unitOfMeasure} of ${item.id} on hand at ${request.locationId}; ${request.quantity} requested`,
        { field: 'quantity' },
      );
    }
    const serials = this.takeSerials(item, balance, request.quantity, request.serials);
    const lots = takeLots(item, balance, request.quantity, request.lots);
    const fallback = item.lastPurchasePriceCents ?? 0;
    const { costCents, after } = valueIssue(balance.valuation, request.quantity, fallback);
    const plan: IssuePlan = {
      item,
      locationId: request.locationId,
      quantity: request.quantity,
      unitCostCents: averageUnitCostCents(balance.valuation, fallback),
      costCents,
      serials,
      lots,
      after: {
        ...balance,
        valuation: after,
        serials: balance.serials.filter((serial) => !serials.includes(serial)),
        lots: subtractLots(balance.lots, lots),
      },
    };
    working.set(key(item.id, request.locationId), cloneBalance(plan.after));
    return plan;
  }

  planReceipt(request: ReceiptRequest, field = 'lines[0]', working: WorkingSet = new Map()): ReceiptPlan {
    const item = this.requireItem(request.itemId, `${field}.itemId`);
    this.requireLocation(request.locationId);
    requireWholeQuantity(request.quantity, `${field}.quantity`);
    const balance = this.workingBalance(working, item.id, request.locationId);
    const serials = request.serials ?? [];
    if (item.serialTracked) {
      if (serials.length !== request.quantity || new Set(serials).size !== serials.length) {
        throw new ErpDomainError(
          ErpErrorCode.TRACKING_MISMATCH,
          `${item.id} is serial-tracked: name ${request.quantity} distinct serial numbers`,
          { field: `${field}.serials` },
        );
      }
      const known = serials.find((serial) => balance.serials.includes(serial) || this.serialOnHandAnywhere(item.id, serial, working));
      if (known)
        throw new ErpDomainError(ErpErrorCode.TRACKING_MISMATCH, `Serial ${known} of ${item.id} is already on hand`, {
          field: `${field}.serials`,
        });
    } else if (serials.length) {
      throw new ErpDomainError(ErpErrorCode.TRACKING_MISMATCH, `${item.id} is not serial-tracked`, { field: `${field}.serials` });
    }
    const lots = request.lots ?? [];
    if (item.lotTracked) {
      const total = lots.reduce((sum, lot) => sum + lot.quantity, 0);
      if (!lots.length || total !== request.quantity || new Set(lots.map((lot) => lot.lotNumber)).size !== lots.length) {
        throw new ErpDomainError(
          ErpErrorCode.TRACKING_MISMATCH,
          `${item.id} is lot-tracked: name distinct lots adding up to ${request.quantity}`,
          { field: `${field}.lots` },
        );
      }
      lots.forEach((lot, index) => requireWholeQuantity(lot.quantity, `${field}.lots[${index}].quantity`));
    } else if (lots.length) {
      throw new ErpDomainError(ErpErrorCode.TRACKING_MISMATCH, `${item.id} is not lot-tracked`, { field: `${field}.lots` });
    }
    const { amountCents, residualCents, after } = valueReceipt(balance.valuation, request.quantity, request.unitCostCents);
    const plan: ReceiptPlan = {
      item,
      locationId: request.locationId,
      quantity: request.quantity,
      amountCents,
      residualCents,
      serials: [...serials],
      lots: lots.map((lot) => ({ ...lot })),
      after: { ...balance, valuation: after, serials: [...balance.serials, ...serials], lots: addLots(balance.lots, lots) },
    };
    working.set(key(item.id, request.locationId), cloneBalance(plan.after));
    return plan;
  }

  /** Records a plan made against the current state. */
  apply(plan: IssuePlan | ReceiptPlan): void {
    this.stock.set(key(plan.after.itemId, plan.after.locationId), cloneBalance(plan.after));
  }

  /** Total stock value over every balance (what the inventory account must hold). */
  totalValueCents(): number {
    let total = 0;
    for (const balance of this.stock.values()) total += balance.valuation.valueCents;
    return total;
  }

  private workingBalance(working: WorkingSet, itemId: string, locationId: string): StockBalance {
    const pending = working.get(key(itemId, locationId));
    return pending ? cloneBalance(pending) : this.balance(itemId, locationId);
  }

  private serialOnHandAnywhere(itemId: string, serial: string, working: WorkingSet): boolean {
    for (const balance of [...working.values(), ...this.stock.values()]) {
      if (balance.itemId === itemId && balance.serials.includes(serial)) return true;
    }
    return false;
  }

  private takeSerials(item: ItemMaster, balance: StockBalance, quantity: number, requested: string[] = []): string[] {
    if (!item.serialTracked) {
      if (requested.length)
        throw new ErpDomainError(ErpErrorCode.TRACKING_MISMATCH, `${item.id} is not serial-tracked`, { field: 'serials' });
      return [];
    }
    if (requested.length !== quantity || new Set(requested).size !== requested.length) {
      throw new ErpDomainError(ErpErrorCode.TRACKING_MISMATCH, `${item.id} is serial-tracked: name ${quantity} distinct serial numbers`, {
        field: 'serials',
      });
    }
    const missing = requested.find((serial) => !balance.serials.includes(serial));
    if (missing) {
      throw new ErpDomainError(ErpErrorCode.TRACKING_MISMATCH, `Serial ${missing} of ${item.id} is not on hand at ${balance.locationId}`, {
        field: 'serials',
      });
    }
    return [...requested];
  }
}

function takeLots(item: ItemMaster, balance: StockBalance, quantity: number, requested?: { lotNumber: string; quantity: number }[]): Lot[] {
  if (!item.lotTracked) {
    if (requested?.length) throw new ErpDomainError(ErpErrorCode.TRACKING_MISMATCH, `${item.id} is not lot-tracked`, { field: 'lots' });
    return [];
  }
  if (requested?.length) {
    const total = requested.reduce((sum, lot) => sum + lot.quantity, 0);
    if (total !== quantity || new Set(requested.map((lot) => lot.lotNumber)).size !== requested.length) {
      throw new ErpDomainError(ErpErrorCode.TRACKING_MISMATCH, `Name distinct lots of ${item.id} adding up to ${quantity}`, {
        field: 'lots',
      });
    }
    return requested.map((want, index) => {
      requireWholeQuantity(want.quantity, `lots[${index}].quantity`);
      const held = balance.lots.find((lot) => lot.lotNumber === want.lotNumber);
      if (!held || held.quantity < want.quantity) {
        throw new ErpDomainError(
          ErpErrorCode.INSUFFICIENT_STOCK,
          `Lot ${want.lotNumber} of ${item.id} holds ${held?.quantity ?? 0}; ${want.quantity} requested`,
          {
            field: `lots[${index}]`,
          },
        );
      }
      return { lotNumber: want.lotNumber, quantity: want.quantity, expiryDate: held.expiryDate };
    });
  }
  // First expiry, first out; lots without an expiry date go last.
  const ordered = [...balance.lots].sort(
    (a, b) => (a.expiryDate ?? '9999-12-31').localeCompare(b.expiryDate ?? '9999-12-31') || a.lotNumber.localeCompare(b.lotNumber),
  );
  const taken: Lot[] = [];
  let remaining = quantity;
  for (const lot of ordered) {
    if (remaining === 0) break;
    const take = Math.min(lot.quantity, remaining);
    taken.push({ lotNumber: lot.lotNumber, quantity: take, expiryDate: lot.expiryDate });
    remaining -= take;
  }
  return taken;
}

function subtractLots(held: Lot[], taken: Lot[]): Lot[] {
  return held
    .map((lot) => ({ ...lot, quantity: lot.quantity - (taken.find((take) => take.lotNumber === lot.lotNumber)?.quantity ?? 0) }))
    .filter((lot) => lot.quantity > 0);
}

function addLots(held: Lot[], received: Lot[]): Lot[] {
  const result = held.map((lot) => ({ ...lot }));
  for (const lot of received) {
    const existing = result.find((candidate) => candidate.lotNumber === lot.lotNumber);
    if (existing) existing.quantity += lot.quantity;
    else result.push({ ...lot });
  }
  return result;
}

function cloneBalance(balance: StockBalance): StockBalance {
  return {
    ...balance,
    valuation: { ...balance.valuation, lastAverage: balance.valuation.lastAverage && { ...balance.valuation.lastAverage } },
    serials: [...balance.serials],
    lots: balance.lots.map((lot) => ({ ...lot })),
  };
}

function requireWholeQuantity(quantity: number, field: string): void {
  if (!Number.isSafeInteger(quantity) || quantity <= 0)
    throw invalid(field, `${field} must be a positive whole number of units (the sandbox ERP stocks whole units)`);
}
