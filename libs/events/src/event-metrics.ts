import { Counter, Gauge, type Registry } from 'prom-client';

/** Backbone metrics in the app's Prometheus registry; gauges are computed when scraped. */
export class EventMetrics {
  readonly published: Counter;
  readonly publishFailures: Counter;
  readonly handled: Counter<'subscriber' | 'outcome'>;
  private readonly probes: {
    outboxPending?: () => Promise<number>;
    lag?: () => Promise<Record<string, number>>;
    deadLetters?: () => Promise<Record<string, number>>;
  } = {};

  constructor(registry: Registry) {
    this.published = new Counter({ name: 'concord_events_published_total', help: 'Events handed to the transport', registers: [registry] });
    this.publishFailures = new Counter({
      name: 'concord_event_publish_failures_total',
      help: 'Relay passes that could not publish (the events stay in the outbox)',
      registers: [registry],
    });
    this.handled = new Counter({
      name: 'concord_events_handled_total',
      help: 'Event handling attempts by subscriber and outcome (done, retry, dead)',
      labelNames: ['subscriber', 'outcome'],
      registers: [registry],
    });
    const probes = this.probes;
    new Gauge({
      name: 'concord_event_outbox_pending',
      help: 'Committed events not yet published',
      registers: [registry],
      async collect() {
        if (probes.outboxPending) this.set(await probes.outboxPending());
      },
    });
    new Gauge({
      name: 'concord_event_consumer_lag',
      help: 'Events waiting for a subscriber: in its inbox not yet handled, plus held by the transport',
      labelNames: ['subscriber'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const [subscriber, lag] of Object.entries((await probes.lag?.()) ?? {})) this.set({ subscriber }, lag);
      },
    });
    new Gauge({
      name: 'concord_event_dead_letters',
      help: 'Events parked in the dead-letter queue, by subscriber',
      labelNames: ['subscriber'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const [subscriber, count] of Object.entries((await probes.deadLetters?.()) ?? {})) this.set({ subscriber }, count);
      },
    });
  }

  observeOutbox(probe: () => Promise<number>): void {
    this.probes.outboxPending = probe;
  }

  observeConsumers(lag: () => Promise<Record<string, number>>, deadLetters: () => Promise<Record<string, number>>): void {
    this.probes.lag = lag;
    this.probes.deadLetters = deadLetters;
  }
}
