import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

export const DEPRECATION = Symbol('concord:deprecation');

export interface DeprecationPolicy {
  /** Day the operation was deprecated (YYYY-MM-DD). */
  since: string;
  /** Day after which it may stop answering (YYYY-MM-DD). */
  sunset: string;
  /** Path of the successor, with the same parameters in braces: `/ehr/v2/patients/{id}`. */
  successor: string;
}

/**
 * Marks a versioned operation deprecated: answers carry `Deprecation` (RFC 9745), `Sunset`
 * (RFC 8594) and `Link: <successor>; rel="successor-version"`, and the OpenAPI operation says so.
 */
export function Deprecated(policy: DeprecationPolicy): MethodDecorator {
  return applyDecorators(
    SetMetadata(DEPRECATION, policy),
    ApiExtension('x-sunset', policy.sunset),
    ApiExtension('x-successor', policy.successor),
  );
}
