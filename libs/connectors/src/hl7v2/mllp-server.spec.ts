import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildAck, buildNak } from './ack-builder';
import { Hl7MessageBuilder } from './hl7-message-builder';
import { parseHl7 } from './hl7-parser';
import { MllpClient } from './mllp-client';
import { encodeMllpFrame, MllpFrameDecoder } from './mllp-frame-decoder';
import { type MllpHandler, MllpServer, type MllpServerOptions } from './mllp-server';

function message(controlId: string, trigger = 'A01'): string {
  return new Hl7MessageBuilder({
    sendingApplication: 'EPIC',
    sendingFacility: 'CG',
    receivingApplication: 'CONCORD',
    receivingFacility: 'CONCORD',
    timestamp: '20261102083000',
    messageType: { code: 'ADT', trigger, structure: 'ADT_A01' },
    controlId,
    version: '2.5.1',
  })
    .add('PID', { 1: '1', 3: [['CG-100234', '', '', 'CONCORD', 'MR']] })
    .toString();
}

const acceptAll: MllpHandler = async (frame) => buildAck(parseHl7(frame), { code: 'AA' });

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** A raw TCP peer that collects the ACK frames the server writes back. */
async function rawPeer(port: number) {
  const socket = net.connect({ host: '127.0.0.1', port });
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const decoder = new MllpFrameDecoder({ maxFrameBytes: 1 << 20 });
  const acks: string[] = [];
  const waiters: (() => void)[] = [];
  socket.on('data', (chunk: Buffer) => {
    for (const e of decoder.push(chunk)) if (e.kind === 'frame') acks.push(e.payload.toString());
    waiters.splice(0).forEach((w) => w());
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('error', () => undefined);
  return {
    socket,
    acks,
    closed,
    async ackCount(n: number) {
      while (acks.length < n) await new Promise<void>((resolve) => waiters.push(resolve));
      return acks.map((a) => parseHl7(a));
    },
  };
}

const servers: MllpServer[] = [];
const clients: MllpClient[] = [];

async function start(options: Partial<MllpServerOptions> = {}) {
  const server = new MllpServer({ handler: acceptAll, ...options });
  servers.push(server);
  const port = await server.listen();
  return { server, port };
}

function client(port: number, options: Partial<ConstructorParameters<typeof MllpClient>[0]> = {}) {
  const c = new MllpClient({ host: '127.0.0.1', port, ...options });
  clients.push(c);
  return c;
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('MllpServer', () => {
  it('hands each frame to the handler with its connection facts and writes back what the handler returns', async () => {
    const seen: { text: string; meta: Parameters<MllpHandler>[1] }[] = [];
    const { server, port } = await start({
      handler: async (frame, meta) => (seen.push({ text: frame.toString(), meta }), acceptAll(frame, meta)),
    });
    const ack = await client(port).send(message('MSG-1'));
    expect(ack.get('MSA', 1)).toBe('AA');
    expect(ack.get('MSA', 2)).toBe('MSG-1');
    expect(seen[0].text).toBe(message('MSG-1'));
    expect(seen[0].meta).toMatchObject({ remoteAddress: expect.stringContaining('127.0.0.1'), connectionId: 'mllp-1' });
    expect(seen[0].meta.receivedAt).toBeInstanceOf(Date);
    expect(server.metrics()).toMatchObject({ connectionsOpened: 1, framesReceived: 1, acksSent: 1, handlerErrors: 0 });
  });

  it('writes the ACK only after the handler resolved (persist before acknowledge)', async () => {
    const gate = deferred();
    const order: string[] = [];
    const { server, port } = await start({
      handler: async (frame, meta) => {
        await gate.promise;
        order.push('stored');
        return acceptAll(frame, meta);
      },
    });
    const frameSeen = new Promise<void>((resolve) => server.once('frame', () => resolve()));
    const sent = client(port)
      .send(message('MSG-2'))
      .then((ack) => order.push(`acked ${ack.get('MSA', 2)}`));
    await frameSeen;
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual([]);
    gate.resolve();
    await sent;
    expect(order).toEqual(['stored', 'acked MSG-2']);
  });

  it('handles the frames of one connection one at a time, in arrival order, even when the sender pipelines', async () => {
    let active = 0;
    let maxActive = 0;
    const handled: string[] = [];
    const { port } = await start({
      handler: async (frame, meta) => {
        maxActive = Math.max(maxActive, ++active);
        const controlId = parseHl7(frame).controlId;
        // later messages finish faster: a parallel server would complete them out of order
        await new Promise((resolve) => setTimeout(resolve, 20 - Number(controlId.slice(4))));
        handled.push(controlId);
        active--;
        return acceptAll(frame, meta);
      },
    });
    const c = client(port, { maxInFlight: 10 });
    const ids = Array.from({ length: 10 }, (_, i) => `MSG-${i}`);
    const acks = await Promise.all(ids.map((id) => c.send(message(id))));
    expect(handled).toEqual(ids);
    expect(maxActive).toBe(1);
    expect(acks.map((a) => a.get('MSA', 2))).toEqual(ids);
  });

  it('pauses reading a sender that runs ahead of its handler and resumes without losing or reordering frames', async () => {
    const gate = deferred();
    const { server, port } = await start({
      maxQueuedFrames: 2,
      handler: async (frame, meta) => {
        await gate.promise;
        return acceptAll(frame, meta);
      },
    });
    const firstFrame = new Promise<void>((resolve) => server.once('frame', () => resolve()));
    const peer = await rawPeer(port);
    const ids = Array.from({ length: 30 }, (_, i) => `BP-${i}`);
    for (const id of ids) {
      peer.socket.write(encodeMllpFrame(message(id)));
      await new Promise((resolve) => setImmediate(resolve));
    }
    await firstFrame;
    gate.resolve();
    const acks = await peer.ackCount(ids.length);
    expect(acks.map((a) => a.get('MSA', 2))).toEqual(ids);
  });

  it('serves connections in parallel: a slow handler on one does not hold up another', async () => {
    const otherDone = deferred();
    const { port } = await start({
      handler: async (frame, meta) => {
        if (parseHl7(frame).controlId === 'SLOW') await otherDone.promise; // would deadlock if connections were serialised
        return acceptAll(frame, meta);
      },
    });
    const slow = client(port).send(message('SLOW'));
    await client(port).send(message('FAST'));
    otherDone.resolve();
    expect((await slow).get('MSA', 2)).toBe('SLOW');
  });

  it('reassembles frames split across packets and separates frames sharing a packet', async () => {
    const { port } = await start();
    const peer = await rawPeer(port);
    const bytes = Buffer.concat(['A', 'B', 'C'].map((id) => encodeMllpFrame(message(id))));
    for (let i = 0; i < bytes.length; i += 7) {
      peer.socket.write(bytes.subarray(i, i + 7));
      await new Promise((resolve) => setImmediate(resolve));
    }
    peer.socket.write(Buffer.concat([encodeMllpFrame(message('D')), encodeMllpFrame(message('E'))]));
    const acks = await peer.ackCount(5);
    expect(acks.map((a) => a.get('MSA', 2))).toEqual(['A', 'B', 'C', 'D', 'E']);
  });

  it('skips and reports junk between frames', async () => {
    const { server, port } = await start();
    const junk: number[] = [];
    server.on('junk', ({ bytes }) => junk.push(bytes));
    const peer = await rawPeer(port);
    peer.socket.write(
      Buffer.concat([Buffer.from('\r\nhello'), encodeMllpFrame(message('J1')), Buffer.from('\n'), encodeMllpFrame(message('J2'))]),
    );
    const acks = await peer.ackCount(2);
    expect(acks.map((a) => a.get('MSA', 2))).toEqual(['J1', 'J2']);
    expect(junk).toEqual([7, 1]);
    expect(server.metrics().junkBytes).toBe(8);
  });

  it('answers an oversized frame with a NAK and closes that connection only', async () => {
    const { server, port } = await start({ maxFrameBytes: 2048 });
    const oversized: number[] = [];
    server.on('oversized', ({ bytes }) => oversized.push(bytes));
    const other = client(port);
    await other.send(message('BEFORE'));
    const peer = await rawPeer(port);
    const peerGone = new Promise<void>((resolve) => server.once('disconnect', () => resolve()));
    const big = message('BIG-1') + 'NTE|1||' + 'x'.repeat(10_000) + '\r';
    peer.socket.write(Buffer.concat([encodeMllpFrame(message('SMALL-1')), encodeMllpFrame(big)]));
    const [ok, nak] = await peer.ackCount(2);
    expect(ok.get('MSA', 2)).toBe('SMALL-1');
    expect(nak.get('MSA', 1)).toBe('AR');
    expect(nak.get('MSA', 2)).toBe('BIG-1');
    expect(nak.get('ERR', 3)).toBe('207');
    expect(nak.get('ERR', 8)).toContain('maximum frame size of 2048 bytes');
    await Promise.all([peer.closed, peerGone]);
    expect(oversized).toHaveLength(1);
    expect((await other.send(message('AFTER'))).get('MSA', 1)).toBe('AA');
    expect(server.metrics()).toMatchObject({ oversizedFrames: 1, connectionsOpen: 1 });
  });

  it('answers a frame that never ends with a NAK and closes that connection only', async () => {
    const { server, port } = await start({ frameTimeoutMs: 150 });
    const timeouts: number[] = [];
    server.on('frameTimeout', ({ bufferedBytes }) => timeouts.push(bufferedBytes));
    const peer = await rawPeer(port);
    const partial = message('NEVER-1');
    peer.socket.write(Buffer.concat([Buffer.of(0x0b), Buffer.from(partial)]));
    const [nak] = await peer.ackCount(1);
    expect(nak.get('MSA', 1)).toBe('AR');
    expect(nak.get('MSA', 2)).toBe('NEVER-1');
    expect(nak.get('ERR', 8)).toContain('did not end within 150 ms');
    await peer.closed;
    expect(timeouts).toEqual([partial.length]);
    expect((await client(port).send(message('OTHER'))).get('MSA', 1)).toBe('AA');
  });

  it('answers AR with ERR 207 when the handler fails, and keeps serving the connection', async () => {
    const errors: unknown[] = [];
    const { server, port } = await start({
      handler: async (frame, meta) => {
        if (parseHl7(frame).controlId === 'BOOM') throw new Error('database is locked (patient Quinn)');
        return acceptAll(frame, meta);
      },
    });
    server.on('handlerError', ({ error }) => errors.push(error));
    const c = client(port);
    const nak = await c.send(message('BOOM'));
    expect(nak.get('MSA', 1)).toBe('AR');
    expect(nak.get('MSA', 2)).toBe('BOOM');
    expect(nak.get('ERR', 3)).toBe('207');
    expect(nak.toString()).not.toContain('Quinn');
    expect(errors).toHaveLength(1);
    expect((await c.send(message('NEXT'))).get('MSA', 1)).toBe('AA');
    expect(server.metrics().handlerErrors).toBe(1);
  });

  it('answers a NAK when the handler returns something that is not an ACK', async () => {
    const { port } = await start({ handler: (async () => 42) as unknown as MllpHandler });
    expect((await client(port).send(message('ODD'))).get('MSA', 1)).toBe('AR');
  });

  it('answers garbage with a NAK whose MSA-2 is empty', async () => {
    const { port } = await start({
      handler: async (frame) => {
        try {
          return buildAck(parseHl7(frame), { code: 'AA' });
        } catch (error) {
          return buildNak(frame, error);
        }
      },
    });
    const peer = await rawPeer(port);
    peer.socket.write(encodeMllpFrame(Buffer.from([0x00, 0xff, 0x42])));
    const [nak] = await peer.ackCount(1);
    expect(nak.get('MSA', 1)).toBe('AR');
    expect(nak.get('MSA', 2)).toBeUndefined();
  });

  it('closes a connection that stays idle', async () => {
    const { server, port } = await start({ idleTimeoutMs: 100 });
    const idle = new Promise<void>((resolve) => server.once('idleTimeout', () => resolve()));
    const disconnected = new Promise<void>((resolve) => server.once('disconnect', () => resolve()));
    const peer = await rawPeer(port);
    await idle;
    await Promise.all([peer.closed, disconnected]);
    expect(server.metrics()).toMatchObject({ idleTimeouts: 1, connectionsOpen: 0 });
  });

  it('close() waits for the handler in flight, delivers its ACK, then refuses new connections', async () => {
    const gate = deferred();
    const { server, port } = await start({
      handler: async (frame, meta) => {
        await gate.promise;
        return acceptAll(frame, meta);
      },
    });
    const frameSeen = new Promise<void>((resolve) => server.once('frame', () => resolve()));
    const c = client(port, { reconnect: { attempts: 1, delayMs: 0 } });
    const sent = c.send(message('INFLIGHT'));
    await frameSeen;
    let closed = false;
    const closing = server.close().then(() => (closed = true));
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(false);
    gate.resolve();
    expect((await sent).get('MSA', 2)).toBe('INFLIGHT');
    await closing;
    expect(server.listening).toBe(false);
    await expect(client(port, { reconnect: { attempts: 1, delayMs: 0 } }).send(message('LATE'))).rejects.toMatchObject({
      code: 'MLLP_CONNECTION_FAILED',
    });
  });

  it('rejects listen() when the port is taken', async () => {
    const { port } = await start();
    await expect(new MllpServer({ handler: acceptAll, port }).listen()).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});

describe('MllpServer over TLS', () => {
  let dir: string;
  let key: Buffer;
  let cert: Buffer;

  beforeAll(() => {
    // A throw-away self-signed certificate for localhost, made with the system's openssl.
    dir = mkdtempSync(join(tmpdir(), 'mllp-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    key = readFileSync(join(dir, 'key.pem'));
    cert = readFileSync(join(dir, 'cert.pem'));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exchanges messages and ACKs over TLS with a verified certificate', async () => {
    const { port } = await start({ tls: { key, cert } });
    const c = client(port, { tls: { ca: cert, servername: 'localhost' } });
    const acks = await Promise.all([c.send(message('TLS-1')), c.send(message('TLS-2'))]);
    expect(acks.map((a) => [a.get('MSA', 1), a.get('MSA', 2)])).toEqual([
      ['AA', 'TLS-1'],
      ['AA', 'TLS-2'],
    ]);
  });

  it('survives a client that does not trust its certificate and one that speaks plain MLLP', async () => {
    const { server, port } = await start({ tls: { key, cert } });
    const errors: Error[] = [];
    server.on('socketError', ({ error }) => errors.push(error));
    await expect(
      client(port, { tls: { servername: 'localhost' }, reconnect: { attempts: 1, delayMs: 0 } }).send(message('X')),
    ).rejects.toMatchObject({
      code: 'MLLP_CONNECTION_FAILED',
    });
    const plain = net.connect({ host: '127.0.0.1', port });
    plain.on('error', () => undefined);
    plain.write(encodeMllpFrame(message('PLAIN')));
    await new Promise<void>((resolve) => plain.once('close', () => resolve()));
    expect(errors.length).toBeGreaterThan(0);
    const trusted = client(port, { tls: { ca: cert, servername: 'localhost' } });
    expect((await trusted.send(message('STILL-UP'))).get('MSA', 1)).toBe('AA');
  });

  it('can require client certificates (mutual TLS)', async () => {
    const { port } = await start({ tls: { key, cert, ca: cert, requestCert: true, rejectUnauthorized: true } });
    const withCert = client(port, { tls: { ca: cert, servername: 'localhost', key, cert } });
    expect((await withCert.send(message('MTLS'))).get('MSA', 1)).toBe('AA');
    const without = client(port, {
      tls: { ca: cert, servername: 'localhost' },
      reconnect: { attempts: 1, delayMs: 0 },
      ackTimeoutMs: 2_000,
    });
    await expect(without.send(message('NO-CERT'))).rejects.toBeInstanceOf(Error);
  });
});
