import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import type { EventContract } from '@concord/contracts';
import { dtoJsonSchemas, type JsonSchema } from './dto-json-schema';

export class UnknownEventTypeError extends Error {
  constructor(readonly eventType: string) {
    super(`Event type "${eventType}" is not in the event catalog`);
    this.name = 'UnknownEventTypeError';
  }
}

export interface EventDataProblem {
  /** JSON Pointer into `data` (RFC 6901). */
  pointer: string;
  detail: string;
}

/** `data` of an event does not match its type's schema: refused when published and when consumed. */
export class EventDataInvalidError extends Error {
  constructor(
    readonly eventType: string,
    readonly problems: EventDataProblem[],
  ) {
    super(`Event data does not match ${eventType}: ${problems.map((p) => `${p.pointer || '/'} ${p.detail}`).join('; ')}`);
    this.name = 'EventDataInvalidError';
  }
}

/**
 * The registered event types with their data schemas, derived once from the canonical DTOs and
 * compiled to validators. Every publish and every delivery is checked against it.
 */
export class EventCatalog {
  private readonly contracts = new Map<string, EventContract>();
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly schemas = new Map<string, JsonSchema>();
  private readonly ajv = new Ajv2020({ allErrors: true, strict: false, logger: false });

  constructor(contracts: readonly EventContract[]) {
    // The formats the DTOs use; others (int64, email ...) are documentation only.
    this.ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    this.ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
    this.ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)) && /^\d{4}-\d{2}-\d{2}T/.test(value));
    for (const contract of contracts) this.register(contract);
  }

  register(contract: EventContract): void {
    if (this.contracts.has(contract.type)) throw new Error(`Event type ${contract.type} is registered twice`);
    const definitions = dtoJsonSchemas(contract.dataClass, '#/$defs/');
    const schema: JsonSchema = { $ref: `#/$defs/${contract.dataClass.name}`, $defs: definitions };
    this.contracts.set(contract.type, contract);
    this.schemas.set(contract.type, schema);
    this.validators.set(contract.type, this.ajv.compile(schema));
  }

  has(type: string): boolean {
    return this.contracts.has(type);
  }

  get(type: string): EventContract {
    const contract = this.contracts.get(type);
    if (!contract) throw new UnknownEventTypeError(type);
    return contract;
  }

  all(): EventContract[] {
    return [...this.contracts.values()].sort((a, b) => a.type.localeCompare(b.type));
  }

  /** The data schema of a type, self-contained (`$defs` inside). */
  schemaOf(type: string): JsonSchema {
    this.get(type);
    return this.schemas.get(type)!;
  }

  /** Throws EventDataInvalidError naming each problem. */
  validate(type: string, data: unknown): void {
    this.get(type);
    const validate = this.validators.get(type)!;
    if (!validate(data)) throw new EventDataInvalidError(type, (validate.errors ?? []).map(problemOf));
  }

  orderingKeyOf(type: string, data: object): string {
    return this.get(type).orderingKey(data);
  }
}

function problemOf(error: ErrorObject): EventDataProblem {
  const missing = error.keyword === 'required' ? `/${String((error.params as { missingProperty: string }).missingProperty)}` : '';
  return { pointer: `${error.instancePath}${missing}`, detail: error.message ?? error.keyword };
}
