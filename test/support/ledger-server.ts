import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Posting {
  key: string;
  body: Record<string, unknown>;
  at: number;
}

/**
 * A small core system for engine tests: it applies each posting once per Idempotency-Key (a
 * repeated key is answered with the first result, as system-api does), counts every call, and
 * can be told to fail the next calls with 503.
 */
export class LedgerServer {
  readonly postings = new Map<string, Posting>();
  calls = 0;
  private failures = 0;
  private server?: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      let raw = '';
      request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      request.on('end', () => {
        this.calls += 1;
        if (this.failures > 0) {
          this.failures -= 1;
          response.writeHead(503, { 'content-type': 'application/json', 'retry-after': '0' }).end('{"code":"DOWN"}');
          return;
        }
        const key = String(request.headers['idempotency-key'] ?? '');
        if (!key) {
          response.writeHead(400).end('{"code":"IDEMPOTENCY_KEY_REQUIRED"}');
          return;
        }
        let posting = this.postings.get(key);
        if (!posting) {
          posting = { key, body: JSON.parse(raw || '{}') as Record<string, unknown>, at: Date.now() };
          this.postings.set(key, posting);
        }
        response
          .writeHead(201, { 'content-type': 'application/json' })
          .end(JSON.stringify({ id: `P-${[...this.postings.keys()].indexOf(key) + 1}`, key }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  failNext(count: number): void {
    this.failures = count;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

/** Posts to the ledger; throws a retryable error on 5xx like a downstream call would. */
export async function post(url: string, key: string, body: Record<string, unknown>): Promise<{ id: string }> {
  const response = await fetch(`${url}/postings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`ledger answered ${response.status}`);
  return (await response.json()) as { id: string };
}
