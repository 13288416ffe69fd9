import { usd, type MoneyDto } from '@concord/contracts';
import { describeHl7Location, type Hl7ErrorCode, type Hl7ErrorLocation } from './hl7-error-codes';
import { parseHl7Timestamp, timestampToIso, timestampToIsoDate } from './hl7-datetime';
import { Hl7MappingError, Hl7MappingErrorCode, hl7ErrorCodeForMapping } from './hl7-mapping.error';
import type { Hl7Message, Hl7Position, Hl7Segment } from './hl7-message';

/** A problem that does not stop a message from mapping (the data concerned is left out); ACKed as ERR severity W. */
export interface Hl7MappingWarning {
  code: Hl7ErrorCode;
  location: Hl7ErrorLocation;
  text: string;
}

/**
 * What every segment mapping needs: values with HL7's `""` null read as absent, typed readers that throw an
 * Hl7MappingError naming the segment occurrence and field, and a list of warnings.
 */
export class Hl7MappingContext {
  readonly warnings: Hl7MappingWarning[] = [];
  private readonly occurrences = new Map<Hl7Segment, number>();

  constructor(readonly message: Hl7Message) {
    const seen = new Map<string, number>();
    for (const segment of message.segments) {
      const n = (seen.get(segment.name) ?? 0) + 1;
      seen.set(segment.name, n);
      this.occurrences.set(segment, n);
    }
  }

  location(segment: Hl7Segment, field?: number, position: Hl7Position = {}): Hl7ErrorLocation {
    return {
      segmentIndex: segment.index,
      segmentName: segment.name,
      segmentOccurrence: this.occurrences.get(segment) ?? 1,
      ...(field === undefined ? {} : { field }),
      ...(position.rep && position.rep > 1 ? { repetition: position.rep } : {}),
      ...(position.component ? { component: position.component } : {}),
    };
  }

  /** The value, or undefined when absent, empty or HL7's explicit null `""`. */
  value(segment: Hl7Segment, field: number, position?: Hl7Position): string | undefined {
    const value = segment.get(field, position)?.trim();
    return value === '' || value === '""' ? undefined : value;
  }

  required(segment: Hl7Segment, field: number, position: Hl7Position, what: string): string {
    const value = this.value(segment, field, position);
    if (value === undefined) throw this.error(Hl7MappingErrorCode.MISSING_FIELD, segment, field, position, `${what} is required`);
    return value;
  }

  /** The first segment with this name, or an Hl7MappingError saying the message needs it. */
  requireSegment(name: string, why: string): Hl7Segment {
    const segment = this.message.getSegment(name);
    if (!segment)
      throw new Hl7MappingError(Hl7MappingErrorCode.MISSING_SEGMENT, `the ${name} segment is required ${why}`, { segmentName: name });
    return segment;
  }

  /** A TS/DTM as ISO 8601 (see timestampToIso); an unreadable optional value is left out with a warning. */
  dateTime(segment: Hl7Segment, field: number, what: string, options: { required?: boolean; component?: number } = {}): string | undefined {
    const position = { component: options.component ?? 1 };
    const raw = options.required ? this.required(segment, field, position, what) : this.value(segment, field, position);
    if (raw === undefined) return undefined;
    const ts = parseHl7Timestamp(raw);
    if (ts) return timestampToIso(ts);
    if (options.required)
      throw this.error(Hl7MappingErrorCode.INVALID_VALUE, segment, field, position, `${what} is not a valid HL7 date/time`);
    this.warn(Hl7MappingErrorCode.INVALID_VALUE, segment, field, `${what} is not a valid HL7 date/time and was left out`);
    return undefined;
  }

  /** A date (YYYY-MM-DD) from a DT/TS/DTM; a value less precise than a day is left out with a warning. */
  date(segment: Hl7Segment, field: number, what: string, options: { required?: boolean; component?: number } = {}): string | undefined {
    const position = { component: options.component ?? 1 };
    const raw = options.required ? this.required(segment, field, position, what) : this.value(segment, field, position);
    if (raw === undefined) return undefined;
    const ts = parseHl7Timestamp(raw);
    if (!ts) {
      if (options.required)
        throw this.error(Hl7MappingErrorCode.INVALID_VALUE, segment, field, position, `${what} is not a valid HL7 date`);
      this.warn(Hl7MappingErrorCode.INVALID_VALUE, segment, field, `${what} is not a valid HL7 date and was left out`);
      return undefined;
    }
    const date = timestampToIsoDate(ts);
    if (date === undefined) {
      if (options.required)
        throw this.error(Hl7MappingErrorCode.INVALID_VALUE, segment, field, position, `${what} must give at least a day`);
      this.warn(Hl7MappingErrorCode.INVALID_VALUE, segment, field, `${what} is less precise than a day and was left out`);
    }
    return date;
  }

  /** A decimal number (NM); throws when present but not a number. */
  number(segment: Hl7Segment, field: number, what: string, position: Hl7Position = {}): number | undefined {
    const raw = this.value(segment, field, position);
    if (raw === undefined) return undefined;
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(raw))
      throw this.error(Hl7MappingErrorCode.INVALID_VALUE, segment, field, position, `${what} is not a number`);
    return Number(raw);
  }

  /**
   * Money (MO: quantity & denomination, the first component of a CP) in integer cents, parsed from the decimal text
   * so that no float ever holds an amount. Only USD is accepted; more than two decimals must be zeros.
   */
  money(segment: Hl7Segment, field: number, what: string): MoneyDto | undefined {
    const amount = this.value(segment, field, { component: 1, sub: 1 });
    if (amount === undefined) return undefined;
    const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(amount);
    if (!m || (m[2] === '' && !m[3]) || (m[3] ?? '').slice(2).replace(/0/g, '') !== '') {
      throw this.error(Hl7MappingErrorCode.INVALID_VALUE, segment, field, { component: 1 }, `${what} is not an amount in whole cents`);
    }
    const currency = this.value(segment, field, { component: 1, sub: 2 }) ?? 'USD';
    if (currency.toUpperCase() !== 'USD')
      throw this.error(Hl7MappingErrorCode.UNKNOWN_CODE, segment, field, { component: 1 }, `${what} is in a currency other than USD`);
    const cents = Number(m[2] || '0') * 100 + Number(((m[3] ?? '') + '00').slice(0, 2));
    if (!Number.isSafeInteger(cents))
      throw this.error(Hl7MappingErrorCode.INVALID_VALUE, segment, field, { component: 1 }, `${what} is out of range`);
    return usd(m[1] === '-' ? -cents : cents);
  }

  warn(code: Hl7MappingErrorCode, segment: Hl7Segment, field: number | undefined, text: string): void {
    const location = this.location(segment, field);
    this.warnings.push({ code: hl7ErrorCodeForMapping(code), location, text: `${describeHl7Location(location)}: ${text}` });
  }

  error(code: Hl7MappingErrorCode, segment: Hl7Segment, field: number, position: Hl7Position, reason: string): Hl7MappingError {
    return new Hl7MappingError(code, reason, this.location(segment, field, position));
  }
}
