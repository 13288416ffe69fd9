/**
 * A cron-like schedule in five fields (minute hour day-of-month month day-of-week, UTC), each `*`,
 * a number, a range `a-b`, a list `a,b` or a step `*\/n` / `a-b/n`. `0 2 1 * *` is 02:00 UTC on the
 * first of every month (the month-end close). Day-of-month and day-of-week both restrict when both are given.
 */
export interface CronSchedule {
  expression: string;
  minutes: Set<number>;
  hours: Set<number>;
  daysOfMonth: Set<number>;
  months: Set<number>;
  daysOfWeek: Set<number>;
}

const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'day of week', min: 0, max: 6 },
] as const;

const MINUTE_MS = 60_000;

function parseField(text: string, field: (typeof FIELDS)[number]): Set<number> {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const match = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!match) throw new RangeError(`${field.name} "${part}" is not *, n, a-b, a,b or */n`);
    const from = match[1] === '*' ? field.min : Number(match[2]);
    const to = match[1] === '*' ? field.max : match[3] !== undefined ? Number(match[3]) : match[4] !== undefined ? field.max : from;
    const step = match[4] !== undefined ? Number(match[4]) : 1;
    if (from < field.min || to > field.max || from > to || step < 1)
      throw new RangeError(`${field.name} "${part}" is outside ${field.min}-${field.max}`);
    for (let value = from; value <= to; value += step) values.add(value);
  }
  return values;
}

/** Parses a five-field expression; throws a RangeError naming the field that is wrong. */
export function parseCron(expression: string): CronSchedule {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) throw new RangeError(`"${expression}" must have five fields: minute hour day-of-month month day-of-week`);
  const [minutes, hours, daysOfMonth, months, daysOfWeek] = parts.map((part, index) => parseField(part, FIELDS[index]));
  return { expression, minutes, hours, daysOfMonth, months, daysOfWeek };
}

export function matches(schedule: CronSchedule, at: Date): boolean {
  return (
    schedule.minutes.has(at.getUTCMinutes()) &&
    schedule.hours.has(at.getUTCHours()) &&
    schedule.daysOfMonth.has(at.getUTCDate()) &&
    schedule.months.has(at.getUTCMonth() + 1) &&
    schedule.daysOfWeek.has(at.getUTCDay())
  );
}

/**
 * The latest minute at or before `now` the schedule fires, looking back at most `withinMs`; undefined
 * when it did not fire in that window (a process-api that was down longer misses the run: start it by hand).
 */
export function lastFireTime(schedule: CronSchedule, now: Date, withinMs: number): Date | undefined {
  const start = Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS;
  for (let at = start; at >= now.getTime() - withinMs; at -= MINUTE_MS) {
    const candidate = new Date(at);
    if (matches(schedule, candidate)) return candidate;
  }
  return undefined;
}
