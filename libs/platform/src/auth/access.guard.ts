import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { argumentsOf, type ContextualRequest, requestOf } from '../context/execution-request';
import { AuthException, AuthExceptionCode } from './auth.exception';
import { PATIENT_CONTEXT, type PatientContextPolicy, PUBLIC_ROUTE, REQUIRED_SCOPES } from './access.decorators';
import { BearerAuthenticator } from './bearer.strategy';
import { isClinicalContext, parseScope, scopeSatisfied } from './scopes';

/**
 * The one gate of every route and resolver: a valid bearer token (via passport), every required
 * scope, and for patient-context tokens the right patient. Fails closed: a route without an
 * access policy is refused.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly bearer: BearerAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE, targets)) return true;
    const request = requestOf(context);
    if (!request) throw new AuthException(AuthExceptionCode.TOKEN_MISSING, 'A bearer access token is required (RFC 6750)');
    // A GraphQL request passes this guard once per guarded field: its token is verified the first time only.
    const principal = request.authenticated ?? (await this.bearer.authenticate(request));
    request.user = principal;
    request.authenticated = principal;
    if (request.concordContext) {
      request.concordContext.principal = principal;
      request.concordContext.accessToken = bearerTokenOf(request);
    }

    const required = this.reflector.getAllAndOverride<string[] | undefined>(REQUIRED_SCOPES, targets);
    if (!required) throw new AuthException(AuthExceptionCode.NO_ACCESS_POLICY, 'This operation has no access policy and is refused');
    const missing = required.filter((scope) => !scopeSatisfied(principal.scopes, scope));
    if (missing.length) throw new AuthException(AuthExceptionCode.INSUFFICIENT_SCOPE, `Missing scope: ${missing.join(' ')}`);

    if (principal.patientId && required.some((scope) => isClinicalContext(parseScope(scope)?.prefix ?? ''))) {
      const policy = this.reflector.get<PatientContextPolicy | undefined>(PATIENT_CONTEXT, context.getHandler());
      const requested = policy?.param ? argumentsOf(context).params[policy.param] : undefined;
      if (!policy?.param || requested !== principal.patientId) {
        throw new AuthException(AuthExceptionCode.PATIENT_NOT_IN_CONTEXT, 'This token is bound to another patient or cannot be used here');
      }
    }
    return true;
  }
}

function bearerTokenOf(request: ContextualRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.toLowerCase().startsWith('bearer ') ? header.slice(7).trim() : undefined;
}
