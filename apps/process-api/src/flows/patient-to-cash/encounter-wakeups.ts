import type { DataSource } from 'typeorm';
import { FlowInstanceEntity } from '../../engine/entities/flow-instance.entity';
import { FlowKeyEntity } from '../../engine/entities/flow-key.entity';
import type { Waiting } from '../../engine/flow-runner';

/**
 * Wakes an encounter's instances of a flow type that are parked until a recheck time (waitUntil):
 * charge capture waits for the account patient-to-cash opens, and patient-to-cash for the charges
 * charge capture posts, and neither has a billing event to wait for. Without this, each would only
 * look again at its next recheck, and hundreds of rechecking instances would load system-api.
 * Leased instances are left alone (they are running); the revision bump makes a runner that read
 * the instance before this update skip it and read it again.
 */
export class EncounterWakeups {
  constructor(private readonly dataSource: DataSource) {}

  async wake(type: string, encounterId: string): Promise<number> {
    const now = new Date().toISOString();
    const keys = this.dataSource.getMetadata(FlowKeyEntity).tableName;
    const result = await this.dataSource
      .createQueryBuilder()
      .update(FlowInstanceEntity)
      .set({
        nextRunAt: now,
        updatedAt: now,
        waiting: JSON.stringify({ kind: 'until', until: now } satisfies Waiting),
        revision: () => 'revision + 1',
      })
      .where("type = :type AND status = 'waiting' AND waiting LIKE :until", { type, until: '{"kind":"until"%' })
      .andWhere('(lease_until IS NULL OR lease_until < :now)', { now })
      .andWhere(`id IN (SELECT k.flow_id FROM ${keys} k WHERE k.name = 'encounter' AND k.value = :encounterId)`, { encounterId })
      .execute();
    return result.affected ?? 0;
  }
}
