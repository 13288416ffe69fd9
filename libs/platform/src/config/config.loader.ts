import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { getMetadataStorage, validateSync, type ValidationError } from 'class-validator';
import { SENSITIVE_SETTINGS } from './base.config';

/** Thrown at start-up when configuration is wrong; its message names every offending variable. */
export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigValidationError';
  }
}

/**
 * Builds and validates a config class whose properties are named after environment variables.
 * Empty strings count as unset so that `FOO=` falls back to the default.
 */
export function loadConfig<T extends object>(configClass: ClassConstructor<T>, env: Record<string, string | undefined> = process.env): T {
  // Only declared settings are read: the config object must not carry the rest of the environment.
  const declared = new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(configClass, '', true, false)
      .map((m) => m.propertyName),
  );
  const present = Object.fromEntries(
    Object.entries(env).filter(([name, value]) => declared.has(name) && value !== undefined && value !== ''),
  );
  const config = plainToInstance(configClass, present, { exposeDefaultValues: true, enableImplicitConversion: false });
  const errors = validateSync(config, { whitelist: false, forbidUnknownValues: true });
  if (errors.length > 0) throw new ConfigValidationError(errors.flatMap((error) => describe(error, present)));
  return config;
}

/** Names the variable and shows what was set (the raw text, not the failed conversion of it). */
function describe(error: ValidationError, env: Record<string, string | undefined>): string[] {
  const messages = Object.values(error.constraints ?? {});
  const raw = env[error.property];
  const got = raw === undefined ? 'it is not set' : isSensitive(error.property) ? 'the value is hidden' : `got ${JSON.stringify(raw)}`;
  const own = messages.length ? [`${error.property}: ${messages.join('; ')} (${got})`] : [];
  return own.concat((error.children ?? []).flatMap((child) => describe(child, env)));
}

function isSensitive(name: string): boolean {
  return (SENSITIVE_SETTINGS as readonly string[]).includes(name) || /SECRET|PASSWORD|TOKEN|KEY/.test(name);
}
