/** An HL7 TS/DTM value split into its parts, at the precision the sender used. */
export interface Hl7Timestamp {
  year: number;
  month?: number;
  day?: number;
  hour?: number;
  minute?: number;
  second?: number;
  /** Fraction of a second as sent, without the dot ("4" in 20210817151943.4). */
  fraction?: string;
  /** Offset from UTC in minutes when the sender gave one (+0200 → 120). */
  offsetMinutes?: number;
}

const TS = /^(\d{4})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:\.(\d{1,4}))?)?)?)?)?)?(?:([+-])(\d{2})(\d{2}))?$/;

/** Parses YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]; undefined when the value is not a valid date/time. */
export function parseHl7Timestamp(value: string): Hl7Timestamp | undefined {
  const m = TS.exec(value.trim());
  if (!m) return undefined;
  const n = (s: string | undefined) => (s === undefined ? undefined : Number(s));
  const ts: Hl7Timestamp = { year: Number(m[1]), month: n(m[2]), day: n(m[3]), hour: n(m[4]), minute: n(m[5]), second: n(m[6]) };
  if (m[7] !== undefined) ts.fraction = m[7];
  if (m[8] !== undefined) {
    const hours = Number(m[9]);
    const minutes = Number(m[10]);
    if (hours > 14 || minutes > 59) return undefined;
    ts.offsetMinutes = (m[8] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  if (ts.month !== undefined && (ts.month < 1 || ts.month > 12)) return undefined;
  if (ts.day !== undefined && (ts.day < 1 || ts.day > daysIn(ts.year, ts.month ?? 1))) return undefined;
  if ((ts.hour ?? 0) > 23 || (ts.minute ?? 0) > 59 || (ts.second ?? 0) > 59) return undefined;
  return ts;
}

/** YYYY-MM-DD, or undefined when the timestamp is less precise than a day. */
export function timestampToIsoDate(ts: Hl7Timestamp): string | undefined {
  if (ts.month === undefined || ts.day === undefined) return undefined;
  return `${pad(ts.year, 4)}-${pad(ts.month)}-${pad(ts.day)}`;
}

/**
 * ISO 8601 at the sender's precision. With a UTC offset the instant is given in UTC (`…T06:30:00.000Z`);
 * without one it stays a local date-time with no zone, because inventing a zone would move the instant.
 */
export function timestampToIso(ts: Hl7Timestamp): string {
  if (ts.month === undefined) return pad(ts.year, 4);
  const date = `${pad(ts.year, 4)}-${pad(ts.month)}`;
  if (ts.day === undefined) return date;
  const day = `${date}-${pad(ts.day)}`;
  if (ts.hour === undefined) return day;
  const millis = ts.fraction === undefined ? 0 : Math.round(Number(`0.${ts.fraction}`) * 1000);
  if (ts.offsetMinutes !== undefined) {
    const utc = Date.UTC(ts.year, ts.month - 1, ts.day, ts.hour, ts.minute ?? 0, ts.second ?? 0, millis) - ts.offsetMinutes * 60_000;
    return new Date(utc).toISOString();
  }
  const time = `${pad(ts.hour)}:${pad(ts.minute ?? 0)}:${pad(ts.second ?? 0)}`;
  return `${day}T${time}${ts.fraction === undefined ? '' : `.${pad(millis, 3)}`}`;
}

const ISO = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/;

/**
 * Canonical ISO 8601 (date or date-time) → HL7 DTM, keeping the offset as written (Z becomes +0000) and
 * dropping a zero millisecond part. Throws a RangeError on a value that is not ISO 8601.
 */
export function formatHl7Timestamp(value: string | Date): string {
  const iso = typeof value === 'string' ? value : value.toISOString();
  const m = ISO.exec(iso);
  if (!m) throw new RangeError('not an ISO 8601 date or date-time');
  let out = m[1] + (m[2] ?? '') + (m[3] ?? '');
  if (m[4] !== undefined) {
    out += m[4] + m[5] + (m[6] ?? '00');
    const fraction = (m[7] ?? '').slice(0, 4).replace(/0+$/, '');
    if (fraction) out += `.${fraction}`;
    if (m[8] === 'Z') out += '+0000';
    else if (m[8]) out += m[8].replace(':', '');
  }
  return out;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}
