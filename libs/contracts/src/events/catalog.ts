import { BILLING_EVENTS } from './billing.events';
import { EHR_EVENTS } from './ehr.events';
import { ERP_EVENTS } from './erp.events';
import type { EventContract } from './event-contract';
import { PROCESS_EVENTS } from './process.events';
import { WORKFORCE_EVENTS } from './workforce.events';
import { FILES_EVENTS } from './files.events';

/** Every event type of the deployment: what the AsyncAPI catalog publishes and every app validates against. */
export const EVENT_CATALOG: readonly EventContract[] = [
  ...EHR_EVENTS,
  ...BILLING_EVENTS,
  ...ERP_EVENTS,
  ...WORKFORCE_EVENTS,
  ...PROCESS_EVENTS,
  ...FILES_EVENTS,
];
