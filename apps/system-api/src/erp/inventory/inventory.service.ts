import { Injectable } from '@nestjs/common';
import { ErpPort } from '@concord/connectors/erp';
import {
  ERP_INVENTORY_BELOW_REORDER_POINT,
  ERP_INVENTORY_ISSUED,
  type InventoryBalanceDto,
  type InventoryIssueDto,
} from '@concord/contracts';
import type { InventoryListQuery, IssueStockRequestDto } from '../dto/erp-requests.dto';
import { type Page, pageOf } from '../dto/list-page';
import { announce, CoreSystemEvents } from '../erp-events.publisher';
import { erpCall, ErpException, ErpExceptionCode } from '../erp.exception';
import { ClinicalItems } from '../master-data/clinical-items.service';
import type { PostingContext } from '../posting.decorator';

/** Stock by location, and its consumption for an encounter and a department at current cost. */
@Injectable()
export class InventoryService {
  constructor(
    private readonly erp: ErpPort,
    private readonly clinicalItems: ClinicalItems,
    private readonly events: CoreSystemEvents,
  ) {}

  async listBalances(query: InventoryListQuery): Promise<Page<InventoryBalanceDto>> {
    const balances = await erpCall('read', () => this.erp.listInventoryBalances({ itemId: query.itemId, locationId: query.locationId }));
    return pageOf(balances, query, `inventory|${query.itemId ?? ''}|${query.locationId ?? ''}`);
  }

  /**
   * Issues stock at its moving-average cost (DR supplies expense for the department, CR inventory) and
   * announces it, and the reorder signal when the issue left the location at or below its reorder point.
   * A clinical id that no ERP item answers to is refused precisely and recorded for the supply chain team.
   */
  async issue(request: IssueStockRequestDto, posting: PostingContext): Promise<InventoryIssueDto> {
    const itemId = await this.itemIdOf(request);
    const issue = await erpCall('write', () =>
      this.erp.issueStock(
        {
          itemId,
          locationId: request.locationId,
          quantity: request.quantity,
          costCentre: request.costCentre,
          encounterId: request.encounterId,
          ...(request.procedureId !== undefined ? { procedureId: request.procedureId } : {}),
          ...(request.serials !== undefined ? { serials: request.serials } : {}),
          ...(request.lots !== undefined ? { lots: request.lots } : {}),
        },
        { idempotencyKey: posting.idempotencyKey },
      ),
    );
    const announcements = [
      announce(
        ERP_INVENTORY_ISSUED,
        {
          issueId: issue.id,
          itemId: issue.itemId,
          clinicalItemId: request.clinicalItem?.value,
          quantity: issue.quantity,
          unitOfMeasure: issue.unitOfMeasure,
          serials: issue.serials,
          locationId: issue.locationId,
          encounterId: issue.encounterId ?? request.encounterId,
          procedureId: issue.procedureId,
          departmentCode: issue.costCentre,
          unitCost: issue.unitCost,
          totalCost: issue.totalCost,
          journalEntryId: issue.journalEntryId,
          issuedAt: issue.issuedAt,
        },
        `Item/${issue.itemId}`,
      ),
    ];
    if (issue.reorder) {
      announcements.push(
        announce(
          ERP_INVENTORY_BELOW_REORDER_POINT,
          {
            itemId: issue.reorder.itemId,
            locationId: issue.reorder.locationId,
            onHand: issue.reorder.onHand,
            onOrder: issue.reorder.onOrder,
            reorderPoint: issue.reorder.reorderPoint,
            reorderQuantity: issue.reorder.reorderQuantity,
            lastPurchasePrice: issue.reorder.lastPurchasePrice,
            preferredSupplierId: issue.reorder.preferredSupplierId,
            issueId: issue.id,
          },
          `Item/${issue.reorder.itemId}`,
        ),
      );
    }
    await this.events.publish(posting.idempotencyKey, announcements);
    return issue;
  }

  private async itemIdOf(request: IssueStockRequestDto): Promise<string> {
    if (request.itemId !== undefined) return request.itemId;
    const clinical = request.clinicalItem!;
    const itemId = await erpCall('read', () => this.clinicalItems.resolve(clinical));
    if (itemId !== undefined) return itemId;
    await this.clinicalItems.recordUnknown(clinical, request.costCentre);
    throw new ErpException(
      ErpExceptionCode.UNKNOWN_CLINICAL_ITEM,
      `No ERP item is known for the clinical supply ${clinical.system} ${clinical.value}; it was recorded for the supply chain team (GET /erp/v1/items/unknown-clinical)`,
      [
        {
          in: 'body',
          name: 'clinicalItem.value',
          pointer: '/clinicalItem/value',
          detail: 'no ERP item answers to this clinical supply id',
        },
      ],
    );
  }
}
