import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { catchError, from, mergeMap, type Observable, throwError } from 'rxjs';
import { argumentsOf, requestOf, routeOf } from '../context/execution-request';
import { DomainException } from '../problem/domain.exception';
import { ErrorCategory } from '../problem/error-category';
import { AuditTrail } from './audit-trail.service';
import type { AuditOutcome } from './audit-event.entity';
import { PHI_ACCESS, type PhiAccessMetadata } from './phi-access.decorator';

/** Writes an audit record for every call of a `@PhiAccess` route or resolver, successful or not. */
@Injectable()
export class PhiAuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditTrail,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const access = this.reflector.get<PhiAccessMetadata | undefined>(PHI_ACCESS, context.getHandler());
    if (!access) return next.handle();
    const { params, query } = argumentsOf(context);
    const idValue = access.idParameter ? params[access.idParameter] : undefined;
    const entityId = typeof idValue === 'string' ? idValue.slice(0, 128) : undefined;
    const purpose = requestOf(context)?.concordContext?.purposeOfUse;
    const base = {
      action: access.action,
      subtype: access.subtype,
      entityType: access.entityType,
      entityId,
      patientId: access.entityType === 'Patient' ? entityId : undefined,
      purposeOfUse: purpose,
      queryParameters: access.idParameter ? undefined : Object.keys(query).filter((key) => query[key] !== undefined),
      route: routeOf(context),
    };
    const write = (outcome: AuditOutcome) => from(this.audit.record({ ...base, outcome }));
    return next.handle().pipe(
      mergeMap((result: unknown) => write('0').pipe(mergeMap(() => [result]))),
      catchError((error: unknown) => write(outcomeOf(error)).pipe(mergeMap(() => throwError(() => error)))),
    );
  }
}

function outcomeOf(error: unknown): AuditOutcome {
  if (error instanceof DomainException) {
    switch (error.category) {
      case ErrorCategory.INVALID_INPUT:
      case ErrorCategory.NOT_FOUND:
      case ErrorCategory.METHOD_NOT_ALLOWED:
      case ErrorCategory.CONFLICT:
      case ErrorCategory.PAYLOAD_TOO_LARGE:
      case ErrorCategory.UNSUPPORTED_MEDIA_TYPE:
      case ErrorCategory.UNPROCESSABLE:
      case ErrorCategory.RATE_LIMITED:
        return '4';
      case ErrorCategory.UNAUTHENTICATED:
      case ErrorCategory.FORBIDDEN:
      case ErrorCategory.UPSTREAM_ERROR:
      case ErrorCategory.UPSTREAM_UNAVAILABLE:
      case ErrorCategory.UPSTREAM_TIMEOUT:
        return '8';
      case ErrorCategory.INTERNAL:
        return '12';
    }
  }
  return '12';
}
