import { afterAll, beforeAll, bench, describe } from 'vitest';
import { S4_ENTITY_SETS as S4, type ODataClient } from '../libs/connectors/src/odata';
import { s4Clients } from '../test/support/s4-odata/s4-clients';
import { type S4ODataServer, startS4ODataServer } from '../test/support/s4-odata/s4-odata.server';

// The OData client against the CAP test server in the same process: what reads cost one by one,
// batched, and paged. Run: npx vitest bench --run --config bench/odata-vitest.config.mjs
let server: S4ODataServer;
let partners: ODataClient;
const ids = Array.from({ length: 100 }, (_, index) => `BN${String(index).padStart(6, '0')}`);

beforeAll(async () => {
  server = await startS4ODataServer({ pageSize: 50 });
  partners = s4Clients(server).API_BUSINESS_PARTNER;
  for (const id of ids) await partners.create(S4.A_Supplier, { Supplier: id, SupplierName: `Bench supplier ${id}` });
});
afterAll(async () => server?.close());

describe('100 supplier reads', () => {
  bench('one GET per key', async () => {
    for (const id of ids) await partners.read(S4.A_Supplier, id);
  });

  bench('JSON $batch, 20 reads per batch', async () => {
    for (let start = 0; start < ids.length; start += 20) {
      const batch = partners.batch('json');
      const handles = ids.slice(start, start + 20).map((id) => batch.read(S4.A_Supplier, id));
      const response = await batch.send();
      for (const handle of handles) response.value(handle);
    }
  });

  bench('multipart $batch, 20 reads per batch', async () => {
    for (let start = 0; start < ids.length; start += 20) {
      const batch = partners.batch('multipart');
      const handles = ids.slice(start, start + 20).map((id) => batch.read(S4.A_Supplier, id));
      const response = await batch.send();
      for (const handle of handles) response.value(handle);
    }
  });

  bench('paging all suppliers (102 rows, 3 pages of 50)', async () => {
    let count = 0;
    for await (const _ of partners.all(S4.A_Supplier)) count++;
    if (count < 100) throw new Error('paging lost rows');
  });
});
