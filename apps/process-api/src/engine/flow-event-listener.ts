import { Injectable, type OnModuleInit } from '@nestjs/common';
import { type CloudEvent, EventBackbone, type EventHandlerContext } from '@concord/events';
import { TransactionRunner } from '@concord/platform';
import { FlowInstanceEntity } from './entities/flow-instance.entity';
import { FlowSignalEntity } from './entities/flow-signal.entity';
import { FlowRegistry } from './flow-registry';
import { FlowRunner } from './flow-runner';
import { FlowStore } from './flow-store';

export const FLOW_ENGINE_SUBSCRIBER = 'process-api.flow-engine';

/**
 * The engine's ear on the backbone: an event that triggers a flow starts an instance (once per
 * start key), and an event a step waits for is kept as a signal and wakes its waiters — both in the
 * inbox transaction, so a redelivered event starts nothing twice.
 */
@Injectable()
export class FlowEventListener implements OnModuleInit {
  constructor(
    private readonly backbone: EventBackbone,
    private readonly registry: FlowRegistry,
    private readonly store: FlowStore,
    private readonly runner: FlowRunner,
    private readonly transactions: TransactionRunner,
  ) {}

  onModuleInit(): void {
    const { triggers, awaited } = this.registry.eventTypes();
    const types = [...new Set([...triggers, ...awaited])];
    if (!types.length) return;
    this.backbone.subscribe({
      subscriber: FLOW_ENGINE_SUBSCRIBER,
      types,
      handle: (event, context) => this.handle(event, context),
      // A start or a wake-up is independent of the key's other events: one parked event never blocks a patient.
      deadLetterPolicy: Object.fromEntries(types.map((type) => [type, 'continue' as const])),
      concurrency: 16,
    });
  }

  async handle(event: CloudEvent, { manager }: EventHandlerContext): Promise<void> {
    let due = false;
    for (const definition of this.registry.types()) {
      for (const trigger of definition.triggers ?? []) {
        if (trigger.eventType !== event.type) continue;
        const start = trigger.start(event);
        if (!start) continue;
        const { created } = await this.store.start(manager, definition, start, {
          correlationId: event.correlationid,
          causationId: event.id,
        });
        due ||= created;
      }
    }
    if (event.subject && this.registry.eventTypes().awaited.includes(event.type)) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(FlowSignalEntity)
        .values({
          eventId: event.id,
          type: event.type,
          subject: event.subject.slice(0, 200),
          payload: JSON.stringify(event),
          receivedAt: new Date().toISOString(),
        })
        .orIgnore()
        .execute();
      const woken = await manager
        .createQueryBuilder()
        .update(FlowInstanceEntity)
        .set({ nextRunAt: new Date().toISOString() })
        .where("wait_subject = :subject AND status = 'waiting'", { subject: event.subject.slice(0, 200) })
        .execute();
      due ||= (woken.affected ?? 0) > 0;
    }
    if (due) this.transactions.afterCommit(manager, () => this.runner.nudge());
  }
}
