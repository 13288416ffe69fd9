import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { parse, type Info } from 'csv-parse';
import { FileConnectorException, FileConnectorExceptionCode as Code } from '../file-connector.exception';
import { convertField, type FieldValue } from './field-value';
import type { FieldLayout, FileLayout } from './file-layout';

/** Why one row was rejected: its line in the file, the field (absent for the whole row) and the reason. */
export interface RowError {
  line: number;
  field?: string;
  reason: string;
}

/** One row of a file: its values when every field is valid, otherwise every reason it is not. */
export type ParsedRow = { line: number; values: Record<string, FieldValue | undefined> } | { line: number; errors: RowError[] };

/** How many parsed rows may wait for the consumer before the parser pauses: memory stays flat in file size. */
const HIGH_WATER = 1_000;

/**
 * Reads a file in its layout, one row at a time, with bounded memory. A bad row yields its errors
 * and reading goes on; a file that cannot be read at all (a required column missing from the CSV
 * header) throws UNREADABLE_FILE. A truncated last record (an unclosed quote) ends as a row error.
 */
export function readRecords(input: Readable, layout: FileLayout): AsyncGenerator<ParsedRow> {
  return layout.format === 'csv' ? readCsv(input, layout) : readFixedWidth(input, layout);
}

interface CsvRecord {
  record: string[];
  info: Info;
}

async function* readCsv(input: Readable, layout: FileLayout): AsyncGenerator<ParsedRow> {
  const head = await peek(input);
  const delimiter = layout.delimiter === 'auto' || !layout.delimiter ? sniffDelimiter(head) : layout.delimiter;
  const parser = parse({
    bom: true,
    delimiter,
    encoding: layout.encoding === 'latin1' ? 'latin1' : 'utf8',
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
  });
  let columns: (FieldLayout | undefined)[] | undefined;
  let previousEnd = 0;
  let previousEmpty = 0;
  try {
    for await (const { record, info } of drain<CsvRecord>(input, parser)) {
      const line = previousEnd + 1 + (info.empty_lines - previousEmpty);
      previousEnd = info.lines;
      previousEmpty = info.empty_lines;
      if (!columns) {
        columns = mapHeader(record, layout);
        continue;
      }
      const values = new Map<FieldLayout, string>();
      record.forEach((raw, index) => {
        const field = columns![index];
        if (field) values.set(field, raw);
      });
      yield convertRow(line, layout.fields, (field) => values.get(field) ?? '');
    }
  } catch (error) {
    if (error instanceof FileConnectorException) throw error;
    const code = (error as { code?: string }).code;
    if (code !== 'CSV_QUOTE_NOT_CLOSED' && code !== 'CSV_INVALID_CLOSING_QUOTE') throw error;
    // The rows before the damage stand; the damaged record is reported where it starts.
    yield { line: previousEnd + 1, errors: [{ line: previousEnd + 1, reason: csvReason(code) }] };
  }
}

function csvReason(code: string): string {
  return code === 'CSV_QUOTE_NOT_CLOSED'
    ? 'the record is truncated: a quoted field is not closed before the end of the file'
    : 'a quoted field is followed by text before the next delimiter';
}

/** Maps header cells to layout fields; every required field must have its column. */
function mapHeader(header: string[], layout: FileLayout): (FieldLayout | undefined)[] {
  const normalise = (text: string) =>
    text
      .trim()
      .toLowerCase()
      .replace(/[\s_-]+/g, '');
  const columns = header.map((cell) => layout.fields.find((field) => field.headers?.some((h) => normalise(h) === normalise(cell))));
  const missing = layout.fields.filter((field) => field.required && !columns.includes(field));
  if (missing.length)
    throw new FileConnectorException(
      Code.UNREADABLE_FILE,
      `The header has no column for ${missing.map((f) => `${f.name} (${f.headers!.join(' / ')})`).join(', ')}`,
      missing.map((f) => ({ in: 'body' as const, name: f.name, detail: `no column headed ${f.headers!.join(' or ')}` })),
    );
  return columns;
}

async function* readFixedWidth(input: Readable, layout: FileLayout): AsyncGenerator<ParsedRow> {
  input.setEncoding(layout.encoding === 'latin1' ? 'latin1' : 'utf8');
  const width = Math.max(...layout.fields.filter((f) => f.required).map((f) => f.start! - 1 + f.length!), 0);
  let line = 0;
  for await (const raw of createInterface({ input, crlfDelay: Infinity })) {
    line += 1;
    const text = line === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (text.trim() === '' || layout.skipRecordTypes?.some((prefix) => text.startsWith(prefix))) continue;
    if (text.length < width) {
      yield { line, errors: [{ line, reason: `the record is ${text.length} characters long; the layout needs at least ${width}` }] };
      continue;
    }
    yield convertRow(line, layout.fields, (field) => text.slice(field.start! - 1, field.start! - 1 + field.length!));
  }
}

function convertRow(line: number, fields: FieldLayout[], rawOf: (field: FieldLayout) => string): ParsedRow {
  const values: Record<string, FieldValue | undefined> = {};
  const errors: RowError[] = [];
  for (const field of fields) {
    const converted = convertField(field, rawOf(field));
    if ('error' in converted) errors.push({ line, field: field.name, reason: `${field.name} ${converted.error}` });
    else values[field.name] = converted.value;
  }
  return errors.length ? { line, errors } : { line, values };
}

/** The stream's first line (or first 64 KiB), put back: enough to tell `;` from `,`. */
async function peek(input: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for (;;) {
    const chunk = await nextChunk(input);
    if (!chunk) break;
    chunks.push(chunk);
    size += chunk.length;
    if (chunk.includes(10) || size > 65_536) break;
  }
  if (!chunks.length) return '';
  const head = Buffer.concat(chunks);
  input.unshift(head);
  const text = head.toString('latin1');
  const end = text.search(/\r?\n/);
  return end < 0 ? text : text.slice(0, end);
}

async function nextChunk(input: Readable): Promise<Buffer | null> {
  for (;;) {
    const chunk = input.read() as Buffer | string | null;
    if (chunk !== null) return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    if (input.readableEnded || input.destroyed) return null;
    await new Promise<void>((resolve, reject) => {
      const done = () => {
        input.off('readable', done);
        input.off('end', done);
        input.off('error', fail);
        resolve();
      };
      const fail = (error: Error) => {
        input.off('readable', done);
        input.off('end', done);
        reject(error);
      };
      input.once('readable', done);
      input.once('end', done);
      input.once('error', fail);
    });
  }
}

function sniffDelimiter(headerLine: string): ',' | ';' {
  const count = (c: string) => headerLine.split(c).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

/**
 * Records of a transform stream as an async iterable that keeps records emitted before an error
 * (a for-await over the stream itself throws them away) and pauses the parser while the consumer
 * is behind.
 */
async function* drain<T>(input: Readable, parser: NodeJS.ReadWriteStream & Readable): AsyncGenerator<T> {
  const queue: T[] = [];
  let finished = false;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  parser.on('data', (record: T) => {
    queue.push(record);
    if (queue.length >= HIGH_WATER) parser.pause();
    notify();
  });
  parser.on('end', () => {
    finished = true;
    notify();
  });
  parser.on('error', (error: Error) => {
    failure = error;
    finished = true;
    notify();
  });
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  try {
    let index = 0;
    for (;;) {
      if (index < queue.length) {
        const record = queue[index++];
        if (index === queue.length) {
          queue.length = 0;
          index = 0;
          parser.resume();
        }
        yield record;
        continue;
      }
      if (finished) {
        if (failure) throw failure;
        return;
      }
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    input.unpipe(parser);
    parser.destroy();
  }
}
