import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import type { FragmentDefinitionNode, OperationDefinitionNode } from 'graphql';
import { PUBLIC_ROUTE } from '../auth/access.decorators';
import type { Principal } from '../auth/principal';
import { requestOf } from '../context/execution-request';
import { operationCost } from './operation-cost';
import { RateLimiter } from './rate-limiter.service';
import { rateLimitPolicyHeader } from './sla-tiers';
import { UNTHROTTLED } from './unthrottled.decorator';
import { ThrottleException, ThrottleExceptionCode } from './throttle.exception';

/**
 * SLA-tier throttling after authentication: REST calls cost one unit, a GraphQL operation costs
 * the cost its server computed (`request.graphqlCost`), else its field count, and is charged once,
 * at its first resolver. Answers carry `RateLimit-Policy`
 * and `RateLimit`; a refusal is a 429 RATE_LIMITED with `Retry-After`.
 */
@Injectable()
export class ThrottleGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(UNTHROTTLED, targets)) return true;
    const request = requestOf(context);
    if (!request || request.rateCharged) return true;
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE, targets);
    // Public routes (the token endpoint above all) are counted per client address, against guessing.
    const principal = isPublic ? { clientId: `ip:${request.ip}`, tier: 'anonymous' } : (request.user as Principal | undefined);
    if (!principal) return true;
    request.rateCharged = true;

    const isGraphql = context.getType<string>() === 'graphql';
    const reply = isGraphql
      ? context.getArgByIndex<{ reply?: FastifyReply } | undefined>(2)?.reply
      : context.switchToHttp().getResponse<FastifyReply>();
    const cost = isGraphql ? (request.graphqlCost ?? graphqlCost(context)) : 1;
    const decision = await this.limiter.charge(principal.clientId, principal.tier, cost);
    if (!decision) return true;
    const { window, remaining, resetSeconds } = decision.tightest;
    reply?.header('ratelimit-policy', rateLimitPolicyHeader(decision.windows));
    reply?.header('ratelimit', `"${window.name}";r=${Math.max(0, remaining)};t=${resetSeconds}`);
    if (!decision.allowed) {
      reply?.header('retry-after', String(resetSeconds));
      throw new ThrottleException(
        ThrottleExceptionCode.RATE_LIMITED,
        `The ${principal.tier} tier allows ${window.quota} units per ${window.windowSeconds} s (${window.name}); retry in ${resetSeconds} s`,
      );
    }
    return true;
  }
}

function graphqlCost(context: ExecutionContext): number {
  const info = context.getArgByIndex<
    { operation?: OperationDefinitionNode; fragments?: Record<string, FragmentDefinitionNode> } | undefined
  >(3);
  return info?.operation ? operationCost(info.operation, info.fragments ?? {}) : 1;
}
