/** Name of the running app (system-api, process-api, experience-api). */
export const APP_NAME = Symbol('concord:app-name');
/** The app's pino logger. */
export const APP_LOGGER = Symbol('concord:app-logger');
/** Multi-provider of HealthCheck instances, collected by the readiness probe. */
export const HEALTH_CHECKS = Symbol('concord:health-checks');
