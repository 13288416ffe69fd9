import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineEntitySet } from './entity-set';
import { ODataClient } from './odata-client';
import { ODataException, ODataExceptionCode as Code } from './odata.exception';

// A misbehaving server (foreign or looping paging links, broken bodies) cannot be made from CAP: a
// small node:http server plays it, and a second one records whether the client was lured to it.
interface Thing {
  Id: string;
}
const Things = defineEntitySet<Thing>()('Things', ['Id']);

let liar: Server;
let elsewhere: Server;
let liarRoot: string;
let elsewhereUrl: string;
let elsewhereHits = 0;

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
}

beforeAll(async () => {
  elsewhere = createServer((_request, response) => {
    elsewhereHits++;
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"value":[{"Id":"stolen"}]}');
  });
  elsewhereUrl = await listen(elsewhere);
  liar = createServer((request, response) => {
    const send = (status: number, body: string, type = 'application/json') => {
      response.writeHead(status, { 'content-type': type });
      response.end(body);
    };
    const url = request.url ?? '';
    const page = (nextLink: string) => send(200, JSON.stringify({ value: [{ Id: '1' }], '@odata.nextLink': nextLink }));
    if (url === '/odata/Things?$skip=1') return page(`${elsewhereUrl}/odata/Things?$skiptoken=2`);
    if (url === '/odata/Things?$skip=2') return page('../../admin/Things');
    if (url === '/odata/Things?$skip=3') return page('Things?$skiptoken=A');
    if (url === '/odata/Things?$skiptoken=A') return page('Things?$skiptoken=B');
    if (url === '/odata/Things?$skiptoken=B') return page('Things?$skiptoken=A');
    if (url === '/odata/Things?$skip=4') return page('Things?$skip=4');
    if (url === "/odata/Things('html')") return send(200, '<html>login</html>', 'text/html');
    if (url === "/odata/Things('array')") return send(200, '[1,2]');
    if (url === "/odata/Things('boom')")
      return send(500, JSON.stringify({ error: { code: 'X', message: 'NullPointerException at com.vendor.Secret' } }));
    send(404, JSON.stringify({ error: { code: '404', message: 'Not Found' } }));
  });
  liarRoot = `${await listen(liar)}/odata`;
});
afterAll(async () => {
  await new Promise((resolve) => liar.close(resolve));
  await new Promise((resolve) => elsewhere.close(resolve));
});

const client = () => new ODataClient({ serviceRoot: liarRoot, timeoutMs: 2_000 });

async function drain(pages: AsyncIterable<unknown>): Promise<{ count: number; error?: ODataException }> {
  let count = 0;
  try {
    for await (const _ of pages) count++;
  } catch (error) {
    if (error instanceof ODataException) return { count, error };
    throw error;
  }
  return { count };
}

describe('paging links from a misbehaving server', () => {
  // The page carrying a bad link is refused whole: a server sending one is not to be trusted.
  it('stops at a nextLink to another origin, without ever calling it', async () => {
    const result = await drain(client().pages(Things, { skip: 1 }));
    expect(result).toMatchObject({ count: 0, error: { code: Code.FOREIGN_NEXT_LINK } });
    expect(elsewhereHits).toBe(0);
  });

  it('refuses a nextLink climbing out of the service root', async () => {
    const result = await drain(client().pages(Things, { skip: 2 }));
    expect(result).toMatchObject({ count: 0, error: { code: Code.FOREIGN_NEXT_LINK } });
  });

  it('stops when the server sends a paging link it already sent', async () => {
    expect(await drain(client().pages(Things, { skip: 3 }))).toMatchObject({ count: 3, error: { code: Code.INVALID_RESPONSE } });
    expect(await drain(client().pages(Things, { skip: 4 }))).toMatchObject({ count: 1, error: { code: Code.INVALID_RESPONSE } });
  });

  it('stops after maxPages', async () => {
    expect(await drain(client().pages(Things, { skip: 3 }, { maxPages: 2 }))).toMatchObject({
      count: 2,
      error: { code: Code.INVALID_RESPONSE },
    });
  });
});

describe('broken answers', () => {
  it.each(['html', 'array'])('answers INVALID_RESPONSE for a %s body where an entity was expected', async (id) => {
    await expect(client().read(Things, id)).rejects.toMatchObject({ code: Code.INVALID_RESPONSE });
  });

  it('keeps a server failure message out of the exception message', async () => {
    const error = (await client()
      .read(Things, 'boom')
      .catch((thrown: unknown) => thrown)) as ODataException;
    expect(error.code).toBe(Code.SERVER_ERROR);
    expect(error.message).not.toContain('NullPointerException');
  });

  it('answers SERVER_UNAVAILABLE when nothing listens', async () => {
    const closed = new ODataClient({ serviceRoot: 'http://127.0.0.1:9/odata', timeoutMs: 2_000 });
    await expect(closed.read(Things, '1')).rejects.toMatchObject({ code: Code.SERVER_UNAVAILABLE });
  });
});
