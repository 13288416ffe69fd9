/** MLLP (HL7 v2 Minimal Lower Layer Protocol, release 2) framing bytes. */
export const MLLP_START_BLOCK = 0x0b;
export const MLLP_END_BLOCK = 0x1c;
export const MLLP_CARRIAGE_RETURN = 0x0d;

export type MllpDecodeEvent =
  /** A complete message, without its framing bytes. */
  | { kind: 'frame'; payload: Buffer }
  /** Bytes outside any frame (between an end block and the next start block), skipped. */
  | { kind: 'junk'; bytes: number }
  /** A frame grew beyond maxFrameBytes: dropped, and everything up to the next start block is discarded. */
  | { kind: 'oversized'; bytes: number; head: Buffer }
  /** A start block arrived before the current frame ended: the partial frame is dropped, the new one begins. */
  | { kind: 'truncated'; bytes: number };

export interface MllpFrameDecoderOptions {
  maxFrameBytes: number;
  /** How much of a frame's start to keep for addressing a NAK when the frame is dropped (default 4 KiB). */
  headBytes?: number;
}

const EMPTY = Buffer.alloc(0);

/**
 * Streaming MLLP frame decoder: feed it socket chunks in order, it returns what they completed. Frames may be split
 * across chunks or several may share one; memory is bounded by maxFrameBytes plus one chunk.
 */
export class MllpFrameDecoder {
  private state: 'idle' | 'frame' | 'discard' = 'idle';
  private parts: Buffer[] = [];
  private length = 0;
  /** The previous chunk ended in an end block whose carriage return has not arrived yet. */
  private endBlockPending = false;
  private readonly headBytes: number;

  constructor(private readonly options: MllpFrameDecoderOptions) {
    if (!(options.maxFrameBytes > 0)) throw new RangeError('maxFrameBytes must be positive');
    this.headBytes = options.headBytes ?? 4096;
  }

  /** True between a start block and its end block (also while an oversized frame is being discarded). */
  get inFrame(): boolean {
    return this.state !== 'idle';
  }

  /** Bytes of the current partial frame held in memory. */
  get bufferedBytes(): number {
    return this.length;
  }

  /** The first bytes of the current partial frame (for a NAK when it never ends). */
  partialHead(): Buffer {
    return Buffer.concat(this.parts).subarray(0, this.headBytes);
  }

  reset(): void {
    this.state = 'idle';
    this.parts = [];
    this.length = 0;
    this.endBlockPending = false;
  }

  push(chunk: Buffer): MllpDecodeEvent[] {
    const events: MllpDecodeEvent[] = [];
    let junk = 0;
    let pos = 0;
    if (this.endBlockPending) {
      this.endBlockPending = false;
      if (chunk[0] === MLLP_CARRIAGE_RETURN) {
        this.complete(EMPTY, events);
        pos = 1;
      } else {
        this.append(Buffer.of(MLLP_END_BLOCK), events); // a lone 0x1C is data, not an end block
      }
    }
    while (pos < chunk.length) {
      if (this.state !== 'frame') {
        const start = chunk.indexOf(MLLP_START_BLOCK, pos);
        const skipped = (start === -1 ? chunk.length : start) - pos;
        if (this.state === 'idle') junk += skipped;
        if (start === -1) break;
        if (junk > 0) events.push({ kind: 'junk', bytes: junk });
        junk = 0;
        this.state = 'frame';
        pos = start + 1;
        continue;
      }
      let end = chunk.indexOf(MLLP_END_BLOCK, pos);
      while (end !== -1 && end + 1 < chunk.length && chunk[end + 1] !== MLLP_CARRIAGE_RETURN) end = chunk.indexOf(MLLP_END_BLOCK, end + 1);
      const restart = chunk.indexOf(MLLP_START_BLOCK, pos);
      if (restart !== -1 && (end === -1 || restart < end)) {
        events.push({ kind: 'truncated', bytes: this.length + restart - pos });
        this.parts = [];
        this.length = 0;
        pos = restart + 1;
        continue;
      }
      if (end === -1) {
        this.append(chunk.subarray(pos), events);
        break;
      }
      if (end + 1 === chunk.length) {
        this.append(chunk.subarray(pos, end), events);
        if (this.state === 'frame') this.endBlockPending = true;
        break;
      }
      this.complete(chunk.subarray(pos, end), events);
      pos = end + 2;
    }
    if (junk > 0) events.push({ kind: 'junk', bytes: junk });
    return events;
  }

  private append(bytes: Buffer, events: MllpDecodeEvent[]): void {
    if (bytes.length === 0) return;
    if (this.length + bytes.length > this.options.maxFrameBytes) {
      this.parts.push(bytes.subarray(0, Math.max(0, this.headBytes - this.length)));
      events.push({ kind: 'oversized', bytes: this.length + bytes.length, head: this.partialHead() });
      this.parts = [];
      this.length = 0;
      this.state = 'discard';
      return;
    }
    this.parts.push(bytes);
    this.length += bytes.length;
  }

  private complete(last: Buffer, events: MllpDecodeEvent[]): void {
    this.append(last, events);
    if (this.state !== 'frame') return; // it turned out oversized
    const payload = this.parts.length === 1 ? Buffer.from(this.parts[0]) : Buffer.concat(this.parts, this.length);
    this.parts = [];
    this.length = 0;
    this.state = 'idle';
    events.push({ kind: 'frame', payload });
  }
}

/** Wraps one message in MLLP framing: 0x0B message 0x1C 0x0D. */
export function encodeMllpFrame(message: string | Buffer, encoding: BufferEncoding = 'utf8'): Buffer {
  const payload = typeof message === 'string' ? Buffer.from(message, encoding) : message;
  const frame = Buffer.allocUnsafe(payload.length + 3);
  frame[0] = MLLP_START_BLOCK;
  payload.copy(frame, 1);
  frame[payload.length + 1] = MLLP_END_BLOCK;
  frame[payload.length + 2] = MLLP_CARRIAGE_RETURN;
  return frame;
}
