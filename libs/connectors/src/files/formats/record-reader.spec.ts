import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { FileConnectorException } from '../file-connector.exception';
import { defineLayout } from './file-layout';
import { type ParsedRow, readRecords } from './record-reader';

const csvLayout = defineLayout({
  name: 'test-prices',
  version: 1,
  format: 'csv',
  delimiter: 'auto',
  fields: [
    { name: 'code', type: 'string', required: true, headers: ['Charge Code', 'code'], pattern: '[A-Z0-9-]+', maxLength: 20 },
    { name: 'description', type: 'string', headers: ['Description'] },
    { name: 'price', type: 'money', required: true, headers: ['Price'], min: 0 },
    { name: 'from', type: 'date', required: true, headers: ['Effective From'] },
  ],
});

const fixedLayout = defineLayout({
  name: 'test-hours',
  version: 1,
  format: 'fixed-width',
  skipRecordTypes: ['H', 'T'],
  fields: [
    { name: 'employee', type: 'string', required: true, start: 2, length: 6 },
    { name: 'date', type: 'date', required: true, start: 8, length: 8, dateFormat: 'YYYYMMDD' },
    { name: 'hours', type: 'decimal', scale: 2, impliedDecimals: true, required: true, start: 16, length: 5 },
  ],
});

async function rows(content: string | Buffer, layout = csvLayout, chunkSize = 7): Promise<ParsedRow[]> {
  const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content);
  // Small chunks: records and even characters are split across reads, as on a real socket.
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  const result: ParsedRow[] = [];
  for await (const row of readRecords(Readable.from(chunks), layout)) result.push(row);
  return result;
}

describe('readRecords: CSV', () => {
  it.each([
    ['comma', 'Charge Code,Description,Price,Effective From\nLAB-CBC,Complete blood count,310.00,2026-01-01\n'],
    ['semicolon', 'Charge Code;Description;Price;Effective From\nLAB-CBC;Complete blood count;310.00;2026-01-01\n'],
    ['BOM and CRLF', '\uFEFFCharge Code,Description,Price,Effective From\r\nLAB-CBC,Complete blood count,310.00,2026-01-01\r\n'],
    ['header aliases, case and order', 'effective from,PRICE,code,description\n2026-01-01,310.00,LAB-CBC,Complete blood count\n'],
  ])('reads %s', async (_, content) => {
    expect(await rows(content)).toEqual([
      { line: 2, values: { code: 'LAB-CBC', description: 'Complete blood count', price: 31000, from: '2026-01-01' } },
    ]);
  });

  it('keeps quoted delimiters, quotes and newlines in a field, and counts lines from where a record starts', async () => {
    const content =
      'Charge Code,Description,Price,Effective From\n' +
      'RB-SEMI,"Room and board, semi-private\nper day",2800.00,2026-01-01\n' +
      '\n' +
      'IMP-KNEE,"Knee implant ""system""","12,600.00",2026-01-01\n';
    expect(await rows(content)).toEqual([
      { line: 2, values: { code: 'RB-SEMI', description: 'Room and board, semi-private\nper day', price: 280000, from: '2026-01-01' } },
      { line: 5, values: { code: 'IMP-KNEE', description: 'Knee implant "system"', price: 1260000, from: '2026-01-01' } },
    ]);
  });

  it('reports each bad field with its line and keeps the good rows', async () => {
    const content =
      'Charge Code,Description,Price,Effective From\n' +
      'LAB-CBC,ok,310.00,2026-01-01\n' +
      'lab cbc,bad code,31O.00,2026-02-30\n' +
      ',no code,,\n' +
      'LAB-STREP,ok,45.00,2026-01-01\n';
    const result = await rows(content);
    expect(result[0]).toMatchObject({ line: 2 });
    expect(result[1]).toEqual({
      line: 3,
      errors: [
        { line: 3, field: 'code', reason: 'code has an invalid format: "lab cbc"' },
        { line: 3, field: 'price', reason: 'price must be a number, got "31O.00"' },
        { line: 3, field: 'from', reason: 'from is not a calendar date: "2026-02-30"' },
      ],
    });
    expect(result[2]).toEqual({
      line: 4,
      errors: [
        { line: 4, field: 'code', reason: 'code is required' },
        { line: 4, field: 'price', reason: 'price is required' },
        { line: 4, field: 'from', reason: 'from is required' },
      ],
    });
    expect(result[3]).toMatchObject({ line: 5, values: { code: 'LAB-STREP', price: 4500 } });
  });

  it('rejects a truncated last record (unclosed quote) and keeps the rows before it', async () => {
    const result = await rows('Charge Code,Description,Price,Effective From\nLAB-CBC,ok,310.00,2026-01-01\nLAB-STREP,"cut off');
    expect(result).toEqual([
      { line: 2, values: { code: 'LAB-CBC', description: 'ok', price: 31000, from: '2026-01-01' } },
      { line: 3, errors: [{ line: 3, reason: 'the record is truncated: a quoted field is not closed before the end of the file' }] },
    ]);
  });

  it('flags text that is not UTF-8, and reads it as declared when the layout says latin1', async () => {
    const latin1 = Buffer.from('Charge Code,Description,Price,Effective From\nRX-GEN,Pharmacie générale,640.00,2026-01-01\n', 'latin1');
    expect((await rows(latin1))[0]).toEqual({
      line: 2,
      errors: [{ line: 2, field: 'description', reason: 'description is not valid UTF-8 text (is the file in another encoding?)' }],
    });
    expect((await rows(latin1, { ...csvLayout, encoding: 'latin1' }))[0]).toMatchObject({ values: { description: 'Pharmacie générale' } });
  });

  it('refuses a file whose header lacks a required column, naming it', async () => {
    const error = await rows('Code,Description,Effective From\nLAB-CBC,x,2026-01-01\n').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileConnectorException);
    expect((error as FileConnectorException).message).toBe('The header has no column for price (Price)');
  });

  it('parses a large file row by row', async () => {
    const count = 20_000;
    const lines = ['Charge Code,Description,Price,Effective From'];
    for (let i = 0; i < count; i++) lines.push(`C-${i},item ${i},${i}.${String(i % 100).padStart(2, '0')},2026-01-01`);
    const result = await rows(`${lines.join('\n')}\n`, csvLayout, 64 * 1024);
    expect(result).toHaveLength(count);
    expect(result[count - 1]).toEqual({
      line: count + 1,
      values: { code: `C-${count - 1}`, description: `item ${count - 1}`, price: 1999999, from: '2026-01-01' },
    });
  });
});

describe('readRecords: fixed width', () => {
  it('reads fields by column, skips header and trailer records, and reports short records', async () => {
    const content = ['H20260131PAYROLL', 'DE1001 2026010300750', 'DE1002 2026013200800', 'DE1003 20260103', 'T000003', ''].join('\n');
    expect(await rows(content, fixedLayout)).toEqual([
      { line: 2, values: { employee: 'E1001', date: '2026-01-03', hours: 750 } },
      { line: 3, errors: [{ line: 3, field: 'date', reason: 'date is not a calendar date: "20260132"' }] },
      { line: 4, errors: [{ line: 4, reason: 'the record is 15 characters long; the layout needs at least 20' }] },
    ]);
  });
});

describe('defineLayout', () => {
  it.each([
    [{ name: 'x', version: 1, format: 'csv', fields: [] }, 'Invalid file layout: /fields must NOT have fewer than 1 items'],
    [
      { name: 'x', version: 1, format: 'fixed-width', fields: [{ name: 'a', type: 'string' }] },
      'Invalid file layout x: field a needs start and length in a fixed-width layout',
    ],
    [
      { name: 'x', version: 1, format: 'csv', fields: [{ name: 'a', type: 'float', headers: ['A'] }] },
      'Invalid file layout: /fields/0/type must be equal to one of the allowed values',
    ],
  ])('refuses an unusable layout %#', (layout, message) => {
    expect(() => defineLayout(layout)).toThrow(message);
  });
});
