import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClearinghouseConnectorException, ClearinghouseConnectorExceptionCode as Code } from './clearinghouse-connector.exception';
import { FolderExchange, type InboundFile } from './folder-exchange';

describe('FolderExchange', () => {
  let root: string;
  let inbox: string;
  let outbox: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'folder-exchange-'));
    inbox = join(root, 'in');
    outbox = join(root, 'out');
    mkdirSync(inbox);
    mkdirSync(outbox);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const old = (path: string) => utimesSync(path, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
  const collect = async (exchange: FolderExchange, outcome: 'processed' | 'failed' = 'processed') => {
    const seen: InboundFile[] = [];
    const result = await exchange.pickUp((file) => {
      seen.push(file);
      return Promise.resolve(outcome);
    });
    return { seen, result };
  };

  it('delivers atomically, leaves no temporary file, and never overwrites a waiting file', async () => {
    const exchange = new FolderExchange({ outbox, inbox });
    await exchange.deliver('000000101.837', 'ISA*first~');
    expect(readFileSync(join(outbox, '000000101.837'), 'utf8')).toBe('ISA*first~');
    expect(readdirSync(join(outbox, '.tmp'))).toEqual([]);
    expect(await exchange.isWaiting('000000101.837')).toBe(true);
    const error = await exchange.deliver('000000101.837', 'ISA*second~').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClearinghouseConnectorException);
    expect((error as ClearinghouseConnectorException).code).toBe(Code.FILE_EXISTS);
    expect(readFileSync(join(outbox, '000000101.837'), 'utf8')).toBe('ISA*first~');
    expect(readdirSync(join(outbox, '.tmp'))).toEqual([]);
  });

  it.each(['../escape.837', '.hidden', 'a/b', 'claim.837.tmp', ''])('refuses the file name %j', async (name) => {
    const error = (await new FolderExchange({ outbox, inbox })
      .deliver(name, 'x')
      .catch((e: unknown) => e)) as ClearinghouseConnectorException;
    expect(error.code).toBe(Code.INVALID_FILE_NAME);
  });

  it('hands over each complete file once, in name order, and files it as processed or failed', async () => {
    writeFileSync(join(inbox, '002-835.x12'), 'B');
    writeFileSync(join(inbox, '001-999.x12'), 'A');
    writeFileSync(join(inbox, '.hidden'), 'H');
    writeFileSync(join(inbox, '003.x12.part'), 'P');
    const exchange = new FolderExchange({ outbox, inbox });
    const first = await collect(exchange);
    expect(first.seen.map((f) => [f.name, f.content.toString()])).toEqual([
      ['001-999.x12', 'A'],
      ['002-835.x12', 'B'],
    ]);
    expect(first.result).toEqual({ processed: ['001-999.x12', '002-835.x12'], failed: [] });
    expect(readdirSync(join(inbox, 'processed')).sort()).toEqual(['001-999.x12', '002-835.x12']);
    expect((await collect(exchange)).seen).toEqual([]);
    expect(readdirSync(inbox).sort()).toEqual(['.hidden', '.work', '003.x12.part', 'processed']);
  });

  it('files a file the handler refuses or throws on under failed/', async () => {
    writeFileSync(join(inbox, 'a.x12'), 'A');
    writeFileSync(join(inbox, 'b.x12'), 'B');
    const exchange = new FolderExchange({ outbox, inbox });
    const result = await exchange.pickUp((file) => (file.name === 'a.x12' ? Promise.resolve('failed') : Promise.reject(new Error('boom'))));
    expect(result).toEqual({ processed: [], failed: ['a.x12', 'b.x12'] });
    expect(readdirSync(join(inbox, 'failed')).sort()).toEqual(['a.x12', 'b.x12']);
  });

  it('waits until a file written in place has settled', async () => {
    const exchange = new FolderExchange({ outbox, inbox, settleMs: 5_000 });
    writeFileSync(join(inbox, 'growing.x12'), 'ISA*');
    expect((await collect(exchange)).seen).toEqual([]);
    old(join(inbox, 'growing.x12'));
    expect((await collect(exchange)).seen.map((f) => f.name)).toEqual(['growing.x12']);
  });

  it('keeps a second file of the same name instead of overwriting the first in processed/', async () => {
    const exchange = new FolderExchange({ outbox, inbox });
    writeFileSync(join(inbox, 'same.x12'), 'one');
    await collect(exchange);
    writeFileSync(join(inbox, 'same.x12'), 'two');
    await collect(exchange);
    const kept = readdirSync(join(inbox, 'processed')).map((name) => readFileSync(join(inbox, 'processed', name), 'utf8'));
    expect(kept.sort()).toEqual(['one', 'two']);
  });

  it('hands over again a file claimed by a run that crashed before filing it', async () => {
    mkdirSync(join(inbox, '.work'));
    writeFileSync(join(inbox, '.work', '001-277.x12'), 'claimed before the crash');
    writeFileSync(join(inbox, '002-835.x12'), 'new');
    const { seen } = await collect(new FolderExchange({ outbox, inbox }));
    expect(seen.map((f) => f.name)).toEqual(['001-277.x12', '002-835.x12']);
    expect(readdirSync(join(inbox, '.work'))).toEqual([]);
  });

  it('never hands the same file to two consumers picking up at once', async () => {
    for (let i = 0; i < 20; i++) writeFileSync(join(inbox, `f${String(i).padStart(2, '0')}.x12`), String(i));
    const a = new FolderExchange({ outbox, inbox });
    const b = new FolderExchange({ outbox, inbox });
    const [first, second] = await Promise.all([collect(a), collect(b)]);
    const names = [...first.seen, ...second.seen].map((f) => f.name).sort();
    expect(names).toHaveLength(20);
    expect(new Set(names).size).toBe(20);
  });

  it('polls until stopped, and a nudge picks up at once', async () => {
    const exchange = new FolderExchange({ outbox, inbox });
    const seen: string[] = [];
    const errors: unknown[] = [];
    const poller = exchange.poll(
      (file) => {
        seen.push(file.name);
        return Promise.resolve('processed');
      },
      60_000,
      (error) => errors.push(error),
    );
    writeFileSync(join(inbox, 'x.x12'), 'X');
    expect(await poller.nudge()).toEqual({ processed: ['x.x12'], failed: [] });
    await poller.stop();
    expect([seen, errors]).toEqual([['x.x12'], []]);
  });

  it('reports an inbox it cannot read as a typed collection failure', async () => {
    const notAFolder = join(root, 'not-a-folder');
    writeFileSync(notAFolder, 'x');
    const error = (await new FolderExchange({ outbox, inbox: notAFolder })
      .pickUp(() => Promise.resolve('processed'))
      .catch((e: unknown) => e)) as ClearinghouseConnectorException;
    expect(error).toBeInstanceOf(ClearinghouseConnectorException);
    expect(error.code).toBe(Code.COLLECTION_FAILED);
  });
});
