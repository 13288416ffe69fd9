import { registerDecorator } from 'class-validator';

/** One limit of a tier: at most `quota` units per `windowSeconds`. */
export interface RateWindow {
  name: string;
  quota: number;
  windowSeconds: number;
}

/**
 * SLA tiers and their limits (per client, per app). A GraphQL operation costs one unit per
 * selected field; a REST call costs one. `platinum` is for Concord's own services.
 */
export const DEFAULT_SLA_TIERS: Record<string, RateWindow[]> = {
  platinum: [
    { name: 'burst', quota: 2000, windowSeconds: 1 },
    { name: 'minute', quota: 60000, windowSeconds: 60 },
  ],
  gold: [
    { name: 'burst', quota: 100, windowSeconds: 1 },
    { name: 'minute', quota: 3000, windowSeconds: 60 },
    { name: 'day', quota: 500000, windowSeconds: 86400 },
  ],
  silver: [
    { name: 'burst', quota: 30, windowSeconds: 1 },
    { name: 'minute', quota: 900, windowSeconds: 60 },
    { name: 'day', quota: 100000, windowSeconds: 86400 },
  ],
  /** Unauthenticated calls (token endpoint, discovery), counted per client IP address. */
  anonymous: [
    { name: 'burst', quota: 50, windowSeconds: 1 },
    { name: 'minute', quota: 1000, windowSeconds: 60 },
  ],
  bronze: [
    { name: 'burst', quota: 10, windowSeconds: 1 },
    { name: 'minute', quota: 120, windowSeconds: 60 },
    { name: 'day', quota: 10000, windowSeconds: 86400 },
  ],
};

/** `RateLimit-Policy` (draft-ietf-httpapi-ratelimit-headers): every window of the tier. */
export function rateLimitPolicyHeader(windows: RateWindow[]): string {
  return windows.map((w) => `"${w.name}";q=${w.quota};w=${w.windowSeconds}`).join(', ');
}

/** Parses THROTTLE_TIERS; returns undefined when it is not a map of tier → windows. */
export function parseSlaTiers(json: string): Record<string, RateWindow[]> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const tiers = Object.entries(value as Record<string, unknown>);
  const valid = tiers.every(
    ([, windows]) =>
      Array.isArray(windows) &&
      windows.length > 0 &&
      windows.every(
        (w: Partial<RateWindow>) =>
          typeof w.name === 'string' &&
          /^[a-z][a-z0-9-]{0,20}$/.test(w.name) &&
          Number.isInteger(w.quota) &&
          w.quota! > 0 &&
          Number.isInteger(w.windowSeconds) &&
          w.windowSeconds! > 0,
      ),
  );
  return valid ? (value as Record<string, RateWindow[]>) : undefined;
}

export function IsSlaTiers(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isSlaTiers',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must be JSON: {"tier":[{"name":"minute","quota":60,"windowSeconds":60}]}` },
      validator: { validate: (value: unknown) => typeof value === 'string' && parseSlaTiers(value) !== undefined },
    });
}
