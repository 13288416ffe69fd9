import { Injectable } from '@nestjs/common';
import type { EventContract } from '@concord/contracts';
import { EventBackbone, eventIdFor } from '@concord/events';
import { TransactionRunner } from '@concord/platform';
import type { EntityManager } from 'typeorm';

export interface Announcement<T extends object = object> {
  contract: EventContract<T>;
  data: T;
  /** What the event is about, e.g. `PurchaseOrder/PO-000001`. */
  subject?: string;
}

export function announce<T extends object>(contract: EventContract<T>, data: T, subject?: string): Announcement {
  return { contract, data, subject };
}

/**
 * Publishes events announcing a change a core system already made (there is no local row to commit
 * with): right after the call, each with an id derived from what caused it, so a retried request (or
 * a second instance polling the same change) adds the same event again, which the outbox ignores.
 */
@Injectable()
export class CoreSystemEvents {
  constructor(
    private readonly backbone: EventBackbone,
    private readonly transactions: TransactionRunner,
  ) {}

  async publish(cause: string, announcements: Announcement[]): Promise<void> {
    if (!announcements.length) return;
    await this.transactions.run((manager) => this.add(manager, cause, announcements));
  }

  /** Adds the events inside the caller's transaction (with a local change that goes with them). */
  async add(manager: EntityManager, cause: string, announcements: Announcement[]): Promise<void> {
    if (!announcements.length) return;
    await this.backbone.outbox.add(
      manager,
      announcements.map(({ contract, data, subject }) => ({
        id: eventIdFor(cause, contract.type),
        type: contract.type,
        // Absent optional fields are left out rather than sent as undefined.
        data: JSON.parse(JSON.stringify(data)) as object,
        ...(subject ? { subject } : {}),
      })),
    );
  }
}
