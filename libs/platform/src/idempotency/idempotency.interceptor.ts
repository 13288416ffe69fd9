import { createHash } from 'node:crypto';
import { type CallHandler, type ExecutionContext, HttpStatus, Injectable, type NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { InjectRepository } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import { catchError, from, mergeMap, type Observable, of, throwError } from 'rxjs';
import { LessThan, type Repository } from 'typeorm';
import { TransactionRunner } from '../persistence/transaction-runner';
import { PUBLIC_ROUTE } from '../auth/access.decorators';
import type { Principal } from '../auth/principal';
import { type ContextualRequest } from '../context/execution-request';
import { IDEMPOTENCY_KEY_REQUIRED } from './idempotency.decorator';
import { IdempotencyException, IdempotencyExceptionCode } from './idempotency.exception';
import { IdempotencyRecordEntity } from './idempotency-record.entity';

const RETENTION_MS = 24 * 60 * 60 * 1000;
const KEY = /^[\x21-\x7e]{1,255}$/;
const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * Idempotency-Key on POST and PATCH (draft-ietf-httpapi-idempotency-key-header): the first request
 * runs and its response is stored per client; the same key and body replays that response byte for
 * byte; the same key with another body is a 422; a key whose first request is still running is a 409.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private requestsSinceSweep = 0;

  constructor(
    private readonly reflector: Reflector,
    @InjectRepository(IdempotencyRecordEntity) private readonly records: Repository<IdempotencyRecordEntity>,
    private readonly transactions: TransactionRunner,
  ) {}

  /** Writes go through the runner so that, on SQLite, they never ride along in another request's transaction. */
  private write<T>(work: (records: Repository<IdempotencyRecordEntity>) => Promise<T>): Promise<T> {
    return this.transactions.run((manager) => work(manager.getRepository(IdempotencyRecordEntity)));
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<string>() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<ContextualRequest>();
    if (request.method !== 'POST' && request.method !== 'PATCH') return next.handle();
    if (this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()]))
      return next.handle();
    const header = request.headers['idempotency-key'];
    const key = Array.isArray(header) ? header[0] : header;
    if (key === undefined) {
      if (this.reflector.get<boolean | undefined>(IDEMPOTENCY_KEY_REQUIRED, context.getHandler())) {
        throw new IdempotencyException(IdempotencyExceptionCode.IDEMPOTENCY_KEY_REQUIRED, 'This operation needs an Idempotency-Key header');
      }
      return next.handle();
    }
    if (!KEY.test(key))
      throw new IdempotencyException(
        IdempotencyExceptionCode.IDEMPOTENCY_KEY_INVALID,
        'Idempotency-Key must be 1-255 visible ASCII characters',
      );

    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const clientId = (request.user as Principal | undefined)?.clientId ?? 'anonymous';
    const requestHash = hashOf(request);
    const successStatus =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ??
      (request.method === 'POST' ? HttpStatus.CREATED : HttpStatus.OK);

    return from(this.claim(clientId, key, requestHash)).pipe(
      mergeMap((stored) => {
        if (stored) {
          void reply
            .status(stored.statusCode ?? 200)
            .header('content-type', stored.contentType ?? JSON_TYPE)
            .header('idempotent-replayed', 'true');
          return of(stored.responseBody ?? '');
        }
        return next.handle().pipe(
          mergeMap((result: unknown) => {
            const body = JSON.stringify(result ?? null);
            return from(
              this.write((records) =>
                records.update(
                  { clientId, idempotencyKey: key },
                  { state: 'completed', statusCode: successStatus, contentType: JSON_TYPE, responseBody: body },
                ),
              ),
            ).pipe(
              mergeMap(() => {
                void reply.header('content-type', JSON_TYPE);
                return of(body);
              }),
            );
          }),
          // A failed first attempt stores nothing: the client may retry with the same key.
          catchError((error: unknown) =>
            from(this.write((records) => records.delete({ clientId, idempotencyKey: key }))).pipe(mergeMap(() => throwError(() => error))),
          ),
        );
      }),
    );
  }

  /** Claims the key for this request, or returns the completed record to replay. */
  private async claim(clientId: string, key: string, requestHash: string, attempt = 1): Promise<IdempotencyRecordEntity | undefined> {
    const now = new Date();
    if ((this.requestsSinceSweep += 1) >= 100) {
      this.requestsSinceSweep = 0;
      await this.write((records) => records.delete({ expiresAt: LessThan(now.toISOString()) }));
    }
    try {
      await this.write((records) =>
        records.insert({
          clientId,
          idempotencyKey: key,
          requestHash,
          state: 'in_flight',
          statusCode: null,
          contentType: null,
          responseBody: null,
          createdAt: now.toISOString(),
          expiresAt: new Date(now.getTime() + RETENTION_MS).toISOString(),
        }),
      );
      return undefined;
    } catch (insertError) {
      const existing = await this.records.findOneBy({ clientId, idempotencyKey: key });
      if (!existing) {
        if (attempt < 3) return this.claim(clientId, key, requestHash, attempt + 1);
        throw insertError;
      }
      if (existing.expiresAt < now.toISOString()) {
        await this.write((records) => records.delete({ clientId, idempotencyKey: key, expiresAt: existing.expiresAt }));
        return this.claim(clientId, key, requestHash, attempt + 1);
      }
      if (existing.requestHash !== requestHash) {
        throw new IdempotencyException(
          IdempotencyExceptionCode.IDEMPOTENCY_KEY_REUSED,
          'This Idempotency-Key was used with a different request',
        );
      }
      if (existing.state === 'in_flight') {
        throw new IdempotencyException(
          IdempotencyExceptionCode.IDEMPOTENCY_REQUEST_IN_PROGRESS,
          'The first request with this Idempotency-Key is still running',
        );
      }
      return existing;
    }
  }
}

function hashOf(request: ContextualRequest): string {
  const route = request.routeOptions.url ?? request.url.split('?')[0];
  return createHash('sha256')
    .update(`${request.method} ${route} ${stableJson(request.params)} ${stableJson(request.body)}`)
    .digest('hex');
}

/** JSON with object keys sorted, so `{a,b}` and `{b,a}` are the same request. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
