import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { map, type Observable } from 'rxjs';
import type { Principal } from '../auth/principal';
import { scopeSatisfied } from '../auth/scopes';
import { requestOf } from '../context/execution-request';

export const MASK_PHI = Symbol('concord:mask-phi');

export interface PhiMaskingPolicy {
  /** Scope that lets a caller see the fields unmasked, e.g. `phi/Patient.r`. */
  scope: string;
  /** Field names to mask wherever they appear in the response (from the canonical type's `@Phi()` marks). */
  fields: string[];
}

/** Masks the response's PHI fields for callers without `policy.scope`. */
export const MaskPhi = (policy: PhiMaskingPolicy): MethodDecorator => SetMetadata(MASK_PHI, policy);

const MASK = '****';
const DATE = /^\d{4}-\d{2}-\d{2}/;

/** Replaces every string under the named fields with a mask of the same shape; other values keep their type. */
export function maskFields(value: unknown, fields: ReadonlySet<string>, inside = false): unknown {
  if (Array.isArray(value)) return value.map((item) => maskFields(item, fields, inside));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, maskFields(child, fields, inside || fields.has(key))]));
  }
  if (inside && typeof value === 'string') return DATE.test(value) ? value.replace(/\d/g, '*') : MASK;
  return value;
}

@Injectable()
export class PhiMaskingInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const policy = this.reflector.get<PhiMaskingPolicy | undefined>(MASK_PHI, context.getHandler());
    const principal = requestOf(context)?.user as Principal | undefined;
    if (!policy || (principal && scopeSatisfied(principal.scopes, policy.scope))) return next.handle();
    const fields = new Set(policy.fields);
    if (context.getType<string>() === 'http') void context.switchToHttp().getResponse<FastifyReply>().header('phi-masked', 'true');
    return next.handle().pipe(map((result: unknown) => maskFields(result, fields)));
  }
}
