import { Inject, Injectable } from '@nestjs/common';
import { type SystemApiComponents, unwrap } from '@concord/clients';
import { type Connection, connectionFromArray, connectionFromUpstream, type ConnectionArgs, MAX_PAGE_SIZE } from '../graphql/connection';
import { groupByKeys, type RequestLoaders } from '../graphql/request-loaders';
import { SYSTEM_API, type SystemApiClient } from '../system-api.provider';
import {
  type Item,
  type ItemsArgs,
  OPEN_PO_STATUSES,
  type PurchaseOrder,
  type PurchaseOrdersArgs,
  type PurchaseOrderStatus,
  ReorderStatus,
  type StockBalance,
} from './supply.models';

type Schemas = SystemApiComponents['schemas'];
type Money = Schemas['MoneyDto'];

/** Items, stock, reorder status and purchase orders from system-api's ERP routes. */
@Injectable()
export class SupplyGraphService {
  constructor(@Inject(SYSTEM_API) private readonly systemApi: SystemApiClient) {}

  async items(loaders: RequestLoaders, args: ItemsArgs): Promise<Connection<Item>> {
    if (args.belowReorderPoint) {
      const below = new Set((await this.allStock(loaders)).filter((b) => b.atOrBelowReorderPoint).map((b) => b.itemId));
      const items = await this.walk((cursor) =>
        this.systemApi.GET('/erp/v1/items', { params: { query: { limit: MAX_PAGE_SIZE, cursor } } }),
      );
      return connectionFromArray(items.filter((item) => below.has(item.id)).map(toItem), args);
    }
    return connectionFromUpstream(args, async (cursor, limit) => {
      const page = await unwrap('system-api', this.systemApi.GET('/erp/v1/items', { params: { query: { limit, cursor } } }));
      return { items: page.items.map(toItem), nextCursor: page.nextCursor };
    });
  }

  async item(id: string): Promise<Item> {
    return toItem(await unwrap('system-api', this.systemApi.GET('/erp/v1/items/{id}', { params: { path: { id } } })));
  }

  stock(loaders: RequestLoaders, itemId: string): Promise<StockBalance[]> {
    return this.stockByItem(loaders).load(itemId);
  }

  async reorderStatus(loaders: RequestLoaders, itemId: string): Promise<ReorderStatus> {
    return reorderStatusOf(await this.stockByItem(loaders).load(itemId));
  }

  async purchaseOrders(args: PurchaseOrdersArgs): Promise<Connection<PurchaseOrder>> {
    if (args.open && !args.status) {
      const all = await this.walk((cursor) =>
        this.systemApi.GET('/erp/v1/purchase-orders', { params: { query: { supplierId: args.supplierId, limit: MAX_PAGE_SIZE, cursor } } }),
      );
      return connectionFromArray(
        all.filter((po) => OPEN_PO_STATUSES.includes(po.status as PurchaseOrderStatus)).map(toPurchaseOrder),
        args,
      );
    }
    return connectionFromUpstream(args, async (cursor, limit) => {
      const page = await unwrap(
        'system-api',
        this.systemApi.GET('/erp/v1/purchase-orders', {
          params: { query: { status: args.status, supplierId: args.supplierId, limit, cursor } },
        }),
      );
      return { items: page.items.map(toPurchaseOrder), nextCursor: page.nextCursor };
    });
  }

  async openPurchaseOrdersOfItem(loaders: RequestLoaders, itemId: string, args: ConnectionArgs): Promise<Connection<PurchaseOrder>> {
    return connectionFromArray(await this.openOrdersByItem(loaders).load(itemId), args);
  }

  /** Stock of a page of items: one walk of the inventory, shared by every item in the request. */
  private stockByItem(loaders: RequestLoaders) {
    return loaders.get<string, StockBalance[]>('supply.stockByItem', async (itemIds) =>
      groupByKeys(itemIds, await this.allStock(loaders), (balance) => balance.itemId),
    );
  }

  private openOrdersByItem(loaders: RequestLoaders) {
    return loaders.get<string, PurchaseOrder[]>('supply.openOrdersByItem', async (itemIds) => {
      const orders = (
        await Promise.all(
          OPEN_PO_STATUSES.map((status) =>
            this.walk((cursor) =>
              this.systemApi.GET('/erp/v1/purchase-orders', { params: { query: { status, limit: MAX_PAGE_SIZE, cursor } } }),
            ),
          ),
        )
      )
        .flat()
        .map(toPurchaseOrder);
      return itemIds.map((itemId) => orders.filter((order) => order.lines.some((line) => line.itemId === itemId)));
    });
  }

  private allStock(loaders: RequestLoaders): Promise<StockBalance[]> {
    return loaders
      .get<'all', StockBalance[]>('supply.inventory', async (keys) => {
        const balances = await this.walk((cursor) =>
          this.systemApi.GET('/erp/v1/inventory', { params: { query: { limit: MAX_PAGE_SIZE, cursor } } }),
        );
        return keys.map(() => balances.map(toStock));
      })
      .load('all');
  }

  /** Every page of an upstream list. */
  private async walk<T>(
    call: (cursor: string | undefined) => Promise<{ data?: { items: T[]; nextCursor?: string }; error?: unknown; response: Response }>,
  ): Promise<T[]> {
    const all: T[] = [];
    let cursor: string | undefined;
    do {
      const page = await unwrap('system-api', call(cursor));
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return all;
  }
}

/** Whether an item needs replenishing, from its balances across locations. */
export function reorderStatusOf(balances: readonly Pick<StockBalance, 'atOrBelowReorderPoint' | 'onOrder'>[]): ReorderStatus {
  if (!balances.length) return ReorderStatus.NOT_STOCKED;
  const below = balances.filter((b) => b.atOrBelowReorderPoint);
  if (!below.length) return ReorderStatus.OK;
  return below.every((b) => b.onOrder > 0) ? ReorderStatus.ON_ORDER : ReorderStatus.BELOW_REORDER_POINT;
}

const money = (value: unknown): { amount: number; currency: string } => {
  const m = value as Money;
  return { amount: m.amount, currency: m.currency };
};

function toItem(dto: Schemas['ItemDto']): Item {
  return {
    id: dto.id,
    description: dto.description,
    unitOfMeasure: dto.unitOfMeasure,
    active: dto.active,
    gtin: dto.gtin ?? null,
    unspsc: dto.unspsc ?? null,
    reorderPoint: dto.reorderPoint ?? null,
    reorderQuantity: dto.reorderQuantity ?? null,
    preferredSupplierId: dto.preferredSupplierId ?? null,
  };
}

function toStock(dto: Schemas['InventoryBalanceDto']): StockBalance {
  return {
    itemId: dto.itemId,
    locationId: dto.locationId,
    onHand: dto.onHand,
    onOrder: dto.onOrder,
    unitOfMeasure: dto.unitOfMeasure,
    atOrBelowReorderPoint: dto.atOrBelowReorderPoint,
    value: money(dto.value),
  };
}

function toPurchaseOrder(dto: Schemas['PurchaseOrderDto']): PurchaseOrder {
  return {
    id: dto.id,
    status: dto.status as PurchaseOrderStatus,
    supplierId: dto.supplierId,
    shipToLocationId: dto.shipToLocationId,
    total: money(dto.total),
    createdAt: dto.createdAt,
    lines: dto.lines.map((line) => ({
      lineNumber: line.lineNumber,
      itemId: line.itemId,
      quantity: line.quantity,
      receivedQuantity: line.receivedQuantity,
      unitPrice: money(line.unitPrice),
    })),
  };
}
