import { Injectable } from '@nestjs/common';
import { DownstreamException, unwrap } from '@concord/clients';
import { TransactionRunner } from '@concord/platform';
import { CodeSystem, type ProcedurePerformedDataDto } from '@concord/contracts';
import type { CloudEvent } from '@concord/events';
import {
  done,
  type FlowBusinessImpact,
  type FlowDefinition,
  type FlowStart,
  type StepContext,
  StepFailure,
  waitUntil,
} from '../../engine/flow-definition';
import { ProcessApiConfig } from '../../process-api.config';
import { ReorderClaims } from './reorder-claims.repository';
import { storeForDepartment } from './supply-locations';

export const SUPPLY_REPLENISHMENT_FLOW = 'supply-replenishment';
export const PROCEDURE_PERFORMED = 'ehr.procedure.performed.v1';

/** The EHR's namespace of supply item codes in the ERP's clinical cross-reference. */
const EHR_SUPPLY_ITEM_SYSTEM = 'urn:concord:ehr:supply-item';
const GTIN_SYSTEM = CodeSystem.GTIN;
type ClinicalItem = { system: typeof EHR_SUPPLY_ITEM_SYSTEM | typeof GTIN_SYSTEM; value: string };
/** Who raises replenishment requisitions in the ERP (never the person who approves them). */
export const REPLENISHMENT_REQUESTER = 'concord-replenishment';
/** Supply Chain requests the replenishment; the consuming department carries only the issue cost. */
const SUPPLY_CHAIN_COST_CENTRE = '8100';
export const REQUISITION_APPROVER_ROLE = 'SupplyChainManager';
/** How often the charge step looks for the encounter's billing account, and how long at most. */
const ACCOUNT_POLL_MS = 30_000;
const ACCOUNT_WAIT_MS = 24 * 3_600_000;
/** Source id of the charges this flow posts (the ERP issue id follows), told apart from the EHR's. */
const SUPPLY_CHARGE_PREFIX = 'supply:';

export interface ItemUsed {
  itemCode: string;
  quantity: number;
  gtin?: string;
  serialNumber?: string;
  lotNumber?: string;
}

export interface ReorderSignal {
  onHand: number;
  onOrder: number;
  reorderPoint: number;
  reorderQuantity: number;
}

export interface IssuedItem {
  itemCode: string;
  itemId: string;
  issueId: string;
  quantity: number;
  totalCostCents: number;
  journalEntryId?: string;
  /** Chargemaster code when the item is billable (implants: C1776 → IMP-KNEE). */
  chargeCode?: string;
  reorder?: ReorderSignal;
}

export interface Requisition {
  itemId: string;
  requisitionId: string;
  totalCents: number;
  approvalRequired: boolean;
  supplierHint?: string;
}

export interface SupplyReplenishmentState {
  procedureId: string;
  patientId: string;
  encounterId?: string;
  departmentCode: string;
  locationId: string;
  serviceDate: string;
  items: ItemUsed[];
  issues?: IssuedItem[];
  charges?: { itemId: string; chargeCode: string; chargeId: string; accountId: string; amountCents: number }[];
  accountWaitDeadline?: string;
  /** Until when the EHR's own charge of a billable item is awaited before the flow charges it. */
  chargeGraceUntil?: string;
  /** Billable items the EHR charged itself (its charge ids): not charged again. */
  capturedByEhr?: { itemId: string; chargeId: string }[];
  requisitions?: Requisition[];
  reorderSkipped?: { itemId: string; reason: string }[];
  decision?: 'approved' | 'rejected' | 'not-required';
  purchaseOrders?: { itemId: string; purchaseOrderId: string; status: string }[];
}

type Ctx = StepContext<SupplyReplenishmentState>;
const API = 'system-api';
const withKey = (ctx: Ctx, suffix: string) => ({ headers: { 'Idempotency-Key': ctx.idempotencyKey(suffix) } });

/** Builds the instance for a procedure: one per procedure id, however often the event or the start arrives. */
export function startFromProcedure(data: ProcedurePerformedDataDto, performedAt?: string): FlowStart<SupplyReplenishmentState> | undefined {
  const items = (data.itemsUsed ?? []).filter((item) => item.quantity > 0);
  if (!items.length) return undefined;
  const departmentCode = data.departmentCode ?? '6300';
  return {
    startKey: `procedure:${data.procedureId}`,
    businessKeys: {
      patient: data.patientId,
      procedure: data.procedureId,
      ...(data.encounterId ? { encounter: data.encounterId } : {}),
      ...(data.mrn ? { mrn: data.mrn } : {}),
    },
    state: {
      procedureId: data.procedureId,
      patientId: data.patientId,
      ...(data.encounterId ? { encounterId: data.encounterId } : {}),
      departmentCode,
      locationId: storeForDepartment(departmentCode),
      serviceDate: (data.performedAt ?? performedAt ?? new Date().toISOString()).slice(0, 10),
      items: items.map((item) => ({
        itemCode: item.itemCode,
        quantity: item.quantity,
        ...(item.gtin ? { gtin: item.gtin } : {}),
        ...(item.serialNumber ? { serialNumber: item.serialNumber } : {}),
        ...(item.lotNumber ? { lotNumber: item.lotNumber } : {}),
      })),
    },
  };
}

/** A manual start takes the procedure event's data (`POST /v1/flows/supply-replenishment/start`). */
export function manualSupplyStart(input: Record<string, unknown>): FlowStart<SupplyReplenishmentState> {
  const text = (name: string) => (typeof input[name] === 'string' && input[name] !== '' ? input[name] : undefined);
  for (const name of ['procedureId', 'patientId', 'encounterId', 'departmentCode']) {
    if (!text(name)) throw new Error(`${name} is required (a non-empty string)`);
  }
  if (!Array.isArray(input.itemsUsed) || !input.itemsUsed.length) throw new Error('itemsUsed is required (at least one item)');
  input.itemsUsed.forEach((item: unknown, index) => {
    const candidate = item as Record<string, unknown> | null;
    if (typeof candidate?.itemCode !== 'string' || !candidate.itemCode)
      throw new Error(`itemsUsed[${index}].itemCode is required (a non-empty string)`);
    if (typeof candidate.quantity !== 'number' || !(candidate.quantity > 0))
      throw new Error(`itemsUsed[${index}].quantity must be a positive number`);
  });
  const start = startFromProcedure(input as unknown as ProcedurePerformedDataDto);
  if (!start) throw new Error('itemsUsed has no item with a positive quantity');
  return start;
}

/** Replenish only when what is on hand and on order is at or below the reorder point. */
export function needsReorder(signal: ReorderSignal | undefined): boolean {
  return signal !== undefined && signal.onHand + signal.onOrder <= signal.reorderPoint;
}

/**
 * Supply consumption to replenishment (ARCHITECTURE §5): a procedure's items are issued from stock
 * at moving-average cost to the department and encounter, billable implants are charged to the
 * encounter's account, and an item left at or below its reorder point is requisitioned (approved by
 * the supply chain manager above the ERP's threshold) and ordered from its supplier.
 * A FlowDefinitionSource by shape: importing that interface from flow-definitions.ts would close an import cycle.
 */
@Injectable()
export class SupplyReplenishmentFlow {
  private readonly claims: ReorderClaims;

  constructor(
    transactions: TransactionRunner,
    private readonly config: ProcessApiConfig,
  ) {
    this.claims = new ReorderClaims(transactions);
  }

  definitions(): FlowDefinition<object>[] {
    return [this.v1()];
  }

  v1(): FlowDefinition<SupplyReplenishmentState> {
    return {
      type: SUPPLY_REPLENISHMENT_FLOW,
      version: 1,
      title: 'Supply consumption to replenishment',
      triggers: [
        {
          eventType: PROCEDURE_PERFORMED,
          start: (event: CloudEvent) => startFromProcedure(event.data as ProcedurePerformedDataDto, event.time),
        },
      ],
      manualStart: manualSupplyStart,
      impact: supplyImpact,
      steps: [
        { name: 'issue-stock', run: (ctx) => this.issueStock(ctx) },
        { name: 'supply-charge', run: (ctx) => this.chargeSupplies(ctx) },
        { name: 'reorder', run: (ctx) => this.reorder(ctx), compensate: (ctx) => this.releaseClaims(ctx) },
        {
          name: 'approve-requisition',
          // A person decides within a working day; beyond it the wait shows in the exception queue.
          slaMs: 8 * 3_600_000,
          approval: (ctx) => requisitionApproval(ctx.state),
          run: (ctx) => this.decideRequisitions(ctx),
        },
        { name: 'purchase-order', run: (ctx) => this.orderFromSupplier(ctx) },
      ],
    };
  }

  /** One ERP issue per item used, each under its own idempotency key: a retry or a redelivery issues nothing twice. */
  private async issueStock(ctx: Ctx) {
    const { state } = ctx;
    if (!state.encounterId)
      throw new StepFailure('ENCOUNTER_MISSING', 'The procedure names no encounter; stock cannot be issued to one', false);
    const issues: IssuedItem[] = [];
    for (const [index, used] of state.items.entries()) {
      const { item, clinicalItem } = await this.resolveItem(ctx, used);
      // Tracking follows the item master: the EHR may record a lot for an item the ERP tracks by serial only.
      const issue = await unwrap(
        API,
        ctx.systemApi.POST('/erp/v1/inventory/issues', {
          body: {
            clinicalItem,
            locationId: state.locationId,
            quantity: used.quantity,
            costCentre: state.departmentCode,
            encounterId: state.encounterId,
            procedureId: state.procedureId,
            ...(item.serialTracked && used.serialNumber ? { serials: [used.serialNumber] } : {}),
            ...(item.lotTracked && used.lotNumber ? { lots: [{ lotNumber: used.lotNumber, quantity: used.quantity }] } : {}),
          },
          ...withKey(ctx, `item-${index}`),
        }),
      );
      ctx.link(`erp-stock-issue:${issue.itemId}`, issue.id);
      if (issue.journalEntryId) ctx.link(`erp-journal:issue:${issue.itemId}`, issue.journalEntryId);
      issues.push({
        itemCode: used.itemCode,
        itemId: issue.itemId,
        issueId: issue.id,
        quantity: issue.quantity,
        totalCostCents: issue.totalCost.amount,
        ...(issue.journalEntryId ? { journalEntryId: issue.journalEntryId } : {}),
        ...(item.chargeCode ? { chargeCode: item.chargeCode } : {}),
        ...(issue.reorder
          ? {
              reorder: {
                onHand: issue.reorder.onHand,
                onOrder: issue.reorder.onOrder,
                reorderPoint: issue.reorder.reorderPoint,
                reorderQuantity: issue.reorder.reorderQuantity,
              },
            }
          : {}),
      });
    }
    return done<SupplyReplenishmentState>({
      state: { issues },
      output: {
        issues: issues.map(({ itemId, issueId, totalCostCents, journalEntryId }) => ({ itemId, issueId, totalCostCents, journalEntryId })),
      },
    });
  }

  /** The ERP item the EHR's code names, or else its GTIN (the UDI on the package). */
  private async resolveItem(ctx: Ctx, used: ItemUsed) {
    const candidates: ClinicalItem[] = [{ system: EHR_SUPPLY_ITEM_SYSTEM, value: used.itemCode }];
    if (used.gtin) candidates.push({ system: GTIN_SYSTEM, value: used.gtin });
    for (const clinicalItem of candidates) {
      try {
        const item = await unwrap(API, ctx.systemApi.GET('/erp/v1/items/by-clinical-id', { params: { query: clinicalItem } }));
        return { item, clinicalItem };
      } catch (error) {
        if (!(error instanceof DownstreamException && error.status === 404)) throw error;
      }
    }
    throw new StepFailure(
      'UNKNOWN_SUPPLY_ITEM',
      `No ERP item answers to the EHR item ${used.itemCode}${used.gtin ? ` or GTIN ${used.gtin}` : ''}; link it (POST /erp/v1/items/{id}/clinical-identifiers) and retry`,
      false,
    );
  }

  /** Billable items become charges on the encounter's account; the account may not exist yet, so the step looks again. */
  private async chargeSupplies(ctx: Ctx) {
    const billable = (ctx.state.issues ?? []).filter((issue) => issue.chargeCode);
    if (!billable.length) return done<SupplyReplenishmentState>({ output: { charges: [], reason: 'no billable item' } });
    const accounts = await unwrap(
      API,
      ctx.systemApi.GET('/billing/v1/accounts', { params: { query: { encounterId: ctx.state.encounterId! } } }),
    );
    const account = accounts.items[0];
    if (!account) {
      const deadline = ctx.state.accountWaitDeadline ?? new Date(ctx.now().getTime() + ACCOUNT_WAIT_MS).toISOString();
      if (ctx.now() >= new Date(deadline))
        throw new StepFailure(
          'BILLING_ACCOUNT_MISSING',
          `No billing account for encounter ${ctx.state.encounterId} since ${deadline}`,
          false,
        );
      return waitUntil<SupplyReplenishmentState>(new Date(ctx.now().getTime() + ACCOUNT_POLL_MS), { accountWaitDeadline: deadline });
    }
    // The EHR may charge the implant itself (FT1 / ChargeItem, through charge capture): a charge of the
    // same code on the account that this flow did not post means the implant is billed already.
    const posted = await unwrap(API, ctx.systemApi.GET('/billing/v1/accounts/{id}/charges', { params: { path: { id: account.id } } }));
    const fromEhr = (chargeCode: string) =>
      posted.items.find((charge) => charge.chargeCode === chargeCode && !(charge.sourceChargeId ?? '').startsWith(SUPPLY_CHARGE_PREFIX));
    const captured = billable.flatMap((issue) => {
      const charge = fromEhr(issue.chargeCode!);
      return charge ? [{ itemId: issue.itemId, chargeId: charge.id }] : [];
    });
    const uncharged = billable.filter((issue) => !captured.some((c) => c.itemId === issue.itemId));
    const graceUntil = ctx.state.chargeGraceUntil ?? new Date(ctx.now().getTime() + this.config.SUPPLY_CHARGE_GRACE_MS).toISOString();
    if (uncharged.length && ctx.now() < new Date(graceUntil))
      return waitUntil<SupplyReplenishmentState>(new Date(graceUntil), { chargeGraceUntil: graceUntil });
    for (const c of captured) ctx.link(`billing-charge:${c.itemId}`, c.chargeId);
    const charges: NonNullable<SupplyReplenishmentState['charges']> = [];
    for (const issue of uncharged) {
      const charge = await unwrap(
        API,
        ctx.systemApi.POST('/billing/v1/accounts/{id}/charges', {
          params: { path: { id: account.id } },
          body: {
            chargeCode: issue.chargeCode!,
            quantity: issue.quantity,
            serviceDate: ctx.state.serviceDate,
            departmentCode: ctx.state.departmentCode,
            sourceChargeId: `${SUPPLY_CHARGE_PREFIX}${issue.issueId}`.slice(0, 64),
          },
          ...withKey(ctx, `charge-${issue.itemId}`),
        }),
      );
      ctx.link(`billing-charge:${issue.itemId}`, charge.id);
      charges.push({
        itemId: issue.itemId,
        chargeCode: issue.chargeCode!,
        chargeId: charge.id,
        accountId: account.id,
        amountCents: charge.amount?.amount ?? 0,
      });
    }
    ctx.link('billing-account', account.id);
    return done<SupplyReplenishmentState>({ state: { charges, capturedByEhr: captured }, output: { charges, capturedByEhr: captured } });
  }

  /**
   * Requisitions what fell to or below its reorder point (counting what is already on order). The
   * (item, location) claim makes one flow the replenisher when two procedures race; the balance is
   * read again under the claim, so an order placed since the issue is counted.
   */
  private async reorder(ctx: Ctx) {
    const requisitions: Requisition[] = [...(ctx.state.requisitions ?? [])];
    const skipped: { itemId: string; reason: string }[] = [];
    for (const issue of ctx.state.issues ?? []) {
      if (!needsReorder(issue.reorder) || requisitions.some((r) => r.itemId === issue.itemId)) continue;
      const holder = await this.claims.claim(issue.itemId, ctx.state.locationId, ctx.flowId);
      if (holder !== ctx.flowId) {
        skipped.push({ itemId: issue.itemId, reason: `being replenished by flow ${holder}` });
        continue;
      }
      const balances = await unwrap(
        API,
        ctx.systemApi.GET('/erp/v1/inventory', { params: { query: { itemId: issue.itemId, locationId: ctx.state.locationId } } }),
      );
      const balance = balances.items[0];
      const current = balance ? { ...issue.reorder!, onHand: balance.onHand, onOrder: balance.onOrder } : issue.reorder!;
      if (!needsReorder(current)) {
        await this.claims.release(issue.itemId, ctx.state.locationId, ctx.flowId);
        skipped.push({
          itemId: issue.itemId,
          reason: `on hand ${current.onHand} + on order ${current.onOrder} is above ${current.reorderPoint}`,
        });
        continue;
      }
      const requisition = await unwrap(
        API,
        ctx.systemApi.POST('/erp/v1/purchase-requisitions', {
          body: {
            requester: REPLENISHMENT_REQUESTER,
            costCentre: SUPPLY_CHAIN_COST_CENTRE,
            reason: 'reorder-point',
            lines: [{ itemId: issue.itemId, quantity: current.reorderQuantity }],
          },
          ...withKey(ctx, `requisition-${issue.itemId}`),
        }),
      );
      ctx.link(`erp-requisition:${issue.itemId}`, requisition.id);
      requisitions.push({
        itemId: issue.itemId,
        requisitionId: requisition.id,
        totalCents: requisition.total.amount,
        approvalRequired: requisition.approvalRequired && requisition.approvalStatus === 'pending',
      });
    }
    if (!requisitions.length)
      return done<SupplyReplenishmentState>({ state: { reorderSkipped: skipped }, output: { skipped }, next: 'end' });
    return done<SupplyReplenishmentState>({ state: { requisitions, reorderSkipped: skipped }, output: { requisitions, skipped } });
  }

  /** Carries the manager's decision to the ERP: approved requisitions can be ordered; rejected ones end the flow. */
  private async decideRequisitions(ctx: Ctx) {
    const waiting = (ctx.state.requisitions ?? []).filter((r) => r.approvalRequired);
    if (!ctx.approval || !waiting.length) return done<SupplyReplenishmentState>({ state: { decision: 'not-required' } });
    const path =
      ctx.approval.decision === 'approved' ? '/erp/v1/purchase-requisitions/{id}/approve' : '/erp/v1/purchase-requisitions/{id}/reject';
    for (const requisition of waiting) {
      await unwrap(
        API,
        ctx.systemApi.POST(path, {
          params: { path: { id: requisition.requisitionId } },
          body: {
            approver: ctx.approval.by.slice(0, 64),
            ...(ctx.approval.comment ? { comment: ctx.approval.comment.slice(0, 500) } : {}),
          },
          ...withKey(ctx, `${ctx.approval.decision}-${requisition.itemId}`),
        }),
      );
    }
    if (ctx.approval.decision === 'rejected') {
      await this.releaseClaims(ctx);
      return done<SupplyReplenishmentState>({
        state: { decision: 'rejected' },
        output: { decision: 'rejected', by: ctx.approval.by },
        next: 'end',
      });
    }
    return done<SupplyReplenishmentState>({ state: { decision: 'approved' }, output: { decision: 'approved', by: ctx.approval.by } });
  }

  /** Raises each approved requisition's PO and transmits it; once the ERP counts it on order, the claim goes. */
  private async orderFromSupplier(ctx: Ctx) {
    const orders: NonNullable<SupplyReplenishmentState['purchaseOrders']> = [];
    for (const requisition of ctx.state.requisitions ?? []) {
      let order = await unwrap(
        API,
        ctx.systemApi.POST('/erp/v1/purchase-orders', {
          body: { requisitionId: requisition.requisitionId, shipToLocationId: ctx.state.locationId },
          ...withKey(ctx, `order-${requisition.itemId}`),
        }),
      );
      if (order.status === 'approved') {
        order = await unwrap(
          API,
          ctx.systemApi.POST('/erp/v1/purchase-orders/{id}/send', {
            params: { path: { id: order.id } },
            ...withKey(ctx, `send-${requisition.itemId}`),
          }),
        );
      }
      ctx.link(`erp-purchase-order:${requisition.itemId}`, order.id);
      orders.push({ itemId: requisition.itemId, purchaseOrderId: order.id, status: order.status });
      await this.claims.release(requisition.itemId, ctx.state.locationId, ctx.flowId);
    }
    return done<SupplyReplenishmentState>({ state: { purchaseOrders: orders }, output: { purchaseOrders: orders } });
  }

  private async releaseClaims(ctx: Ctx): Promise<void> {
    for (const requisition of ctx.state.requisitions ?? []) await this.claims.release(requisition.itemId, ctx.state.locationId, ctx.flowId);
  }
}

/** The supply chain manager decides requisitions the ERP holds for approval (above its 10,000.00 threshold). */
export function requisitionApproval(state: SupplyReplenishmentState) {
  const waiting = (state.requisitions ?? []).filter((r) => r.approvalRequired);
  if (!waiting.length) return undefined;
  const amountCents = waiting.reduce((sum, r) => sum + r.totalCents, 0);
  return {
    role: REQUISITION_APPROVER_ROLE,
    summary: `Replenish ${waiting.map((r) => r.itemId).join(', ')} at ${state.locationId}: requisition ${waiting.map((r) => r.requisitionId).join(', ')}`,
    amountCents,
    details: { requisitions: waiting.map((r) => r.requisitionId).join(','), location: state.locationId, procedure: state.procedureId },
  };
}

/** What a stuck step puts at risk: the unbilled implant charge, or stock that runs out. */
export function supplyImpact(state: SupplyReplenishmentState, step: string): FlowBusinessImpact {
  const issues = state.issues ?? [];
  switch (step) {
    case 'issue-stock':
      return { details: { items: state.items.map((i) => `${i.itemCode}×${i.quantity}`).join(','), department: state.departmentCode } };
    case 'supply-charge':
      return {
        details: {
          billableItems: issues
            .filter((i) => i.chargeCode)
            .map((i) => `${i.itemId}:${i.chargeCode}`)
            .join(','),
          encounter: state.encounterId ?? '',
        },
      };
    default: {
      const low = issues.find((i) => needsReorder(i.reorder));
      return {
        amountAtRiskCents: (state.requisitions ?? []).reduce((sum, r) => sum + r.totalCents, 0),
        details: {
          location: state.locationId,
          ...(low ? { item: low.itemId, onHand: low.reorder!.onHand, reorderPoint: low.reorder!.reorderPoint, stockOutRisk: true } : {}),
        },
      };
    }
  }
}
