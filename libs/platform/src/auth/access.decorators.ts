import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';

export const PUBLIC_ROUTE = Symbol('concord:public');
export const REQUIRED_SCOPES = Symbol('concord:required-scopes');
export const PATIENT_CONTEXT = Symbol('concord:patient-context');

/** No token needed: probes, metrics, discovery documents and the token endpoint only. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);

/**
 * The scopes a caller needs, all of them (SMART v2 for clinical resources, `<domain>/<Resource>.<cruds>`
 * otherwise). Every route and resolver carries this or `@Public()`; a route with neither is refused.
 */
export function RequireScopes(...scopes: string[]): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(REQUIRED_SCOPES, scopes), ApiBearerAuth('oauth2'), ApiExtension('x-required-scopes', scopes));
}

export interface PatientContextPolicy {
  /** Route parameter or GraphQL argument naming the patient; patient-bound tokens must match it. */
  param?: string;
}

/**
 * How a patient-context token (one bound to a single patient) may use this route: only for the
 * patient named by `param`, or, without `param`, not at all. Clinical routes without this
 * decorator refuse patient-context tokens.
 */
export const PatientContext = (policy: PatientContextPolicy = {}): MethodDecorator => SetMetadata(PATIENT_CONTEXT, policy);
