import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ErpPort } from '@concord/connectors/erp';
import { ERP_ITEM_UPDATED, ERP_SUPPLIER_UPDATED, type ItemDto, type SupplierDto } from '@concord/contracts';
import { APP_LOGGER, type AppLogger, TransactionRunner } from '@concord/platform';
import { SystemApiConfig } from '../../system-api.config';
import { announce, CoreSystemEvents } from '../erp-events.publisher';
import { erpCall } from '../erp.exception';
import { ClinicalItems } from './clinical-items.service';
import { ErpSyncStateEntity } from './erp-sync-state.entity';

export class MasterDataSyncResultDto {
  @ApiProperty({
    type: 'integer',
    format: 'int32',
    minimum: 0,
    maximum: 1_000_000,
    description: 'Items changed since the last sync (each announced as erp.item.updated.v1)',
    example: 2,
  })
  items!: number;

  @ApiProperty({
    type: 'integer',
    format: 'int32',
    minimum: 0,
    maximum: 1_000_000,
    description: 'Suppliers changed since the last sync (erp.supplier.updated.v1)',
    example: 0,
  })
  suppliers!: number;
}

/**
 * Polls the ERP for item and supplier master changes since the last poll (ERP_MASTER_DATA_SYNC_INTERVAL_MS)
 * and announces each as an event, linking every item's id and GTIN in the cross-reference. Event ids
 * derive from the record and its version, so a poll that overlaps another (or another instance) adds nothing twice.
 */
@Injectable()
export class MasterDataSync implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<MasterDataSyncResultDto>;

  constructor(
    private readonly erp: ErpPort,
    private readonly clinicalItems: ClinicalItems,
    private readonly events: CoreSystemEvents,
    private readonly transactions: TransactionRunner,
    private readonly config: SystemApiConfig,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {}

  onApplicationBootstrap(): void {
    const interval = this.config.ERP_MASTER_DATA_SYNC_INTERVAL_MS;
    if (interval <= 0) return;
    this.timer = setInterval(() => {
      this.syncNow().catch((error: unknown) =>
        this.logger.warn({ err: error }, 'ERP master-data sync failed; it runs again at the next interval'),
      );
    }, interval);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** One poll of both lists; a poll already running is joined rather than doubled. */
  syncNow(): Promise<MasterDataSyncResultDto> {
    this.running ??= this.poll().finally(() => (this.running = undefined));
    return this.running;
  }

  private async poll(): Promise<MasterDataSyncResultDto> {
    const items = await this.syncList(
      'items',
      (since) => this.erp.listItems({ changedSince: since }),
      (manager, item: ItemDto) =>
        this.clinicalItems.linkItem(manager, item).then(() => [
          announce(
            ERP_ITEM_UPDATED,
            {
              itemId: item.id,
              description: item.description,
              unitOfMeasure: item.unitOfMeasure,
              gtin: item.gtin,
              billableHcpcs: item.billableHcpcs,
              chargeCode: item.chargeCode,
              serialTracked: item.serialTracked,
              active: item.active,
              lastPurchasePrice: item.lastPurchasePrice,
              preferredSupplierId: item.preferredSupplierId,
              versionId: item.source.versionId,
              lastUpdated: item.source.lastUpdated,
            },
            `Item/${item.id}`,
          ),
        ]),
    );
    const suppliers = await this.syncList(
      'suppliers',
      (since) => this.erp.listSuppliers({ changedSince: since }),
      (_manager, supplier: SupplierDto) =>
        Promise.resolve([
          announce(
            ERP_SUPPLIER_UPDATED,
            {
              supplierId: supplier.id,
              name: supplier.name,
              active: supplier.active,
              paymentTermsDays: supplier.paymentTermsDays,
              versionId: supplier.source.versionId,
              lastUpdated: supplier.source.lastUpdated,
            },
            `Supplier/${supplier.id}`,
          ),
        ]),
    );
    return { items, suppliers };
  }

  private async syncList<T extends { id: string; source: { versionId?: string; lastUpdated?: string } }>(
    name: string,
    read: (since: string | undefined) => Promise<T[]>,
    handle: (manager: import('typeorm').EntityManager, record: T) => Promise<ReturnType<typeof announce>[]>,
  ): Promise<number> {
    const state = await this.transactions.run((manager) => manager.findOneBy(ErpSyncStateEntity, { name }));
    const since = state?.watermark ?? undefined;
    const records = await erpCall('read', () => read(since));
    let watermark = since;
    for (const record of records) {
      const changedAt = record.source.lastUpdated;
      await this.transactions.run(async (manager) => {
        const announcements = await handle(manager, record);
        await this.events.add(manager, `erp-sync|${name}|${record.id}|${record.source.versionId ?? ''}|${changedAt ?? ''}`, announcements);
      });
      if (changedAt && (!watermark || changedAt > watermark)) watermark = changedAt;
    }
    await this.transactions.run((manager) =>
      manager.save(ErpSyncStateEntity, { name, watermark: watermark ?? null, updatedAt: new Date().toISOString() }),
    );
    return records.length;
  }
}
