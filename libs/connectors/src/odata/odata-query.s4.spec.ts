import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { s4Clients } from '../../../../test/support/s4-odata/s4-clients';
import { type S4ODataServer, startS4ODataServer } from '../../../../test/support/s4-odata/s4-odata.server';
import { edm } from './edm-literal';
import { type ODataClient } from './odata-client';
import { ODataException, ODataExceptionCode as Code } from './odata.exception';
import { type ODataFilter, where } from './odata-filter';
import type { A_CostCenter } from './s4hana/s4-entities';
import { S4_ENTITY_SETS as S4 } from './s4hana/s4-entity-sets';

// Real HTTP against the S/4-like CAP server, three entities per page so paging is exercised.
let server: S4ODataServer;
let costCenters: ODataClient;
let products: ODataClient;
let partners: ODataClient;
let stock: ODataClient;

beforeAll(async () => {
  server = await startS4ODataServer({ pageSize: 3 });
  const api = s4Clients(server);
  costCenters = api.API_COSTCENTER_SRV;
  products = api.API_PRODUCT_SRV;
  partners = api.API_BUSINESS_PARTNER;
  stock = api.API_MATERIAL_STOCK_SRV;
});
afterAll(async () => server?.close());

const cc = where(S4.A_CostCenter);

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const list: T[] = [];
  for await (const row of rows) list.push(row);
  return list;
}

describe('queries', () => {
  it('filters, selects, orders, counts and pages by $top/$skip', async () => {
    const page = await costCenters.query(S4.A_CostCenter, {
      filter: cc.and(cc.eq('CostCenterCategory', 'H'), cc.ge('ValidityEndDate', '2026-01-01')),
      select: ['CostCenter', 'CostCenterName'],
      orderBy: [['CostCenter', 'desc']],
      skip: 1,
      top: 2,
      count: true,
    });
    expect(page.count).toBe(6);
    expect(page.value.map((row) => [row.CostCenter, row.CostCenterName])).toEqual([
      ['6500', 'Laboratory'],
      ['6400', 'Pharmacy'],
    ]);
    expect(page.nextLink).toBeUndefined();
  });

  it('follows server-driven paging across pages, keeping the filter', async () => {
    server.requests.clear();
    const pages = [];
    for await (const page of costCenters.pages(S4.A_CostCenter, {
      filter: cc.ne('CostCenter', '8200'),
      select: ['CostCenter'],
      count: true,
    }))
      pages.push(page);
    expect(pages.map((page) => page.value.map((row) => row.CostCenter))).toEqual([
      ['6100', '6200', '6300'],
      ['6400', '6500', '7100'],
      ['8100'],
    ]);
    expect(pages[0].count).toBe(7);
    const gets = server.requests.entries.filter((entry) => entry.url.includes('A_CostCenter'));
    expect(gets).toHaveLength(3);
    expect(
      gets
        .slice(1)
        .every(
          (entry) => /skiptoken/.test(entry.url) && /CostCenter%20ne%20'8200'|CostCenter ne '8200'/.test(decodeURIComponent(entry.url)),
        ),
    ).toBe(true);
  });

  it('iterates every entity of every page', async () => {
    const all: string[] = [];
    for await (const row of costCenters.all(S4.A_CostCenter)) all.push(row.CostCenter);
    expect(all).toEqual(['6100', '6200', '6300', '6400', '6500', '7100', '8100', '8200']);
  });

  it('expands navigation properties with nested options', async () => {
    const page = await products.query(S4.A_Product, {
      select: ['Product', 'BaseUnit'],
      filter: where(S4.A_Product).eq('Product', 'KNEE-TOT-CR'),
      expand: {
        to_Plant: { select: ['Plant', 'ReorderThresholdQuantity', 'FixedLotSizeQuantity'] },
        to_Valuation: { filter: where(S4.A_ProductValuation).eq('ValuationArea', '1000'), select: ['ValuationArea', 'MovingAveragePrice'] },
      },
    });
    expect(page.value).toHaveLength(1);
    expect(page.value[0]).toMatchObject({
      Product: 'KNEE-TOT-CR',
      BaseUnit: 'EA',
      to_Plant: [{ Plant: '1000', ReorderThresholdQuantity: '3.000', FixedLotSizeQuantity: '5.000' }],
      to_Valuation: [{ ValuationArea: '1000', MovingAveragePrice: '4150.00' }],
    });
  });

  it('evaluates in, not, contains, startswith, endswith, any() and typed decimal literals on the server', async () => {
    const names = async (filter: ODataFilter<A_CostCenter>) =>
      (await costCenters.query(S4.A_CostCenter, { filter, select: ['CostCenter'] })).value.map((row) => row.CostCenter);
    expect(await names(cc.in('CostCenter', ['6100', '7100', '9999']))).toEqual(['6100', '7100']);
    expect(await names(cc.and(cc.not(cc.eq('CostCenterCategory', 'H')), cc.startsWith('CostCenter', '8')))).toEqual(['8100', '8200']);
    expect(await names(cc.or(cc.contains('CostCenterDescription', 'Surg'), cc.endsWith('CostCenterName', 'Clinic')))).toEqual([
      '6100',
      '6200',
      '7100',
    ]);
    const p = where(S4.A_Product);
    const withReorderPoint = await products.query(S4.A_Product, {
      select: ['Product'],
      filter: p.any('to_Plant', (plant) => plant.gt('ReorderThresholdQuantity', edm.decimal('2.5'))),
    });
    expect(withReorderPoint.value.map((row) => row.Product)).toEqual(['KNEE-TOT-CR']);
    const gloves = await products.query(S4.A_ProductValuation, { filter: where(S4.A_ProductValuation).eq('MovingAveragePrice', '18.50') });
    expect(gloves.value.map((row) => row.Product)).toEqual(['GLV-NIT-M']);
  });
});

describe('reads by key', () => {
  it('reads by a single key, by a composite key with a date, and by a four-part key', async () => {
    expect((await partners.read(S4.A_Supplier, '17300002')).SupplierName).toBe('Northwind Surgical Supply');
    const orthopaedics = await costCenters.read(
      S4.A_CostCenter,
      { ControllingArea: 'A000', CostCenter: '6100', ValidityEndDate: '9999-12-31' },
      { select: ['CostCenterName'] },
    );
    expect(orthopaedics.CostCenterName).toBe('Orthopaedic Surgery');
    expect(orthopaedics['@odata.etag']).toMatch(/^W\/"[0-9a-f-]{36}"$/);
    const knees = await stock.read(S4.A_MatlStkInAcctMod, {
      Material: 'KNEE-TOT-CR',
      Plant: '1000',
      StorageLocation: 'OR01',
      InventoryStockType: '01',
    });
    expect(knees.MatlWrhsStkQtyInMatlBaseUnit).toBe('4.000');
  });

  it('encodes keys holding quotes, slashes and URL delimiters', async () => {
    for (const id of ["O'B/#?&%", 'a b+c', "''", ')(,=']) {
      await partners.create(S4.A_Supplier, { Supplier: id, SupplierName: `supplier ${id}` });
      expect((await partners.read(S4.A_Supplier, id)).SupplierName).toBe(`supplier ${id}`);
    }
  });

  it('answers NOT_FOUND for an unknown key', async () => {
    await expect(partners.read(S4.A_Supplier, 'NOPE')).rejects.toMatchObject({ code: Code.NOT_FOUND, httpStatus: 404 });
    await expect(
      costCenters.read(S4.A_CostCenter, { ControllingArea: 'A000', CostCenter: '6100', ValidityEndDate: '2020-12-31' }),
    ).rejects.toMatchObject({
      code: Code.NOT_FOUND,
    });
  });
});

describe('hostile filter text', () => {
  const hostile = [
    "O'Brien",
    "' or 1 eq 1 or '",
    "x') or contains(SupplierName,'",
    "'')",
    '%27%20or%201%20eq%201',
    '&$top=1&$filter=true',
    '100%_off',
    'semi;colon)paren(',
    'plus+sign #hash ?query',
    "\\'backslash\\",
    'tab\tnew\nline',
    'ünïcødé ☃ 😀',
    "''''",
  ];

  beforeAll(async () => {
    for (const [index, name] of hostile.entries())
      await partners.create(S4.A_Supplier, { Supplier: `H${String(index).padStart(4, '0')}`, SupplierName: name });
  });

  it.each(hostile.map((name, index) => [name, index] as const))('eq %j matches exactly that supplier', async (name, index) => {
    const page = await partners.query(S4.A_Supplier, { filter: where(S4.A_Supplier).eq('SupplierName', name), select: ['Supplier'] });
    expect(page.value.map((row) => row.Supplier)).toEqual([`H${String(index).padStart(4, '0')}`]);
  });

  it.each(hostile.map((name, index) => [name, index] as const))(
    'contains %j finds that supplier and only suppliers containing it',
    async (name, index) => {
      const rows = await collect(
        partners.all(S4.A_Supplier, { filter: where(S4.A_Supplier).contains('SupplierName', name), select: ['Supplier', 'SupplierName'] }),
      );
      expect(rows.map((row) => row.Supplier)).toContain(`H${String(index).padStart(4, '0')}`);
      expect(rows.every((row) => row.SupplierName.includes(name))).toBe(true);
    },
  );

  it('the in-list keeps every hostile member a separate literal', async () => {
    const rows = await collect(
      partners.all(S4.A_Supplier, {
        filter: where(S4.A_Supplier).in('SupplierName', hostile.slice(0, 5)),
        select: ['Supplier'],
        orderBy: ['Supplier'],
      }),
    );
    expect(rows.map((row) => row.Supplier)).toEqual(['H0000', 'H0001', 'H0002', 'H0003', 'H0004']);
  });

  it('any text, as a filter value, is data: it matches exactly the rows holding it and never errors', async () => {
    let counter = 0;
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 24 }), fc.boolean(), async (name, store) => {
        const id = `F${String(counter++).padStart(6, '0')}`;
        if (store) await partners.create(S4.A_Supplier, { Supplier: id, SupplierName: name });
        const rows = await collect(
          partners.all(S4.A_Supplier, { filter: where(S4.A_Supplier).eq('SupplierName', name), select: ['Supplier', 'SupplierName'] }),
        );
        expect(rows.every((row) => row.SupplierName === name)).toBe(true);
        if (store) expect(rows.map((row) => row.Supplier)).toContain(id);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses text with an unpaired surrogate while building the filter, before anything is sent', () => {
    const before = server.requests.entries.length;
    let thrown: unknown;
    try {
      where(S4.A_Supplier).eq('SupplierName', 'a\uD800');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ODataException);
    expect((thrown as ODataException).code).toBe(Code.INVALID_QUERY);
    expect(server.requests.entries.length).toBe(before);
  });
});
