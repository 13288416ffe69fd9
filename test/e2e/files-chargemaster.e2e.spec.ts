import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../support/stack';

const HEADER = 'Charge Code,Description,Revenue Code,CPT/HCPCS,Department,Unit,Price,Effective From';

interface Run {
  id: string;
  status: string;
  origin: string;
  accepted: number;
  rejected: number;
  unchanged: number;
  duplicate: boolean;
  attempts: number;
}

/**
 * The chargemaster feed end to end: a finance CSV uploaded over HTTP or dropped into the feed's
 * folder is validated row by row, applied to the billing platform with effective-dated prices,
 * reported (each rejected row with line, field and reason), announced, and never applied twice.
 */
describe('chargemaster import (batch files)', () => {
  let stack: Stack;
  const dropRoot = mkdtempSync(join(tmpdir(), 'concord-files-e2e-'));
  const folder = join(dropRoot, 'chargemaster');

  beforeAll(async () => {
    stack = await startStack({ env: { FILES_SOURCE: 'folder', FILES_DROP_DIR: dropRoot, FILES_POLL_INTERVAL_MS: '100' } });
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
    rmSync(dropRoot, { recursive: true, force: true });
  });

  const ops = () => stack.auth('ops-console');
  async function upload(fileName: string, content: string | Buffer, contentType = 'text/csv'): Promise<Response> {
    return fetch(`${stack.urls.systemApi}/files/v1/feeds/chargemaster/runs?fileName=${encodeURIComponent(fileName)}`, {
      method: 'POST',
      headers: { ...(await ops()), 'content-type': contentType },
      body: content,
    });
  }
  async function price(code: string, asOf: string): Promise<number | undefined> {
    const response = await fetch(`${stack.urls.systemApi}/billing/v1/chargemaster/${code}?asOf=${asOf}`, { headers: await ops() });
    expect(response.status).toBe(200);
    return ((await response.json()) as { price?: { amount: number } }).price?.amount;
  }
  async function report(
    runId: string,
  ): Promise<{ report: { rejectedRows: { line: number; field?: string; reason: string }[]; error?: string } } & Run> {
    const response = await fetch(`${stack.urls.systemApi}/files/v1/feeds/chargemaster/runs/${runId}/report`, { headers: await ops() });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.report\.json"$/);
    return (await response.json()) as never;
  }
  async function outboxEvents(type: string): Promise<{ payload: string }[]> {
    return stack.systemApi.get(DataSource).query<{ payload: string }[]>(`SELECT payload FROM event_outbox WHERE type = '${type}'`);
  }

  it('applies an uploaded file: new prices from their date, new items, unchanged rows counted; a repeat changes nothing', async () => {
    const file = [
      HEADER,
      'LAB-CBC,Complete blood count,0300,85025,6100,each,330.00,2026-07-01',
      '"LAB-A1C","Hemoglobin A1c; glycated",0300,83036,6100,each,"55.00",2026-07-01',
    ];
    const before = await fetch(`${stack.urls.systemApi}/billing/v1/chargemaster/OV-EST-3`, { headers: await ops() });
    const current = (await before.json()) as { description: string; departmentCode: string; price: { amount: number } };
    // The unchanged row repeats what billing has, whatever the seed says about department and description.
    const unchangedRow = `OV-EST-3,"${current.description}",0510,99213,${current.departmentCode},each,${(current.price.amount / 100).toFixed(2)},2026-07-01`;
    const content = `\uFEFF${[...file, unchangedRow].join('\r\n')}\r\n`;

    const response = await upload('cdm-2026-07.csv', content);
    expect(response.status).toBe(200);
    const run = (await response.json()) as Run;
    expect(run).toMatchObject({ status: 'completed', origin: 'upload', accepted: 2, rejected: 0, unchanged: 1, duplicate: false });
    expect(await price('LAB-CBC', '2026-07-01')).toBe(33000);
    expect(await price('LAB-CBC', '2026-03-01')).toBe(31000);
    expect(await price('LAB-A1C', '2026-07-01')).toBe(5500);

    const again = (await (await upload('cdm-2026-07-resent.csv', content)).json()) as Run;
    expect(again).toMatchObject({ id: run.id, duplicate: true, accepted: 2 });

    const list = (await (await fetch(`${stack.urls.systemApi}/files/v1/feeds/chargemaster/runs`, { headers: await ops() })).json()) as {
      data: Run[];
    };
    expect(list.data.filter((r) => r.id === run.id)).toHaveLength(1);
    const completed = (await outboxEvents('files.run.completed.v1')).map((e) => JSON.parse(e.payload) as { data: { runId: string } });
    expect(completed.filter((e) => e.data.runId === run.id)).toHaveLength(1);
  });

  it('rejects a file with bad rows as a whole, reporting each row with its line, field and reason', async () => {
    const content = [
      HEADER,
      'LAB-STREP,Rapid strep test,0300,87880,6100,each,47.00,2026-08-01',
      'LAB-BAD,Bad revenue code,03X0,,6100,each,10.00,2026-08-01',
      'LAB-DATE,"Bad date,\nand a quoted newline",0300,,6100,each,-5.00,2026-02-30',
      '',
    ].join('\n');
    const run = (await (await upload('cdm-bad.csv', content)).json()) as Run;
    expect(run).toMatchObject({ status: 'failed', accepted: 0, rejected: 2 });
    const body = await report(run.id);
    expect(body.report.rejectedRows).toEqual([
      { line: 3, field: 'revenueCode', reason: 'revenueCode has an invalid format: "03X0"' },
      { line: 4, field: 'price', reason: 'price must be at least 0' },
      { line: 4, field: 'effectiveFrom', reason: 'effectiveFrom is not a calendar date: "2026-02-30"' },
    ]);
    expect(body.report.error).toBe('2 of 3 rows are invalid; the feed applies a file whole or not at all');
    expect(await price('LAB-STREP', '2026-08-01')).toBe(4500);
    const failed = (await outboxEvents('files.run.failed.v1')).map(
      (e) => JSON.parse(e.payload) as { data: { runId: string; rejected: number } },
    );
    expect(failed.find((e) => e.data.runId === run.id)?.data.rejected).toBe(2);
  });

  it('fails a file whose header lacks a required column, naming it', async () => {
    const run = (await (
      await upload('cdm-noprice.csv', 'Charge Code,Description,Revenue Code,Department,Effective From\nX,y,0300,6100,2026-01-01\n')
    ).json()) as Run;
    expect(run.status).toBe('failed');
    expect((await report(run.id)).report.error).toBe('The header has no column for price (Price / Amount)');
  });

  it('takes a file dropped into the feed folder once complete, applies it, and moves it to processed/ with its report', async () => {
    const content = `${HEADER}\nRX-GEN,"Pharmacy, general",0250,,6100,each,660.00,2026-09-01\n`;
    writeFileSync(join(folder, 'cdm-rx.csv.tmp'), content);
    renameSync(join(folder, 'cdm-rx.csv.tmp'), join(folder, 'cdm-rx.csv'));
    // Done once the file has left the folder and the run records where it went.
    await waitFor(() => existsSync(join(folder, 'processed', 'cdm-rx.csv')) && !existsSync(join(folder, 'cdm-rx.csv')));
    const sidecar = JSON.parse(readFileSync(join(folder, 'processed', 'cdm-rx.csv.report.json'), 'utf8')) as Run & { runId: string };
    expect(sidecar).toMatchObject({ status: 'completed', accepted: 1, rejected: 0 });
    expect(await price('RX-GEN', '2026-09-01')).toBe(66000);
    let run: (Run & { disposedAs?: string }) | undefined;
    const deadline = Date.now() + 20_000;
    while (!run?.disposedAs && Date.now() < deadline) {
      const response = await fetch(`${stack.urls.systemApi}/files/v1/feeds/chargemaster/runs/${sidecar.runId}`, { headers: await ops() });
      run = (await response.json()) as Run & { disposedAs?: string };
    }
    expect(run).toMatchObject({ origin: 'folder', disposedAs: 'processed/cdm-rx.csv' });

    // The same file dropped again under another name: a duplicate, moved aside, nothing applied.
    writeFileSync(join(folder, 'cdm-rx-again.csv'), content);
    await waitFor(() => existsSync(join(folder, 'processed', 'cdm-rx-again.csv')) && !existsSync(join(folder, 'cdm-rx-again.csv')));
    const duplicate = JSON.parse(readFileSync(join(folder, 'processed', 'cdm-rx-again.csv.report.json'), 'utf8')) as {
      duplicateOf: string;
    };
    expect(duplicate.duplicateOf).toBe(sidecar.runId);
  });

  it('enforces scopes and names unknown feeds and bad uploads', async () => {
    const partner = await fetch(`${stack.urls.systemApi}/files/v1/feeds/chargemaster/runs`, { headers: await stack.auth('partner-acme') });
    expect(partner.status).toBe(403);
    const unknown = await fetch(`${stack.urls.systemApi}/files/v1/feeds/payroll-2/runs`, { headers: await ops() });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    const noName = await upload('../etc/passwd', `${HEADER}\n`);
    expect(noName.status).toBe(400);
    expect(((await noName.json()) as { errors: { name: string }[] }).errors.map((e) => e.name)).toEqual(['fileName']);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
