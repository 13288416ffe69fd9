import { type CronSchedule, parseCron } from './cron-schedule';

export interface FlowSchedule {
  flowType: string;
  cron: CronSchedule;
}

/**
 * Parses FLOW_SCHEDULES: `<flow type>=<cron>` entries separated by `;`, e.g.
 * `cost-allocation=0 2 1 * *`. Empty: no scheduled flows.
 */
export function parseFlowSchedules(text: string): FlowSchedule[] {
  return text
    .split(';')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const at = entry.indexOf('=');
      if (at <= 0) throw new RangeError(`FLOW_SCHEDULES entry "${entry}" must be <flow type>=<cron expression>`);
      const flowType = entry.slice(0, at).trim();
      try {
        return { flowType, cron: parseCron(entry.slice(at + 1)) };
      } catch (error) {
        throw new RangeError(`FLOW_SCHEDULES entry for ${flowType}: ${(error as Error).message}`, { cause: error });
      }
    });
}
