export * from './s4-odata.server';
export type { InjectedFault, RateLimitOptions } from './http/fault-switch';
export type { RecordedRequest } from './http/request-log';
export type { S4AuthOptions } from './http/auth-guard';
