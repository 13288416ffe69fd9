import * as net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { buildAck, buildNak } from './ack-builder';
import { Hl7MessageBuilder } from './hl7-message-builder';
import { parseHl7 } from './hl7-parser';
import { MllpClient, MllpClientError, MllpClientErrorCode } from './mllp-client';
import { encodeMllpFrame, MllpFrameDecoder } from './mllp-frame-decoder';
import { MllpServer } from './mllp-server';

function message(controlId: string): string {
  return new Hl7MessageBuilder({
    sendingApplication: 'CONCORD-SANDBOX',
    sendingFacility: 'CG',
    receivingApplication: 'CONCORD',
    receivingFacility: 'CONCORD',
    timestamp: '20261102083000',
    messageType: { code: 'DFT', trigger: 'P03', structure: 'DFT_P03' },
    controlId,
    version: '2.5.1',
  }).toString();
}

const ack = (controlId: string, code: 'AA' | 'AE' = 'AA') => encodeMllpFrame(buildAck(parseHl7(message(controlId)), { code }));

/** A scripted MLLP peer: records the control ids it receives and lets the test decide which ACKs to send, and when. */
async function scriptedPeer() {
  const received: string[] = [];
  const sockets: net.Socket[] = [];
  const arrivals: (() => void)[] = [];
  const server = net.createServer((socket) => {
    sockets.push(socket);
    const decoder = new MllpFrameDecoder({ maxFrameBytes: 1 << 20 });
    socket.on('data', (chunk: Buffer) => {
      for (const e of decoder.push(chunk)) if (e.kind === 'frame') received.push(parseHl7(e.payload).controlId);
      arrivals.splice(0).forEach((a) => a());
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    received,
    sockets,
    async receivedCount(n: number) {
      while (received.length < n) await new Promise<void>((resolve) => arrivals.push(resolve));
    },
    reply(bytes: Buffer) {
      sockets[sockets.length - 1].write(bytes);
    },
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function client(port: number, options: Partial<ConstructorParameters<typeof MllpClient>[0]> = {}) {
  const c = new MllpClient({ host: '127.0.0.1', port, ...options });
  cleanups.push(() => c.close());
  return c;
}

describe('MllpClient', () => {
  it('matches ACKs by MSA-2, not by arrival order, and reports ACKs that match nothing', async () => {
    const peer = await scriptedPeer();
    cleanups.push(peer.close);
    const c = client(peer.port, { maxInFlight: 3 });
    const unmatched: string[] = [];
    c.on('unmatchedAck', ({ acknowledgedControlId }) => unmatched.push(acknowledgedControlId));
    const sends = ['M1', 'M2', 'M3'].map((id) => c.send(message(id)));
    await peer.receivedCount(3);
    peer.reply(Buffer.concat([ack('STRAY'), ack('M3', 'AE'), ack('M1'), ack('M2')]));
    const acks = await Promise.all(sends);
    expect(acks.map((a) => [a.get('MSA', 2), a.get('MSA', 1)])).toEqual([
      ['M1', 'AA'],
      ['M2', 'AA'],
      ['M3', 'AE'],
    ]);
    expect(unmatched).toEqual(['STRAY']);
  });

  it('never takes a late ACK for the next message (the interface-engine bug)', async () => {
    const peer = await scriptedPeer();
    cleanups.push(peer.close);
    const c = client(peer.port, { ackTimeoutMs: 100 });
    const unmatched: string[] = [];
    c.on('unmatchedAck', ({ acknowledgedControlId }) => unmatched.push(acknowledgedControlId));
    await expect(c.send(message('SLOW-1'))).rejects.toMatchObject({ code: MllpClientErrorCode.ACK_TIMEOUT });
    const next = c.send(message('NEXT-2'));
    await peer.receivedCount(2);
    peer.reply(ack('SLOW-1')); // the late ACK of the first message arrives while the second is in flight
    peer.reply(ack('NEXT-2'));
    expect((await next).get('MSA', 2)).toBe('NEXT-2');
    expect(unmatched).toEqual(['SLOW-1']);
  });

  it('keeps at most maxInFlight messages on the wire', async () => {
    const peer = await scriptedPeer();
    cleanups.push(peer.close);
    const c = client(peer.port, { maxInFlight: 2 });
    const sends = ['P1', 'P2', 'P3', 'P4'].map((id) => c.send(message(id)));
    await peer.receivedCount(2);
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(peer.received).toEqual(['P1', 'P2']);
    expect(c.pendingAcks).toBe(2);
    peer.reply(ack('P2'));
    await peer.receivedCount(3);
    peer.reply(Buffer.concat([ack('P1'), ack('P3')]));
    await peer.receivedCount(4);
    peer.reply(ack('P4'));
    expect((await Promise.all(sends)).map((a) => a.get('MSA', 2))).toEqual(['P1', 'P2', 'P3', 'P4']);
  });

  it('fails the messages in flight when the connection drops, and reconnects for the next one', async () => {
    const peer = await scriptedPeer();
    cleanups.push(peer.close);
    const c = client(peer.port);
    const lost = c.send(message('LOST-1'));
    await peer.receivedCount(1);
    peer.sockets[0].destroy();
    await expect(lost).rejects.toMatchObject({ code: MllpClientErrorCode.CONNECTION_LOST });
    const again = c.send(message('LOST-1'));
    await peer.receivedCount(2);
    expect(peer.sockets).toHaveLength(2);
    peer.reply(ack('LOST-1'));
    expect((await again).get('MSA', 1)).toBe('AA');
  });

  it('gives up with CONNECTION_FAILED after its connection attempts', async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const error = await client(port, { reconnect: { attempts: 2, delayMs: 10 } })
      .send(message('NOBODY'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MllpClientError);
    expect(error).toMatchObject({ code: MllpClientErrorCode.CONNECTION_FAILED });
  });

  it('refuses a message without MSH-10 and a second message with the same MSH-10 in flight', async () => {
    const peer = await scriptedPeer();
    cleanups.push(peer.close);
    const c = client(peer.port);
    await expect(c.send('PID|1||X')).rejects.toMatchObject({ code: MllpClientErrorCode.NO_CONTROL_ID });
    const first = c.send(message('DUP'));
    await expect(c.send(message('DUP'))).rejects.toMatchObject({ code: MllpClientErrorCode.DUPLICATE_CONTROL_ID });
    await peer.receivedCount(1);
    peer.reply(ack('DUP'));
    await first;
  });

  it('sends a message that does not parse, correlating it by the MSH-10 it can read', async () => {
    const server = new MllpServer({
      handler: async (frame) => {
        return buildNak(frame);
      },
    });
    const port = await server.listen();
    cleanups.push(() => server.close());
    const nak = await client(port).send('MSH|^~\\&|A|B|C|D|2026||ADT^A01|BROKEN-7|P|2.5\rpid|lower-case segment');
    expect(nak.get('MSA', 1)).toBe('AR');
    expect(nak.get('MSA', 2)).toBe('BROKEN-7');
  });

  it('does not keep a connection that completes after close()', async () => {
    const server = new MllpServer({ handler: async () => 'unused' });
    const port = await server.listen();
    cleanups.push(() => server.close());
    const disconnected = new Promise<void>((resolve) => server.once('disconnect', () => resolve()));
    const c = client(port);
    const sent = c.send(message('EARLY')).catch((e: unknown) => e);
    await c.close();
    expect(await sent).toMatchObject({ code: MllpClientErrorCode.CLIENT_CLOSED });
    await disconnected;
    expect(server.metrics().connectionsOpen).toBe(0);
    expect(c.connected).toBe(false);
  });

  it('fails what is pending when closed, and refuses sends afterwards', async () => {
    const peer = await scriptedPeer();
    cleanups.push(peer.close);
    const c = client(peer.port);
    const pending = c.send(message('PENDING')).catch((e: unknown) => e);
    await peer.receivedCount(1);
    await c.close();
    expect(await pending).toMatchObject({ code: MllpClientErrorCode.CLIENT_CLOSED });
    await expect(c.send(message('AFTER'))).rejects.toMatchObject({ code: MllpClientErrorCode.CLIENT_CLOSED });
  });
});
