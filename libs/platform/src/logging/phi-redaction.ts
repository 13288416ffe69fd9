/**
 * Log paths that may carry PHI (HIPAA identifiers) or secrets. pino replaces their values with
 * "[REDACTED]" wherever they appear up to two levels deep in a log object.
 */
const SENSITIVE_KEYS = [
  'name',
  'names',
  'given',
  'family',
  'birthDate',
  'birthdate',
  'dob',
  'mrn',
  'identifier',
  'identifiers',
  'ssn',
  'telecom',
  'phone',
  'email',
  'address',
  'addresses',
  'memberId',
  'subscriberId',
  'patient',
  'authorization',
  'cookie',
  'password',
  'clientSecret',
  'client_secret',
  'DATABASE_URL',
];

export const PHI_REDACT_PATHS: string[] = SENSITIVE_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]).concat([
  'req.headers.authorization',
  'req.headers.cookie',
]);
