export * from './cloud-event';
export * from './in-process-event-bus';
