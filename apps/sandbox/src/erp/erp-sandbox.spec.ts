import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '@concord/platform';
import { createSandbox, SANDBOX_PATHS } from '../sandbox';

const logger = createLogger({ app: 'sandbox', level: 'silent' });
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('the ERP inside the sandbox app', () => {
  it('serves the vendor API beside the EHR, counts its requests, and keeps its state across a restart', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sandbox-erp-'));
    const first = await createSandbox(logger, { dataDir: dir });
    const issue = await first.inject({
      method: 'POST',
      url: `${SANDBOX_PATHS.erp}/goods-issues`,
      headers: { 'idempotency-key': 'tka' },
      payload: { material_no: 'KNEE-TOT-CR', storage_location: 'CG-MAIN-OR', qty: 1, cost_center: '6300', serial_numbers: ['SN-KN-55012'] },
    });
    expect(issue.statusCode).toBe(201);
    const stats = (await first.inject({ method: 'GET', url: '/sandbox/v1/stats' })).json();
    expect(Object.values(stats.erp.perSecond as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(1);
    await first.close();

    const second = await createSandbox(logger, { dataDir: dir });
    const stock = await second.inject({ method: 'GET', url: `${SANDBOX_PATHS.erp}/stock?material_no=KNEE-TOT-CR` });
    expect(stock.json().data[0]).toMatchObject({ qty_on_hand: 3, moving_avg_price: '4150.00' });
    await second.close();
  });
});
