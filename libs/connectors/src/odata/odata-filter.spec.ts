import { describe, expect, it } from 'vitest';
import { edm } from './edm-literal';
import { defineEntitySet } from './entity-set';
import { ODataException, ODataExceptionCode } from './odata.exception';
import { filterFor, ODataFilter, where } from './odata-filter';

interface Item {
  Material: string;
  OrderQuantity: string;
}
interface Order {
  PurchaseOrder: string;
  Supplier: string;
  SupplierName: string;
  PurchaseOrderDate: string;
  NetAmount: string;
  Priority: number;
  IsDeleted: boolean;
  to_Item?: Item[];
}
const Orders = defineEntitySet<Order>()('A_PurchaseOrder', ['PurchaseOrder'], {
  PurchaseOrderDate: 'Edm.Date',
  NetAmount: 'Edm.Decimal',
});
const f = where(Orders);

describe('filter builder', () => {
  const cases: [string, ODataFilter<Order>, string][] = [
    ['eq on text', f.eq('Supplier', '17300002'), "Supplier eq '17300002'"],
    ['ne with null', f.ne('Supplier', null), 'Supplier ne null'],
    ['gt on a declared date', f.gt('PurchaseOrderDate', '2026-01-01'), 'PurchaseOrderDate gt 2026-01-01'],
    ['le on a declared decimal', f.le('NetAmount', '1850.00'), 'NetAmount le 1850.00'],
    ['ge on a number', f.ge('Priority', 2), 'Priority ge 2'],
    ['lt on a number', f.lt('Priority', 2.5), 'Priority lt 2.5'],
    ['eq on a boolean', f.eq('IsDeleted', false), 'IsDeleted eq false'],
    ['in', f.in('Supplier', ['17300001', "O'Brien"]), "Supplier in ('17300001','O''Brien')"],
    ['contains', f.contains('SupplierName', "O'Brien & Co"), "contains(SupplierName,'O''Brien & Co')"],
    ['startswith', f.startsWith('SupplierName', 'North'), "startswith(SupplierName,'North')"],
    ['endswith', f.endsWith('SupplierName', 'Supply'), "endswith(SupplierName,'Supply')"],
    ['and of leaves', f.and(f.eq('Supplier', 'A'), f.gt('Priority', 1)), "Supplier eq 'A' and Priority gt 1"],
    [
      'or inside and is parenthesised',
      f.and(f.or(f.eq('Supplier', 'A'), f.eq('Supplier', 'B')), f.eq('IsDeleted', false)),
      "(Supplier eq 'A' or Supplier eq 'B') and IsDeleted eq false",
    ],
    ['not', f.not(f.or(f.eq('Priority', 1), f.eq('Priority', 2))), 'not (Priority eq 1 or Priority eq 2)'],
    ['and of one is that one', f.and(f.eq('Priority', 1)), 'Priority eq 1'],
    [
      'any over a collection',
      f.any('to_Item', (item) => item.and(item.eq('Material', 'GLV-NIT-M'), item.gt('OrderQuantity', edm.decimal('50')))),
      "to_Item/any(x0:x0/Material eq 'GLV-NIT-M' and x0/OrderQuantity gt 50)",
    ],
    [
      'an explicitly typed GUID',
      filterFor<Order>().eq('Supplier', edm.guid('6F9619FF-8B86-D011-B42D-00C04FC964FF')),
      'Supplier eq 6f9619ff-8b86-d011-b42d-00c04fc964ff',
    ],
  ];
  it.each(cases)('%s', (_, filter, expected) => {
    expect(filter.expression).toBe(expected);
  });

  const hostile = ["' or 1 eq 1 or '", "x') or contains(SupplierName,'", '%27 or true', '&$top=1', "\\'", "''''", ')(', 'a\nb'];
  it.each(hostile)('keeps hostile text %j inside one string literal', (text) => {
    const expression = f.eq('SupplierName', text).expression;
    const literal = expression.slice('SupplierName eq '.length);
    // One literal: starts and ends with a quote, and every quote inside is doubled.
    expect(literal.startsWith("'") && literal.endsWith("'")).toBe(true);
    expect(literal.slice(1, -1).replaceAll("''", '')).not.toContain("'");
    expect(literal.slice(1, -1).replaceAll("''", "'")).toBe(text);
  });

  it('refuses property names that are not identifiers', () => {
    const untyped = filterFor<Record<string, string>>();
    for (const name of ['Supplier eq 1 or Supplier', 'a/b', "x'", '', '1abc']) {
      expect(() => untyped.eq(name, 'x')).toThrow(ODataException);
    }
  });

  it('refuses a value of the wrong type for a declared field', () => {
    expect(() => f.eq('PurchaseOrderDate', "2026-01-01' or '1")).toThrowError(/PurchaseOrderDate: not a date/);
    expect(() => f.eq('NetAmount', '1,850.00')).toThrowError(/NetAmount: not a decimal/);
  });

  it('refuses an empty in-list and combinations of hand-made objects', () => {
    expect(() => f.in('Supplier', [])).toThrow(ODataException);
    const forged = { expression: '1 eq 1', compound: false } as unknown as ODataFilter<Order>;
    expect(() => f.and(f.eq('Priority', 1), forged)).toThrowError(/built filters/);
    expect(() => new ODataFilter(Symbol('x') as never, '1 eq 1', false)).toThrow(ODataException);
  });

  it('names the problem with a typed code', () => {
    try {
      f.contains('SupplierName', 5 as unknown as string);
      expect.unreachable();
    } catch (error) {
      expect((error as ODataException).code).toBe(ODataExceptionCode.INVALID_QUERY);
    }
  });
});
