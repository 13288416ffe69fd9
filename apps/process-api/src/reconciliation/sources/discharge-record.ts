import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type EncounterEventDataDto } from '@concord/contracts';
import { type CloudEvent, EventBackbone, type EventHandlerContext } from '@concord/events';
import { ReconciliationDischargeEntity } from '../entities/reconciliation-discharge.entity';
import type { DischargeRecord, DischargeSource } from '../rules/discharges-claims.rule';

export const RECONCILIATION_SUBSCRIBER = 'process-api.reconciliation';
export const ENCOUNTER_DISCHARGED = 'ehr.encounter.discharged.v1';

/**
 * The discharges-claims rule's EHR side, fed by `ehr.encounter.discharged.v1`: each discharge is
 * recorded in the inbox transaction (a redelivery changes nothing; a later discharge of the same
 * encounter, after a readmission, moves its time on). Swap for a system-api reader once EHR
 * encounter routes exist.
 */
@Injectable()
export class EhrDischargeRecord implements DischargeSource, OnModuleInit {
  constructor(
    private readonly backbone: EventBackbone,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.backbone.subscribe({
      subscriber: RECONCILIATION_SUBSCRIBER,
      types: [ENCOUNTER_DISCHARGED],
      handle: (event, context) => this.record(event, context),
      deadLetterPolicy: { [ENCOUNTER_DISCHARGED]: 'continue' },
      concurrency: 4,
    });
  }

  async record(event: CloudEvent, { manager }: EventHandlerContext): Promise<void> {
    const data = event.data as EncounterEventDataDto;
    const dischargedAt = data.dischargedAt ?? event.time ?? new Date().toISOString();
    const existing = await manager.findOne(ReconciliationDischargeEntity, { where: { encounterId: data.encounterId } });
    if (existing && existing.dischargedAt >= dischargedAt) return;
    const row = { encounterId: data.encounterId, dischargedAt, eventId: event.id.slice(0, 64), recordedAt: new Date().toISOString() };
    if (existing) await manager.update(ReconciliationDischargeEntity, { encounterId: data.encounterId }, row);
    else await manager.insert(ReconciliationDischargeEntity, row);
  }

  async *discharges(): AsyncIterable<DischargeRecord> {
    const repository = this.dataSource.getRepository(ReconciliationDischargeEntity);
    let after = '';
    for (;;) {
      const page = await repository
        .createQueryBuilder('d')
        .where('d.encounter_id > :after', { after })
        .orderBy('d.encounter_id', 'ASC')
        .limit(500)
        .getMany();
      for (const row of page) yield { encounterId: row.encounterId, dischargedAt: row.dischargedAt };
      if (page.length < 500) return;
      after = page[page.length - 1].encounterId;
    }
  }
}
