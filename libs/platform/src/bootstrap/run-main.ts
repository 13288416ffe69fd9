import { ConfigValidationError } from '../config/config.loader';

/** sysexits.h EX_CONFIG: the process refused to start because of its configuration. */
export const EXIT_CONFIG = 78;

/**
 * Entry point of every app: starts it, stops it cleanly on SIGINT/SIGTERM, and turns a
 * configuration error into one readable message naming the variables instead of a stack trace.
 */
export function runMain(app: string, start: () => Promise<() => Promise<unknown>>): void {
  start().then(
    (stop) => {
      let stopping = false;
      const shutdown = () => {
        if (stopping) return;
        stopping = true;
        stop().then(
          () => process.exit(0),
          (error: unknown) => {
            process.stderr.write(`${app}: error while stopping: ${String(error)}\n`);
            process.exit(1);
          },
        );
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    },
    (error: unknown) => {
      if (error instanceof ConfigValidationError) {
        process.stderr.write(`${app}: ${error.message}\n`);
        process.exit(EXIT_CONFIG);
      }
      process.stderr.write(`${app} failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
