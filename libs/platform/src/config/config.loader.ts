import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';

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
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const config = plainToInstance(configClass, present, { exposeDefaultValues: true, enableImplicitConversion: false });
  const errors = validateSync(config, { whitelist: false, forbidUnknownValues: true });
  if (errors.length > 0) throw new ConfigValidationError(errors.flatMap(describe));
  return config;
}

function describe(error: ValidationError): string[] {
  const messages = Object.values(error.constraints ?? {});
  const own = messages.length ? [`${error.property}: ${messages.join('; ')} (got ${JSON.stringify(error.value)})`] : [];
  return own.concat((error.children ?? []).flatMap(describe));
}
