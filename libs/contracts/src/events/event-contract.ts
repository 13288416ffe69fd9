/**
 * What a consumer's later events of the same ordering key do while an earlier one is parked in the
 * dead-letter queue: `hold` keeps them waiting (state that must apply in order, e.g. an encounter's
 * admission before its discharge), `continue` lets them pass (independent facts, e.g. charges).
 */
export const DEAD_LETTER_KEY_POLICIES = ['hold', 'continue'] as const;
export type DeadLetterKeyPolicy = (typeof DEAD_LETTER_KEY_POLICIES)[number];

/** `<domain>.<entity>.<fact>.v<major>`, past-tense facts (ARCHITECTURE §4). */
export const EVENT_TYPE_PATTERN = /^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*\.v[1-9][0-9]*$/;

/**
 * One event type of the catalog, described once: its name, the canonical DTO class its `data`
 * follows (the JSON Schema is derived from it), the aggregate it belongs to and the key that orders it.
 */
export interface EventContract<T extends object = object> {
  type: string;
  /** Class whose @ApiProperty metadata describes `data`. */
  dataClass: abstract new (...args: never[]) => T;
  /** Aggregate the event belongs to (Debezium's `aggregatetype`): encounter, claim, purchase-order ... */
  aggregateType: string;
  /** Events with the same key are handled in order (Debezium's `aggregateid`, the CloudEvents `partitionkey`). */
  orderingKey(data: T): string;
  summary: string;
  /** Whether `data` carries PHI (masked in operator views without the PHI scope, never logged). */
  containsPhi: boolean;
  /** Default for consumers of this type; a subscription may override it. */
  deadLetterPolicy: DeadLetterKeyPolicy;
}

/** Declares a catalog entry, checking its name against the naming rule. */
export function defineEvent<T extends object>(contract: EventContract<T>): EventContract<T> {
  if (!EVENT_TYPE_PATTERN.test(contract.type)) {
    throw new Error(`Event type "${contract.type}" does not follow <domain>.<entity>.<fact>.v<major>`);
  }
  return contract;
}

/** The domain of an event type: its first segment (`ehr` of `ehr.encounter.discharged.v1`). */
export function eventDomainOf(type: string): string {
  return type.slice(0, type.indexOf('.'));
}
