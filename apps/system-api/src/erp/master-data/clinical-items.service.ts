import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ErpConnectorException, ErpConnectorExceptionCode, ErpPort } from '@concord/connectors/erp';
import { CodeSystem, type ItemDto } from '@concord/contracts';
import { TransactionRunner } from '@concord/platform';
import type { EntityManager } from 'typeorm';
import { CrossReference, type XrefIdentifier } from '../../xref/cross-reference.service';
import { type ClinicalItemIdentifierDto, type ClinicalItemSystem, EHR_SUPPLY_ITEM_SYSTEM, ERP_ITEM_SYSTEM } from '../dto/erp-requests.dto';
import type { ItemIdentifiersDto, UnknownClinicalItemDto } from '../dto/erp-responses.dto';
import { erpCall, ErpException, ErpExceptionCode } from '../erp.exception';
import { UnknownClinicalItemEntity } from './unknown-clinical-item.entity';

const ENTITY = 'item';

/**
 * Clinical supply ids (the EHR's item codes, GTINs) and the ERP items they stand for, through the
 * cross-reference (entity type `item`). An id nobody can resolve is recorded: the list of items used
 * clinically that the ERP does not know.
 */
@Injectable()
export class ClinicalItems {
  constructor(
    private readonly erp: ErpPort,
    private readonly xref: CrossReference,
    private readonly transactions: TransactionRunner,
  ) {}

  /**
   * The ERP item a clinical id names: known links first; else an EHR code the ERP knows as an item id,
   * or a GTIN an ERP item carries, both learnt for next time. Undefined when nothing answers to it.
   */
  async resolve(clinical: ClinicalItemIdentifierDto): Promise<string | undefined> {
    const known = await this.xref.resolve(ENTITY, clinical);
    if (known) {
      const itemId = await this.xref.identifierIn(ENTITY, known, ERP_ITEM_SYSTEM);
      if (itemId) return itemId;
    }
    const item = await this.findInErp(clinical);
    if (!item) return undefined;
    await this.transactions.run((manager) => this.linkItem(manager, item, [clinical]));
    return item.id;
  }

  /**
   * The ERP item record a clinical id names, so a caller can see before an issue how the item is
   * tracked (serials, lots) and billed; a RECORD_NOT_FOUND when nothing answers to the id.
   */
  async item(clinical: ClinicalItemIdentifierDto): Promise<ItemDto> {
    const itemId = await erpCall('read', () => this.resolve(clinical));
    if (itemId === undefined)
      throw new ErpException(
        ErpExceptionCode.RECORD_NOT_FOUND,
        `No ERP item is known for the clinical supply ${clinical.system} ${clinical.value}`,
      );
    return erpCall('read', () => this.erp.getItem(itemId));
  }

  /** Links an item master record's own identifiers (its id, its GTIN), plus any clinical ids given. */
  async linkItem(manager: EntityManager, item: ItemDto, extra: XrefIdentifier[] = []): Promise<void> {
    await this.xref.link(manager, ENTITY, [
      { system: ERP_ITEM_SYSTEM, value: item.id },
      ...(item.gtin ? [{ system: CodeSystem.GTIN, value: item.gtin }] : []),
      ...extra,
    ]);
  }

  /** Links a clinical id to an ERP item by hand (a supply chain analyst's decision). */
  async link(itemId: string, clinical: ClinicalItemIdentifierDto): Promise<ItemIdentifiersDto> {
    const item = await erpCall('read', () => this.erp.getItem(itemId));
    const result = await this.transactions.run((manager) =>
      this.xref.link(manager, ENTITY, [{ system: ERP_ITEM_SYSTEM, value: item.id }, clinical]),
    );
    if (result.conflicts.length) {
      throw new ErpException(
        ErpExceptionCode.CROSS_REFERENCE_CONFLICT,
        `${clinical.system} ${clinical.value} is already linked to another item`,
        [{ in: 'body', name: 'value', detail: 'already linked to another item' }],
      );
    }
    const identifiers = await this.xref.identifiersOf(ENTITY, result.concordId);
    return { itemId: item.id, identifiers: identifiers.map((identifier) => `${identifier.system}|${identifier.value}`) };
  }

  /** Remembers that an issue named a clinical id no ERP item answers to. */
  async recordUnknown(clinical: ClinicalItemIdentifierDto, department: string): Promise<void> {
    const now = new Date().toISOString();
    await this.transactions.run(async (manager) => {
      const repository = manager.getRepository(UnknownClinicalItemEntity);
      const existing = await repository.findOneBy({ system: clinical.system, value: clinical.value });
      if (existing) {
        await repository.update(
          { id: existing.id },
          { occurrences: existing.occurrences + 1, lastSeenAt: now, lastDepartment: department },
        );
        return;
      }
      await repository.insert({
        id: randomUUID(),
        system: clinical.system,
        value: clinical.value,
        occurrences: 1,
        firstSeenAt: now,
        lastSeenAt: now,
        lastDepartment: department,
      });
    });
  }

  /** Clinical ids issues named that still resolve to no ERP item (linked ones drop off the list). */
  async listUnknown(): Promise<UnknownClinicalItemDto[]> {
    const rows = await this.transactions.run((manager) =>
      manager.getRepository(UnknownClinicalItemEntity).find({ order: { lastSeenAt: 'DESC' } }),
    );
    const unresolved: UnknownClinicalItemDto[] = [];
    for (const row of rows) {
      if (await this.xref.resolve(ENTITY, { system: row.system, value: row.value })) continue;
      unresolved.push({
        system: row.system as ClinicalItemSystem,
        value: row.value,
        occurrences: row.occurrences,
        firstSeenAt: row.firstSeenAt,
        lastSeenAt: row.lastSeenAt,
        ...(row.lastDepartment ? { lastDepartment: row.lastDepartment } : {}),
      });
    }
    return unresolved;
  }

  private async findInErp(clinical: ClinicalItemIdentifierDto): Promise<ItemDto | undefined> {
    if (clinical.system === EHR_SUPPLY_ITEM_SYSTEM) {
      try {
        return await this.erp.getItem(clinical.value);
      } catch (error) {
        if (error instanceof ErpConnectorException && error.code === ErpConnectorExceptionCode.NOT_FOUND) return undefined;
        throw error;
      }
    }
    const items = await this.erp.listItems();
    return items.find((item) => item.gtin === clinical.value);
  }
}
