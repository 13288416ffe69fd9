import { ArgsType, Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { IsResourceId } from '@concord/contracts';
import { ConnectionArgs, ConnectionType } from '../graphql/connection';
import { Money } from '../graphql/money.model';

export enum ReorderStatus {
  OK = 'ok',
  BELOW_REORDER_POINT = 'below-reorder-point',
  ON_ORDER = 'on-order',
  NOT_STOCKED = 'not-stocked',
}
registerEnumType(ReorderStatus, {
  name: 'ReorderStatus',
  description: 'ok; below-reorder-point with nothing on order; on-order (below, replenishment under way); not-stocked',
});

export enum PurchaseOrderStatus {
  DRAFT = 'draft',
  APPROVED = 'approved',
  SENT = 'sent',
  PARTIALLY_RECEIVED = 'partially-received',
  RECEIVED = 'received',
  INVOICED = 'invoiced',
  CLOSED = 'closed',
  CANCELLED = 'cancelled',
}
registerEnumType(PurchaseOrderStatus, { name: 'PurchaseOrderStatus' });

/** Purchase orders still waiting for goods. */
export const OPEN_PO_STATUSES: readonly PurchaseOrderStatus[] = [
  PurchaseOrderStatus.APPROVED,
  PurchaseOrderStatus.SENT,
  PurchaseOrderStatus.PARTIALLY_RECEIVED,
];

@ObjectType({ description: 'Stock of one item at one location' })
export class StockBalance {
  @Field()
  itemId!: string;

  @Field()
  locationId!: string;

  @Field(() => Int)
  onHand!: number;

  @Field(() => Int)
  onOrder!: number;

  @Field()
  unitOfMeasure!: string;

  @Field()
  atOrBelowReorderPoint!: boolean;

  @Field(() => Money, { description: 'On-hand value at moving average cost' })
  value!: Money;
}

@ObjectType({ description: 'A supply item of the ERP item master' })
export class Item {
  @Field(() => ID)
  id!: string;

  @Field()
  description!: string;

  @Field()
  unitOfMeasure!: string;

  @Field()
  active!: boolean;

  @Field(() => String, { nullable: true })
  gtin!: string | null;

  @Field(() => String, { nullable: true })
  unspsc!: string | null;

  @Field(() => Int, { nullable: true })
  reorderPoint!: number | null;

  @Field(() => Int, { nullable: true })
  reorderQuantity!: number | null;

  @Field(() => String, { nullable: true })
  preferredSupplierId!: string | null;
}

@ObjectType()
export class PurchaseOrderLine {
  @Field(() => Int)
  lineNumber!: number;

  @Field()
  itemId!: string;

  @Field(() => Int)
  quantity!: number;

  @Field(() => Int)
  receivedQuantity!: number;

  @Field(() => Money)
  unitPrice!: Money;
}

@ObjectType({ description: 'A purchase order at the ERP' })
export class PurchaseOrder {
  @Field(() => ID)
  id!: string;

  @Field(() => PurchaseOrderStatus)
  status!: PurchaseOrderStatus;

  @Field()
  supplierId!: string;

  @Field()
  shipToLocationId!: string;

  @Field(() => Money)
  total!: Money;

  @Field()
  createdAt!: string;

  @Field(() => [PurchaseOrderLine])
  lines!: PurchaseOrderLine[];
}

export const ItemConnection = ConnectionType(Item, 'Item');
export const PurchaseOrderConnection = ConnectionType(PurchaseOrder, 'PurchaseOrder');

@ArgsType()
export class ItemsArgs extends ConnectionArgs {
  @Field(() => Boolean, {
    nullable: true,
    description: 'Only items at or below their reorder point somewhere (the replenishment dashboard)',
  })
  @IsOptional()
  @IsBoolean()
  belowReorderPoint?: boolean;
}

@ArgsType()
export class PurchaseOrdersArgs extends ConnectionArgs {
  @Field(() => PurchaseOrderStatus, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(PurchaseOrderStatus))
  status?: PurchaseOrderStatus;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsResourceId()
  supplierId?: string;

  @Field(() => Boolean, { nullable: true, description: 'Only orders still waiting for goods (approved, sent, partially received)' })
  @IsOptional()
  @IsBoolean()
  open?: boolean;
}

@ArgsType()
export class ItemArgs {
  @Field(() => ID)
  @IsResourceId()
  id!: string;
}
