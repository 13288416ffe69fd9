import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeMllpFrame, type MllpDecodeEvent, MllpFrameDecoder } from './mllp-frame-decoder';

const a = 'MSH|^~\\&|A|B|C|D|2026||ADT^A01|1|P|2.5\rPID|1||X\r';
const b = 'MSH|^~\\&|A|B|C|D|2026||ADT^A08|2|P|2.5\rPID|1||Y\r';
const framed = (...messages: string[]) => Buffer.concat(messages.map((m) => encodeMllpFrame(m)));
const frames = (events: MllpDecodeEvent[]) => events.flatMap((e) => (e.kind === 'frame' ? [e.payload.toString('utf8')] : []));
const others = (events: MllpDecodeEvent[]) => events.filter((e) => e.kind !== 'frame');

function decodeAll(chunks: Buffer[], maxFrameBytes = 1 << 20): MllpDecodeEvent[] {
  const decoder = new MllpFrameDecoder({ maxFrameBytes });
  return chunks.flatMap((c) => decoder.push(c));
}

describe('MllpFrameDecoder', () => {
  it('decodes one frame', () => {
    expect(frames(decodeAll([framed(a)]))).toEqual([a]);
  });

  it('decodes several frames from one chunk', () => {
    const events = decodeAll([framed(a, b, a)]);
    expect(frames(events)).toEqual([a, b, a]);
    expect(others(events)).toEqual([]);
  });

  it('reassembles a frame split between its end block and carriage return', () => {
    const bytes = framed(a);
    const decoder = new MllpFrameDecoder({ maxFrameBytes: 1024 });
    expect(decoder.push(bytes.subarray(0, bytes.length - 1))).toEqual([]);
    expect(decoder.inFrame).toBe(true);
    expect(frames(decoder.push(bytes.subarray(bytes.length - 1)))).toEqual([a]);
    expect(decoder.inFrame).toBe(false);
  });

  it('gives the same frames whatever the packet boundaries', () => {
    const bytes = framed(a, b, a, b);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 12 }), (cuts) => {
        const sorted = [0, ...cuts.sort((x, y) => x - y), bytes.length];
        const chunks = sorted.slice(1).map((end, i) => bytes.subarray(sorted[i], end));
        const events = decodeAll(chunks);
        expect(frames(events)).toEqual([a, b, a, b]);
        expect(others(events)).toEqual([]);
      }),
    );
  });

  it('delivers byte-for-byte any payload free of framing bytes, one byte per packet included', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 64 }), { minLength: 1, maxLength: 4 }), (payloads) => {
        const clean = payloads.map((p) => Buffer.from(p.filter((x) => x !== 0x0b && x !== 0x1c)));
        const bytes = Buffer.concat(clean.map((p) => encodeMllpFrame(p)));
        const oneByOne = decodeAll([...bytes].map((x) => Buffer.of(x)));
        expect(oneByOne.filter((e) => e.kind === 'frame').map((e) => (e.kind === 'frame' ? e.payload : undefined))).toEqual(clean);
      }),
    );
  });

  it('skips and reports junk before and between frames', () => {
    const events = decodeAll([Buffer.concat([Buffer.from('noise'), framed(a), Buffer.from('\r\n'), framed(b)]), Buffer.from('xyz')]);
    expect(frames(events)).toEqual([a, b]);
    expect(others(events)).toEqual([
      { kind: 'junk', bytes: 5 },
      { kind: 'junk', bytes: 2 },
      { kind: 'junk', bytes: 3 },
    ]);
  });

  it('keeps a lone end-block byte that is not followed by a carriage return as data', () => {
    const payload = Buffer.from('abc\x1cdef');
    expect(decodeAll([encodeMllpFrame(payload)])).toEqual([{ kind: 'frame', payload }]);
    const split = encodeMllpFrame(payload);
    const events = decodeAll([split.subarray(0, 5), split.subarray(5)]);
    expect(events).toEqual([{ kind: 'frame', payload }]);
  });

  it('drops a partial frame when a new start block arrives before its end', () => {
    const bytes = Buffer.concat([Buffer.from('\x0bMSH|partial'), framed(b)]);
    const events = decodeAll([bytes.subarray(0, 6), bytes.subarray(6)]);
    expect(events).toEqual([
      { kind: 'truncated', bytes: 11 },
      { kind: 'frame', payload: Buffer.from(b) },
    ]);
  });

  it('reports an oversized frame with its head, discards it up to the next start block and never buffers beyond the limit', () => {
    const big = 'MSH|^~\\&|A|B|C|D|2026||ADT^A01|BIG-1|P|2.5\r' + 'NTE|1||' + 'x'.repeat(5000) + '\r';
    const decoder = new MllpFrameDecoder({ maxFrameBytes: 1000, headBytes: 64 });
    const bytes = framed(a, big, b);
    const events: MllpDecodeEvent[] = [];
    for (let i = 0; i < bytes.length; i += 100) {
      events.push(...decoder.push(bytes.subarray(i, i + 100)));
      expect(decoder.bufferedBytes).toBeLessThanOrEqual(1000);
    }
    expect(frames(events)).toEqual([a, b]);
    const oversized = events.find((e) => e.kind === 'oversized');
    expect(oversized).toMatchObject({ kind: 'oversized' });
    if (oversized?.kind !== 'oversized') throw new Error('unreachable');
    expect(oversized.bytes).toBeGreaterThan(1000);
    expect(oversized.head.toString()).toBe(big.slice(0, 64));
    expect(events.filter((e) => e.kind === 'junk')).toEqual([]);
  });

  it('treats a frame that completes within one chunk but over the limit as oversized', () => {
    const events = decodeAll([framed('x'.repeat(a.length + 1), a)], a.length);
    expect(events.map((e) => e.kind)).toEqual(['oversized', 'frame']);
  });

  it('exposes the head of a partial frame for a NAK', () => {
    const decoder = new MllpFrameDecoder({ maxFrameBytes: 1000 });
    decoder.push(Buffer.from('\x0bMSH|^~\\&|A|B'));
    expect(decoder.partialHead().toString()).toBe('MSH|^~\\&|A|B');
    decoder.reset();
    expect(decoder.inFrame).toBe(false);
    expect(decoder.bufferedBytes).toBe(0);
  });

  it('refuses a non-positive limit', () => {
    expect(() => new MllpFrameDecoder({ maxFrameBytes: 0 })).toThrow(RangeError);
  });
});

describe('encodeMllpFrame', () => {
  it('wraps a message in start block, end block and carriage return', () => {
    expect([...encodeMllpFrame('AB')]).toEqual([0x0b, 0x41, 0x42, 0x1c, 0x0d]);
    expect(encodeMllpFrame('é').subarray(1, 3)).toEqual(Buffer.from('é', 'utf8'));
    expect(encodeMllpFrame('é', 'latin1')).toHaveLength(4);
  });
});
