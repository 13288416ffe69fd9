import { describe, expect, it } from 'vitest';
import { cloudEvent } from './cloud-event';
import { InProcessEventBus } from './in-process-event-bus';

const discharged = () => cloudEvent({ type: 'ehr.encounter.discharged.v1', source: '/test', data: { id: 1 } });

describe('InProcessEventBus', () => {
  it('delivers an event to every subscriber of its type and to no other', async () => {
    const bus = new InProcessEventBus();
    const seen: string[] = [];
    bus.subscribe('ehr.encounter.discharged.v1', 'billing', async (e) => void seen.push(`billing:${e.id}`));
    bus.subscribe('ehr.encounter.discharged.v1', 'erp', async (e) => void seen.push(`erp:${e.id}`));
    bus.subscribe('ehr.procedure.performed.v1', 'supply', async () => void seen.push('supply'));
    const event = discharged();
    expect(await bus.publish(event)).toEqual([]);
    expect(seen.sort()).toEqual([`billing:${event.id}`, `erp:${event.id}`]);
  });

  it('isolates a failing subscriber and reports it', async () => {
    const bus = new InProcessEventBus();
    let delivered = false;
    bus.subscribe('ehr.encounter.discharged.v1', 'broken', () => Promise.reject(new Error('boom')));
    bus.subscribe('ehr.encounter.discharged.v1', 'healthy', async () => {
      delivered = true;
    });
    const failures = await bus.publish(discharged());
    expect(delivered).toBe(true);
    expect(failures).toEqual([expect.objectContaining({ subscriber: 'broken', error: expect.any(Error) })]);
  });

  it('stops delivering after unsubscribe', async () => {
    const bus = new InProcessEventBus();
    let count = 0;
    const unsubscribe = bus.subscribe('ehr.encounter.discharged.v1', 'counter', async () => {
      count += 1;
    });
    await bus.publish(discharged());
    unsubscribe();
    await bus.publish(discharged());
    expect(count).toBe(1);
  });
});
