import { randomUUID } from 'node:crypto';
import { boundaryOf, readMultipartBatch, type WireRequest, type WireResponse, writeMultipartBatch } from './batch-multipart';
import type { EdmType, LiteralValue } from './edm-literal';
import { type BoundEntity, type EntityKey, type EntitySet, entityPath } from './entity-set';
import { ODataException, ODataExceptionCode as Code } from './odata.exception';
import { errorForStatus, parseJsonBody } from './odata-error';
import { assertOperationName } from './odata-names';
import {
  entityFrom,
  functionCall,
  ifMatch,
  type ODataEntity,
  type ODataInput,
  type ODataPage,
  pageFrom,
  unwrapValue,
} from './odata-payload';
import { buildQueryString, type ExpandOptions, type QueryOptions } from './odata-query';
import type { ODataSession } from './odata-session';

/** JSON batch of OData 4.01 (`application/json`) or multipart/mixed of OData 4.0. */
export type BatchFormat = 'json' | 'multipart';

type Field<T> = Extract<keyof T, string>;
type Parse = (answer: WireResponse) => unknown;

/** A request placed in a batch; redeem it on the BatchResponse for its result. */
export class BatchHandle<R> {
  declare readonly __result?: R;
  constructor(
    readonly id: string,
    /** The change set (atomicity group) it belongs to, if any. */
    readonly changeSet?: string,
  ) {}
}

export type BatchOutcome<R> = { ok: true; status: number; value: R } | { ok: false; status?: number; error: ODataException };

interface Pending {
  wire: WireRequest;
  parse: Parse;
}

const JSON_BODY = 'application/json;IEEE754Compatible=true';

/** Writes inside one change set of a batch: applied all together or not at all. */
export class ChangeSetBuilder {
  constructor(private readonly add: (wire: Omit<WireRequest, 'id' | 'atomicityGroup'>, parse: Parse) => BatchHandle<never>) {}

  create<T extends object, K extends Field<T>>(set: EntitySet<T, K>, body: ODataInput<T>): BatchHandle<ODataEntity<T>> {
    return this.add(
      { method: 'POST', url: set.name, headers: { 'content-type': JSON_BODY, prefer: 'return=representation' }, body },
      (answer) => entityFrom<T>(answer.body, answer.headers.etag),
    );
  }

  update<T extends object, K extends Field<T>>(
    set: EntitySet<T, K>,
    key: EntityKey<T, K>,
    patch: ODataInput<T>,
    options: { etag?: string } = {},
  ): BatchHandle<ODataEntity<T> | undefined> {
    return this.add(
      {
        method: 'PATCH',
        url: entityPath(set, key),
        headers: { 'content-type': JSON_BODY, prefer: 'return=representation', ...ifMatch(options.etag) },
        body: patch,
      },
      (answer) => (answer.status === 204 || answer.body === undefined ? undefined : entityFrom<T>(answer.body, answer.headers.etag)),
    );
  }

  delete<T extends object, K extends Field<T>>(
    set: EntitySet<T, K>,
    key: EntityKey<T, K>,
    options: { etag?: string } = {},
  ): BatchHandle<void> {
    return this.add({ method: 'DELETE', url: entityPath(set, key), headers: ifMatch(options.etag) }, () => undefined);
  }

  action<R = unknown>(name: string, parameters: Record<string, unknown> = {}, bound?: BoundEntity): BatchHandle<R | undefined> {
    assertOperationName(name, 'action name');
    const url = bound ? `${bound.path}/${name}` : name;
    return this.add({ method: 'POST', url, headers: { 'content-type': JSON_BODY, ...ifMatch(bound?.etag) }, body: parameters }, (answer) =>
      answer.body === undefined ? undefined : unwrapValue(answer.body),
    );
  }
}

/**
 * A $batch being filled: reads and function calls stand alone, writes go in change sets. Nothing is
 * sent until `send()`. A batch without change sets is idempotent and may be retried by the policy.
 */
export class ODataBatch {
  private readonly pending: Pending[] = [];
  private requestCounter = 0;
  private groupCounter = 0;

  constructor(
    private readonly session: ODataSession,
    private readonly serviceRoot: string,
    private readonly format: BatchFormat,
  ) {}

  read<T extends object, K extends Field<T>>(
    set: EntitySet<T, K>,
    key: EntityKey<T, K>,
    options: { select?: readonly Field<T>[]; expand?: ExpandOptions<T> } = {},
  ): BatchHandle<ODataEntity<T>> {
    return this.place(undefined, { method: 'GET', url: `${entityPath(set, key)}${buildQueryString(options)}`, headers: {} }, (answer) =>
      entityFrom<T>(answer.body, answer.headers.etag),
    );
  }

  query<T extends object, K extends Field<T>>(set: EntitySet<T, K>, options: QueryOptions<T> = {}): BatchHandle<ODataPage<T>> {
    return this.place(undefined, { method: 'GET', url: `${set.name}${buildQueryString(options)}`, headers: {} }, (answer) =>
      pageFrom<T>(answer.body, this.serviceRoot),
    );
  }

  function<R = unknown>(name: string, parameters: Record<string, LiteralValue> = {}, types?: Record<string, EdmType>): BatchHandle<R> {
    return this.place(
      undefined,
      { method: 'GET', url: functionCall(name, parameters, types), headers: {} },
      (answer) => unwrapValue(answer.body) as R,
    );
  }

  /** Adds a change set; `build` places its writes and returns their handles. */
  changeSet<R>(build: (changes: ChangeSetBuilder) => R): R {
    const group = `g${++this.groupCounter}`;
    let size = 0;
    const result = build(
      new ChangeSetBuilder((wire, parse) => {
        size++;
        return this.place(group, wire, parse) as BatchHandle<never>;
      }),
    );
    if (!size) throw new ODataException(Code.INVALID_QUERY, 'A change set needs at least one request');
    return result;
  }

  get size(): number {
    return this.pending.length;
  }

  /** Sends the batch. Fails as a whole only when the $batch request itself fails. */
  async send(): Promise<BatchResponse> {
    if (!this.pending.length) throw new ODataException(Code.INVALID_QUERY, 'A batch needs at least one request');
    const wires = this.pending.map((entry) => entry.wire);
    const idempotent = wires.every((wire) => wire.atomicityGroup === undefined && wire.method === 'GET');
    const answers = this.format === 'json' ? await this.sendJson(wires, idempotent) : await this.sendMultipart(wires, idempotent);
    return new BatchResponse(this.pending, answers);
  }

  private place<R>(
    group: string | undefined,
    wire: Omit<WireRequest, 'id' | 'atomicityGroup'>,
    parse: (answer: WireResponse) => R,
  ): BatchHandle<R> {
    const id = `r${++this.requestCounter}`;
    this.pending.push({ wire: { ...wire, id, ...(group ? { atomicityGroup: group } : {}) }, parse });
    return new BatchHandle<R>(id, group);
  }

  private async sendJson(wires: WireRequest[], idempotent: boolean): Promise<Map<string, WireResponse>> {
    const response = await this.session.send({
      method: 'POST',
      url: `${this.serviceRoot}/$batch`,
      // Without continue-on-error a service may stop at the first failed request and leave the rest unanswered.
      headers: { 'content-type': 'application/json', 'odata-version': '4.01', prefer: 'odata.continue-on-error' },
      body: JSON.stringify({ requests: wires }),
      idempotent,
      csrfUrl: this.serviceRoot,
    });
    const body = parseJsonBody(response.text) as { responses?: unknown } | undefined;
    if (!body || !Array.isArray(body.responses))
      throw new ODataException(Code.INVALID_RESPONSE, 'The $batch answer has no responses array');
    const answers = new Map<string, WireResponse>();
    for (const raw of body.responses as Record<string, unknown>[]) {
      if (typeof raw !== 'object' || raw === null || typeof raw.id !== 'string' || typeof raw.status !== 'number') continue;
      answers.set(raw.id, {
        id: raw.id,
        status: raw.status,
        headers: lowerCaseKeys(raw.headers),
        body: raw.body,
        ...(typeof raw.atomicityGroup === 'string' ? { atomicityGroup: raw.atomicityGroup } : {}),
      });
    }
    return answers;
  }

  private async sendMultipart(wires: WireRequest[], idempotent: boolean): Promise<Map<string, WireResponse>> {
    const boundary = `batch_${randomUUID()}`;
    const response = await this.session.send({
      method: 'POST',
      url: `${this.serviceRoot}/$batch`,
      headers: {
        'content-type': `multipart/mixed; boundary=${boundary}`,
        accept: 'multipart/mixed',
        'odata-version': '4.0',
        prefer: 'odata.continue-on-error',
      },
      body: writeMultipartBatch(
        wires.map((wire) => ({ ...wire, headers: { accept: 'application/json;IEEE754Compatible=true', ...wire.headers } })),
        boundary,
      ),
      idempotent,
      csrfUrl: this.serviceRoot,
    });
    const responseBoundary = boundaryOf(response.headers.get('content-type'));
    if (!responseBoundary) throw new ODataException(Code.INVALID_RESPONSE, 'The $batch answer is not multipart');
    const slots = readMultipartBatch(response.text, responseBoundary);
    // Top-level parts answer the sent parts in order: one request, or one change set.
    const sentSlots: WireRequest[][] = [];
    for (const wire of wires) {
      const last = sentSlots.at(-1);
      if (wire.atomicityGroup !== undefined && last?.[0]?.atomicityGroup === wire.atomicityGroup) last.push(wire);
      else sentSlots.push([wire]);
    }
    const answers = new Map<string, WireResponse>();
    sentSlots.forEach((members, index) => {
      const slot = slots[index];
      if (!slot) return;
      if (slot.kind === 'single' && members[0].atomicityGroup === undefined) {
        answers.set(members[0].id, slot.answer);
      } else if (slot.kind === 'single') {
        // The change set failed as a whole: the one answer is its error, for the member it names (or the first).
        const failed = members.find((member) => member.id === slot.answer.id) ?? members[0];
        answers.set(failed.id, { ...slot.answer, atomicityGroup: failed.atomicityGroup });
      } else {
        slot.answers.forEach((answer, position) => {
          const member = members.find((candidate) => candidate.id === answer.id) ?? members[position];
          if (member) answers.set(member.id, { ...answer, atomicityGroup: member.atomicityGroup });
        });
      }
    });
    return answers;
  }
}

/** The answers of a sent batch. A change set with any failure failed entirely (it was rolled back). */
export class BatchResponse {
  private readonly outcomes = new Map<string, BatchOutcome<unknown>>();

  constructor(pending: readonly Pending[], answers: Map<string, WireResponse>) {
    const own = new Map(pending.map(({ wire, parse }) => [wire.id, outcomeOf(answers.get(wire.id), parse)]));
    // What sank each failed change set: its first answered failure, else its first unanswered member
    // (multipart services answer a failed change set with the failing request's error only).
    const sunk = new Map<string, ODataException>();
    for (const answeredOnly of [true, false]) {
      for (const { wire } of pending) {
        const outcome = own.get(wire.id)!;
        const group = wire.atomicityGroup;
        if (group === undefined || outcome.ok || sunk.has(group) || answers.has(wire.id) !== answeredOnly) continue;
        sunk.set(group, outcome.error);
      }
    }
    for (const { wire } of pending) {
      const outcome = own.get(wire.id)!;
      const cause = wire.atomicityGroup === undefined ? undefined : sunk.get(wire.atomicityGroup);
      const failedItself = !outcome.ok && answers.has(wire.id);
      this.outcomes.set(wire.id, !cause || failedItself ? outcome : rolledBack(cause));
    }
  }

  outcome<R>(handle: BatchHandle<R>): BatchOutcome<R> {
    const outcome = this.outcomes.get(handle.id);
    if (!outcome) throw new ODataException(Code.INVALID_QUERY, 'This handle belongs to another batch');
    return outcome as BatchOutcome<R>;
  }

  /** The result of a request, or its ODataException thrown. */
  value<R>(handle: BatchHandle<R>): R {
    const outcome = this.outcome(handle);
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  /** Whether every request of the batch succeeded. */
  get allSucceeded(): boolean {
    return [...this.outcomes.values()].every((outcome) => outcome.ok);
  }
}

function rolledBack(cause: ODataException): BatchOutcome<never> {
  return {
    ok: false,
    error: new ODataException(Code.CHANGE_SET_ROLLED_BACK, `Rolled back with its change set, which failed: ${cause.message}`, {
      cause,
      odataError: cause.odataError,
    }),
  };
}

function outcomeOf(answer: WireResponse | undefined, parse: Parse): BatchOutcome<unknown> {
  if (!answer) return { ok: false, error: new ODataException(Code.INVALID_RESPONSE, 'The $batch answer has no response for this request') };
  if (answer.status >= 400) {
    const retryAfter = answer.headers['retry-after'];
    return {
      ok: false,
      status: answer.status,
      error: errorForStatus(answer.status, answer.body, {
        idempotent: false,
        retryAfterMs: retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) * 1000 : undefined,
      }),
    };
  }
  try {
    return { ok: true, status: answer.status, value: parse(answer) };
  } catch (error) {
    if (error instanceof ODataException) return { ok: false, status: answer.status, error };
    throw error;
  }
}

function lowerCaseKeys(headers: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (typeof headers !== 'object' || headers === null) return result;
  for (const [name, value] of Object.entries(headers)) if (typeof value === 'string') result[name.toLowerCase()] = value;
  return result;
}
