/**
 * Named places where a crash test kills the process with SIGKILL, the way `kill -9` would, at the
 * exact moment that matters (between a commit and a publish, between an effect and an ack).
 * `CONCORD_CRASH_POINT=<name>` or `<name>@<n>` (on the n-th pass); unset in every real deployment,
 * where this costs one comparison.
 */
const configured = parse(process.env.CONCORD_CRASH_POINT);
let passes = 0;

export const CRASH_POINTS = [
  'outbox.after-commit',
  'relay.after-publish',
  'inbox.after-accept',
  'consumer.after-effect',
  'consumer.after-commit',
  'flow.after-step-call',
  'flow.after-step-record',
  'files.after-claim',
  'files.before-commit',
  'files.after-commit',
] as const;
export type CrashPoint = (typeof CRASH_POINTS)[number];

export function crashPoint(name: CrashPoint): void {
  if (!configured || configured.name !== name) return;
  passes += 1;
  if (passes >= configured.pass) process.kill(process.pid, 'SIGKILL');
}

function parse(value: string | undefined): { name: string; pass: number } | undefined {
  if (!value) return undefined;
  const [name, pass] = value.split('@');
  return { name: name, pass: Number(pass ?? 1) || 1 };
}
