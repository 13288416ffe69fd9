import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { RequireScopes } from '@concord/platform';
import { type Connection, ConnectionArgs } from '../graphql/connection';
import type { RequestLoaders } from '../graphql/request-loaders';
import {
  Item,
  ItemArgs,
  ItemConnection,
  ItemsArgs,
  PurchaseOrder,
  PurchaseOrderConnection,
  PurchaseOrdersArgs,
  ReorderStatus,
  StockBalance,
} from './supply.models';
import { SupplyGraphService } from './supply-graph.service';

@Resolver(() => Item)
export class SupplyResolver {
  constructor(private readonly supply: SupplyGraphService) {}

  @Query(() => ItemConnection, { nullable: true, description: 'Supply items; belowReorderPoint lists what needs replenishing' })
  @RequireScopes('erp/Item.s')
  items(@Args() args: ItemsArgs, @Context('loaders') loaders: RequestLoaders): Promise<Connection<Item>> {
    return this.supply.items(loaders, args);
  }

  @Query(() => Item, { nullable: true })
  @RequireScopes('erp/Item.r')
  item(@Args() args: ItemArgs): Promise<Item> {
    return this.supply.item(args.id);
  }

  @Query(() => PurchaseOrderConnection, {
    nullable: true,
    description: 'Purchase orders by status or supplier; open: true for those awaiting goods',
  })
  @RequireScopes('erp/PurchaseOrder.s')
  purchaseOrders(@Args() args: PurchaseOrdersArgs): Promise<Connection<PurchaseOrder>> {
    return this.supply.purchaseOrders(args);
  }

  @ResolveField(() => [StockBalance], { nullable: true, description: 'Stock by location' })
  @RequireScopes('erp/InventoryBalance.s')
  stock(@Parent() item: Item, @Context('loaders') loaders: RequestLoaders): Promise<StockBalance[]> {
    return this.supply.stock(loaders, item.id);
  }

  @ResolveField(() => ReorderStatus, { nullable: true })
  @RequireScopes('erp/InventoryBalance.s')
  reorderStatus(@Parent() item: Item, @Context('loaders') loaders: RequestLoaders): Promise<ReorderStatus> {
    return this.supply.reorderStatus(loaders, item.id);
  }

  @ResolveField(() => PurchaseOrderConnection, { nullable: true, description: 'Open purchase orders with a line for this item' })
  @RequireScopes('erp/PurchaseOrder.s')
  openPurchaseOrders(
    @Parent() item: Item,
    @Args() args: ConnectionArgs,
    @Context('loaders') loaders: RequestLoaders,
  ): Promise<Connection<PurchaseOrder>> {
    return this.supply.openPurchaseOrdersOfItem(loaders, item.id, args);
  }
}
