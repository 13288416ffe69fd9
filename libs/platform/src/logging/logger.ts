import pino, { type DestinationStream, type Logger } from 'pino';
import { RequestContextStore } from '../context/request-context';
import { PHI_REDACT_PATHS } from './phi-redaction';

export type AppLogger = Logger;

export interface LoggerOptions {
  app: string;
  level: string;
  /** Where JSON lines go; stdout when absent. Tests pass a capturing stream. */
  destination?: DestinationStream;
}

/** pino JSON logger with PHI redaction and the request context mixed into every line. */
export function createLogger(options: LoggerOptions): AppLogger {
  return pino(
    {
      level: options.level,
      redact: { paths: PHI_REDACT_PATHS, censor: '[REDACTED]' },
      base: { app: options.app },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const context = RequestContextStore.current();
        return context ? { requestId: context.requestId, traceId: context.traceId } : {};
      },
    },
    options.destination,
  );
}
