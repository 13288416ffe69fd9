import { describe, expect, it } from 'vitest';
import { defineEntitySet, entityPath, formatKeyPredicate } from './entity-set';
import { ODataException } from './odata.exception';
import { filterFor, where } from './odata-filter';
import { buildQueryString, type OrderBy } from './odata-query';

interface Item {
  PurchaseOrderItem: string;
  Material: string;
  to_History?: { Quantity: string }[];
}
interface Order {
  PurchaseOrder: string;
  Supplier: string;
  PurchaseOrderDate: string;
  to_Item?: Item[];
  to_Supplier?: { Supplier: string; SupplierName: string };
}
const Orders = defineEntitySet<Order>()('A_PurchaseOrder', ['PurchaseOrder'], { PurchaseOrderDate: 'Edm.Date' });
interface CostCenter {
  ControllingArea: string;
  CostCenter: string;
  ValidityEndDate: string;
}
const CostCenters = defineEntitySet<CostCenter>()('A_CostCenter', ['ControllingArea', 'CostCenter', 'ValidityEndDate'], {
  ValidityEndDate: 'Edm.Date',
});

describe('buildQueryString', () => {
  it('is empty without options', () => {
    expect(buildQueryString({})).toBe('');
  });

  it('writes every system query option, values percent-encoded', () => {
    const query = buildQueryString<Order>({
      filter: where(Orders).eq('Supplier', "O'Brien & Sons #1"),
      select: ['PurchaseOrder', 'Supplier'],
      orderBy: ['Supplier', ['PurchaseOrderDate', 'desc']],
      top: 50,
      skip: 100,
      count: true,
    });
    expect(query).toBe(
      "?$filter=Supplier%20eq%20'O''Brien%20%26%20Sons%20%231'&$select=PurchaseOrder%2CSupplier&$orderby=Supplier%2CPurchaseOrderDate%20desc&$top=50&$skip=100&$count=true",
    );
    const decoded = new URLSearchParams(query);
    expect(decoded.get('$filter')).toBe("Supplier eq 'O''Brien & Sons #1'");
    expect([...decoded.keys()]).toEqual(['$filter', '$select', '$orderby', '$top', '$skip', '$count']);
  });

  it('writes nested $expand options separated by semicolons', () => {
    const query = buildQueryString<Order>({
      expand: {
        to_Item: {
          select: ['PurchaseOrderItem', 'Material'],
          filter: filterFor<Item>().eq('Material', 'a;b)c'),
          orderBy: [['PurchaseOrderItem', 'asc']],
          top: 5,
          expand: { to_History: true },
        },
        to_Supplier: true,
      },
    });
    expect(new URLSearchParams(query).get('$expand')).toBe(
      "to_Item($filter=Material eq 'a;b)c';$select=PurchaseOrderItem,Material;$expand=to_History;$orderby=PurchaseOrderItem asc;$top=5),to_Supplier",
    );
  });

  it('refuses bad counts, names and directions', () => {
    expect(() => buildQueryString<Order>({ top: -1 })).toThrow(ODataException);
    expect(() => buildQueryString<Order>({ skip: 1.5 })).toThrow(ODataException);
    expect(() => buildQueryString<Order>({ select: ['Supplier,PurchaseOrder' as 'Supplier'] })).toThrow(ODataException);
    expect(() => buildQueryString<Order>({ select: [] })).toThrow(ODataException);
    const sideways = JSON.parse('["Supplier","sideways"]') as OrderBy<Order>;
    expect(() => buildQueryString<Order>({ orderBy: [sideways] })).toThrow(ODataException);
    expect(() => buildQueryString<Order>({ expand: { 'to_Item($top=1)': true } as never })).toThrow(ODataException);
    expect(() => buildQueryString<Order>({ filter: '1 eq 1' as never })).toThrow(ODataException);
  });
});

describe('key predicates', () => {
  it('writes a bare single key in short form and a named one by name, encoded', () => {
    expect(formatKeyPredicate(Orders, '4500000001')).toBe("('4500000001')");
    expect(entityPath(Orders, { PurchaseOrder: "A/B#C?D&E'F" })).toBe("A_PurchaseOrder(PurchaseOrder='A%2FB%23C%3FD%26E''F')");
  });

  it('writes a composite key in declared order with typed literals', () => {
    expect(formatKeyPredicate(CostCenters, { ValidityEndDate: '9999-12-31', CostCenter: '6100', ControllingArea: 'A000' })).toBe(
      "(ControllingArea='A000',CostCenter='6100',ValidityEndDate=9999-12-31)",
    );
  });

  it('refuses missing, unknown, null and bare keys for composite sets', () => {
    expect(() => formatKeyPredicate(CostCenters, { ControllingArea: 'A000', CostCenter: '6100' } as never)).toThrowError(
      /ValidityEndDate .* is missing/,
    );
    expect(() =>
      formatKeyPredicate(CostCenters, { ControllingArea: 'A000', CostCenter: '6100', ValidityEndDate: '9999-12-31', Extra: 1 } as never),
    ).toThrowError(/no key property Extra/);
    expect(() =>
      formatKeyPredicate(CostCenters, { ControllingArea: 'A000', CostCenter: null, ValidityEndDate: '9999-12-31' } as never),
    ).toThrowError(/null/);
    expect(() => formatKeyPredicate(CostCenters, '6100' as never)).toThrowError(/composite key/);
    expect(() =>
      formatKeyPredicate(CostCenters, { ControllingArea: 'A000', CostCenter: '6100', ValidityEndDate: '9999-13-31' }),
    ).toThrowError(/not a calendar date/);
  });

  it('refuses entity set declarations with bad names', () => {
    expect(() => defineEntitySet<Order>()("A_PurchaseOrder('1')", ['PurchaseOrder'])).toThrow(ODataException);
    expect(() => defineEntitySet<Order>()('A_PurchaseOrder', [])).toThrow(ODataException);
  });
});
