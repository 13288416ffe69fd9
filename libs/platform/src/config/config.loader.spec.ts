import 'reflect-metadata';
import { IsOptional, Matches } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { BaseConfig } from './base.config';
import { ConfigValidationError, loadConfig } from './config.loader';
import { IsHttpUrl, IsPort } from './port';

/** A small app config, shaped like the real ones. */
class SystemApiTestConfig extends BaseConfig {
  @IsPort()
  SYSTEM_API_PORT: number = 3001;

  @IsHttpUrl()
  EHR_FHIR_BASE_URL: string = 'http://127.0.0.1:3100/fhir/R4';

  @IsOptional()
  @IsHttpUrl()
  PROCESS_API_URL?: string;
}

/** A config with a setting that has no default and one whose name marks it secret. */
class SecretsTestConfig extends BaseConfig {
  @IsHttpUrl()
  BILLING_API_URL!: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9]{32}$/, { message: 'BILLING_API_TOKEN must be 32 letters or digits' })
  BILLING_API_TOKEN?: string;
}

/** The config error `loadConfig` throws for `env`; fails the test when it does not throw one. */
function failure(env: Record<string, string | undefined>, configClass: new () => object = SystemApiTestConfig): ConfigValidationError {
  try {
    loadConfig(configClass, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigValidationError);
    return error as ConfigValidationError;
  }
  throw new Error('expected a ConfigValidationError');
}

describe('loadConfig', () => {
  it('applies every default to an empty environment', () => {
    const config = loadConfig(SystemApiTestConfig, {});
    expect(config).toBeInstanceOf(SystemApiTestConfig);
    // Exactly the declared settings with their defaults: nothing added, nothing lost.
    expect({ ...config }).toStrictEqual({ ...new SystemApiTestConfig() });
    expect({ ...config }).toMatchObject({
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      DATA_DIR: './data',
      DATABASE_URL: undefined,
      DATABASE_SCHEMA: undefined,
      CORS_ORIGINS: [],
      BODY_LIMIT_BYTES: 1024 * 1024,
      DOWNSTREAM_TIMEOUT_MS: 10_000,
      AUTH_ISSUER: 'http://127.0.0.1:3001',
      AUTH_AUDIENCE: 'concord',
      AUTH_JWKS_URL: undefined,
      SYSTEM_API_PORT: 3001,
      EHR_FHIR_BASE_URL: 'http://127.0.0.1:3100/fhir/R4',
      PROCESS_API_URL: undefined,
    });
  });

  it('treats empty strings and undefined as unset', () => {
    const config = loadConfig(SystemApiTestConfig, {
      SYSTEM_API_PORT: '',
      LOG_LEVEL: '',
      DATABASE_URL: '',
      CORS_ORIGINS: '',
      HOST: undefined,
    });
    expect(config.SYSTEM_API_PORT).toBe(3001);
    expect(config.LOG_LEVEL).toBe('info');
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.CORS_ORIGINS).toStrictEqual([]);
    expect(config.HOST).toBe('127.0.0.1');
  });

  it('reads process.env when no environment is given', () => {
    const saved = process.env['LOG_LEVEL'];
    process.env['LOG_LEVEL'] = 'trace';
    try {
      const config = loadConfig(SystemApiTestConfig);
      expect(config.LOG_LEVEL).toBe('trace');
      // Only the declared settings are taken from it, not the rest of the process environment.
      expect(Object.keys(config).filter((name) => !(name in new SystemApiTestConfig()))).toStrictEqual([]);
    } finally {
      if (saved === undefined) delete process.env['LOG_LEVEL'];
      else process.env['LOG_LEVEL'] = saved;
    }
  });

  it.each([
    { variable: 'SYSTEM_API_PORT', value: '8080', expected: 8080 },
    { variable: 'SYSTEM_API_PORT', value: '0', expected: 0 },
    { variable: 'SYSTEM_API_PORT', value: '65535', expected: 65535 },
    { variable: 'BODY_LIMIT_BYTES', value: '2048', expected: 2048 },
    { variable: 'DOWNSTREAM_TIMEOUT_MS', value: '100', expected: 100 },
    { variable: 'DOWNSTREAM_TIMEOUT_MS', value: '120000', expected: 120_000 },
  ] as const)('converts $variable=$value to the number $expected', ({ variable, value, expected }) => {
    expect(loadConfig(SystemApiTestConfig, { [variable]: value })[variable]).toBe(expected);
  });

  it.each([
    { value: 'https://portal.example.org', expected: ['https://portal.example.org'] },
    { value: 'https://a.example.org,http://localhost:5173', expected: ['https://a.example.org', 'http://localhost:5173'] },
    { value: ' https://a.example.org , https://b.example.org ,', expected: ['https://a.example.org', 'https://b.example.org'] },
  ])('splits CORS_ORIGINS "$value" on commas', ({ value, expected }) => {
    expect(loadConfig(SystemApiTestConfig, { CORS_ORIGINS: value }).CORS_ORIGINS).toStrictEqual(expected);
  });

  it.each([
    { variable: 'EHR_FHIR_BASE_URL', value: 'https://ehr.example.org' },
    { variable: 'EHR_FHIR_BASE_URL', value: 'http://10.0.0.5:8080/fhir/R4' },
    { variable: 'PROCESS_API_URL', value: 'http://process-api:3002' },
    { variable: 'DATABASE_URL', value: 'postgresql://concord:secret@db:5432/concord' },
    { variable: 'DATABASE_URL', value: 'postgres://db/concord' },
    { variable: 'DATABASE_SCHEMA', value: 'system_api' },
    { variable: 'NODE_ENV', value: 'production' },
    { variable: 'LOG_LEVEL', value: 'silent' },
  ] as const)('accepts $variable=$value', ({ variable, value }) => {
    expect(loadConfig(SystemApiTestConfig, { [variable]: value })[variable]).toBe(value);
  });

  it.each([
    { variable: 'SYSTEM_API_PORT', value: 'eighty' },
    { variable: 'SYSTEM_API_PORT', value: '70000' },
    { variable: 'SYSTEM_API_PORT', value: '-1' },
    { variable: 'SYSTEM_API_PORT', value: '80.5' },
    { variable: 'EHR_FHIR_BASE_URL', value: 'https://ehr.example.org/fhir/' },
    { variable: 'EHR_FHIR_BASE_URL', value: 'https://ehr.example.org/' },
    { variable: 'EHR_FHIR_BASE_URL', value: 'ftp://ehr.example.org/fhir' },
    { variable: 'EHR_FHIR_BASE_URL', value: 'ehr.example.org/fhir' },
    { variable: 'EHR_FHIR_BASE_URL', value: 'https://ehr example.org/fhir' },
    { variable: 'PROCESS_API_URL', value: 'http://process-api:3002/' },
    { variable: 'NODE_ENV', value: 'staging' },
    { variable: 'LOG_LEVEL', value: 'verbose' },
    { variable: 'DATABASE_URL', value: 'mysql://db/concord' },
    { variable: 'DATABASE_SCHEMA', value: 'System-API' },
    { variable: 'CORS_ORIGINS', value: 'https://portal.example.org/' },
    { variable: 'CORS_ORIGINS', value: 'https://ok.example.org,*' },
    { variable: 'BODY_LIMIT_BYTES', value: '1023' },
    { variable: 'DOWNSTREAM_TIMEOUT_MS', value: '99' },
    { variable: 'DOWNSTREAM_TIMEOUT_MS', value: '120001' },
  ])('rejects $variable=$value, naming the variable', ({ variable, value }) => {
    const error = failure({ [variable]: value });
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatch(new RegExp(`^${variable}: `));
    expect(error.message).toContain(variable);
  });

  it('explains a trailing-slash URL and shows the value it got', () => {
    const error = failure({ EHR_FHIR_BASE_URL: 'https://ehr.example.org/fhir/' });
    expect(error.problems).toStrictEqual([
      'EHR_FHIR_BASE_URL: EHR_FHIR_BASE_URL must be an http(s) URL without a trailing slash (got "https://ehr.example.org/fhir/")',
    ]);
  });

  it('shows the raw text of a number that failed to convert, not NaN', () => {
    expect(failure({ SYSTEM_API_PORT: 'eighty' }).problems[0]).toContain('(got "eighty")');
  });

  it('says when a required setting is not set', () => {
    const error = failure({}, SecretsTestConfig);
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatch(/^BILLING_API_URL: .*\(it is not set\)$/);
  });

  it.each([
    { variable: 'DATABASE_URL', value: 'mysql://admin:hunter2@db/concord' },
    { variable: 'BILLING_API_TOKEN', value: 'hunter2-is-not-32-characters' },
  ])('never prints the value of the sensitive setting $variable', ({ variable, value }) => {
    const error = failure({ BILLING_API_URL: 'https://billing.example.org', [variable]: value }, SecretsTestConfig);
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatch(new RegExp(`^${variable}: .*\\(the value is hidden\\)$`));
    expect(error.message).not.toContain('hunter2');
  });

  it('reports every problem at once, one line each', () => {
    const error = failure({ SYSTEM_API_PORT: 'eighty', LOG_LEVEL: 'loud', EHR_FHIR_BASE_URL: 'http://ehr/', DATABASE_SCHEMA: 'x' });
    expect(error.problems.map((problem) => problem.split(':')[0]).sort()).toStrictEqual([
      'EHR_FHIR_BASE_URL',
      'LOG_LEVEL',
      'SYSTEM_API_PORT',
    ]);
    expect(error.name).toBe('ConfigValidationError');
    expect(error.message.split('\n')).toStrictEqual(['Invalid configuration:', ...error.problems.map((problem) => `  - ${problem}`)]);
  });

  it('does not fail on environment variables the config does not declare', () => {
    expect(loadConfig(SystemApiTestConfig, { PATH: '/usr/bin', HOME: '/root', SYSTEM_API_PORT: '4000' }).SYSTEM_API_PORT).toBe(4000);
  });

  it('copies only declared settings: undeclared variables do not end up on the config', () => {
    const config = loadConfig(SystemApiTestConfig, {
      PATH: '/usr/bin',
      HOME: '/root',
      SECRET_THING: 's3cr3t',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI',
      SYSTEM_API_PORT: '4000',
    });
    expect(config.SYSTEM_API_PORT).toBe(4000);
    for (const name of ['PATH', 'HOME', 'SECRET_THING', 'AWS_SECRET_ACCESS_KEY']) expect(config).not.toHaveProperty(name);
    expect(JSON.stringify(config)).not.toContain('s3cr3t');
    expect(Object.keys(config).sort()).toStrictEqual(Object.keys(new SystemApiTestConfig()).sort());
  });

  it('reads inherited settings, and ignores a property that has no validation of its own', () => {
    class WithPlainProperty extends SystemApiTestConfig {
      /** Not a setting: no class-validator decorator. */
      internalNote = 'built-in';
    }
    const config = loadConfig(WithPlainProperty, { internalNote: 'from the environment', LOG_LEVEL: 'debug', SYSTEM_API_PORT: '4000' });
    expect(config.internalNote).toBe('built-in');
    expect(config.LOG_LEVEL).toBe('debug');
    expect(config.SYSTEM_API_PORT).toBe(4000);
  });
});
