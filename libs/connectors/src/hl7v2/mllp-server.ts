import { EventEmitter } from 'node:events';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { buildNak } from './ack-builder';
import { Hl7ErrorCode } from './hl7-error-codes';
import { encodeMllpFrame, MllpFrameDecoder } from './mllp-frame-decoder';

export interface MllpFrameMeta {
  remoteAddress: string;
  connectionId: string;
  receivedAt: Date;
}

/** Stores (or otherwise handles) one inbound message and returns the ACK to send; the ACK waits for it. */
export type MllpHandler = (frame: Buffer, meta: MllpFrameMeta) => Promise<Buffer | string>;

export interface MllpServerOptions {
  /** Interface to bind; loopback unless set (use 0.0.0.0 or a NIC address to take feeds from the network). */
  host?: string;
  /** 0 (default) picks a free port; listen() resolves the one bound. */
  port?: number;
  /** Largest message accepted (default 1 MiB); a larger one gets a NAK and the connection is closed. */
  maxFrameBytes?: number;
  /** A connection with no traffic and nothing in flight for this long is closed (default 5 minutes). */
  idleTimeoutMs?: number;
  /** A frame whose end block has not arrived this long after its start gets a NAK and its connection is closed (default 30 s). */
  frameTimeoutMs?: number;
  /** Frames decoded but not yet handled, per connection, before reading pauses (default 64): back-pressure on a pipelining sender. */
  maxQueuedFrames?: number;
  maxConnections?: number;
  /** When set, the listener speaks MLLP over TLS with these options (key, cert, ca, requestCert ...). */
  tls?: tls.TlsOptions;
  /** How long close() waits for in-flight handlers before destroying connections (default 10 s). */
  closeTimeoutMs?: number;
  handler: MllpHandler;
}

export interface MllpServerMetrics {
  connectionsOpened: number;
  connectionsOpen: number;
  framesReceived: number;
  bytesReceived: number;
  acksSent: number;
  bytesSent: number;
  junkBytes: number;
  oversizedFrames: number;
  truncatedFrames: number;
  frameTimeouts: number;
  idleTimeouts: number;
  handlerErrors: number;
  socketErrors: number;
}

interface ConnectionEvent {
  connectionId: string;
  remoteAddress: string;
}

/** Metrics hooks: subscribe to count, time or log (never log frame contents: they are PHI). */
export interface MllpServerEvents {
  connection: [ConnectionEvent];
  disconnect: [ConnectionEvent];
  frame: [ConnectionEvent & { bytes: number }];
  ack: [ConnectionEvent & { bytes: number; handlerMs: number }];
  junk: [ConnectionEvent & { bytes: number }];
  oversized: [ConnectionEvent & { bytes: number }];
  truncated: [ConnectionEvent & { bytes: number }];
  frameTimeout: [ConnectionEvent & { bufferedBytes: number }];
  idleTimeout: [ConnectionEvent];
  handlerError: [ConnectionEvent & { error: unknown }];
  socketError: [ConnectionEvent & { error: Error }];
}

type Work = { kind: 'frame'; payload: Buffer; receivedAt: Date } | { kind: 'reject'; head: Buffer; reason: string };

/**
 * MLLP listener (plain TCP or TLS). Frames of one connection are handled strictly in order and each ACK is written
 * only after the handler resolved, so a sender never sees an ACK for a message the integrator has not stored;
 * connections are independent of each other. Handler failures answer AR with ERR 207; oversized and never-ending
 * frames get a NAK and their connection is closed.
 */
export class MllpServer extends EventEmitter<MllpServerEvents> {
  private readonly server: net.Server;
  private readonly connections = new Set<MllpConnection>();
  private readonly counters: Omit<MllpServerMetrics, 'connectionsOpen'> = {
    connectionsOpened: 0,
    framesReceived: 0,
    bytesReceived: 0,
    acksSent: 0,
    bytesSent: 0,
    junkBytes: 0,
    oversizedFrames: 0,
    truncatedFrames: 0,
    frameTimeouts: 0,
    idleTimeouts: 0,
    handlerErrors: 0,
    socketErrors: 0,
  };
  private nextConnection = 0;
  private closing?: Promise<void>;
  readonly settings: Required<Omit<MllpServerOptions, 'tls' | 'maxConnections'>> & Pick<MllpServerOptions, 'tls' | 'maxConnections'>;

  constructor(options: MllpServerOptions) {
    super();
    this.settings = {
      host: '127.0.0.1',
      port: 0,
      maxFrameBytes: 1 << 20,
      idleTimeoutMs: 300_000,
      frameTimeoutMs: 30_000,
      maxQueuedFrames: 64,
      closeTimeoutMs: 10_000,
      ...options,
    };
    const accept = (socket: net.Socket) => this.accept(socket);
    this.server = options.tls ? tls.createServer(options.tls, accept) : net.createServer(accept);
    if (options.maxConnections !== undefined) this.server.maxConnections = options.maxConnections;
    if (options.tls) {
      this.server.on('tlsClientError', (error: Error, socket: tls.TLSSocket) => {
        this.counters.socketErrors++;
        this.emit('socketError', { connectionId: 'tls-handshake', remoteAddress: socket.remoteAddress ?? 'unknown', error });
      });
    }
  }

  /** Starts listening; resolves the port actually bound. */
  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.server.once('error', onError);
      this.server.listen(this.settings.port, this.settings.host, () => {
        this.server.off('error', onError);
        resolve(this.port);
      });
    });
  }

  get port(): number {
    const address = this.server.address();
    return address && typeof address === 'object' ? address.port : 0;
  }

  get listening(): boolean {
    return this.server.listening;
  }

  metrics(): MllpServerMetrics {
    return { ...this.counters, connectionsOpen: this.connections.size };
  }

  /**
   * Stops accepting, lets every connection finish the handler in flight and write its ACK, then closes them.
   * Frames received but not yet started are dropped unacknowledged: the sender resends them.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      const stopped = new Promise<void>((resolve) => this.server.close(() => resolve()));
      const drained = Promise.all([...this.connections].map((c) => c.drainAndEnd()));
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, this.settings.closeTimeoutMs);
        timer.unref();
      });
      await Promise.race([drained, deadline]);
      clearTimeout(timer);
      for (const connection of this.connections) connection.destroy();
      await stopped;
    })();
    return this.closing;
  }

  private accept(socket: net.Socket): void {
    if (this.closing) {
      socket.destroy();
      return;
    }
    const connection = new MllpConnection(socket, `mllp-${++this.nextConnection}`, this.settings, this.counters, this);
    this.counters.connectionsOpened++;
    this.connections.add(connection);
    socket.once('close', () => {
      this.connections.delete(connection);
      connection.stop();
      this.emit('disconnect', connection.ref);
    });
    this.emit('connection', connection.ref);
  }
}

/** One sender's connection: decodes its frames and handles them one at a time, in arrival order. */
class MllpConnection {
  readonly ref: ConnectionEvent;
  private readonly decoder: MllpFrameDecoder;
  private readonly queue: Work[] = [];
  private working = false;
  private ending = false;
  private frameTimer?: NodeJS.Timeout;
  private idle?: () => void;

  constructor(
    private readonly socket: net.Socket,
    connectionId: string,
    private readonly settings: MllpServer['settings'],
    private readonly counters: Omit<MllpServerMetrics, 'connectionsOpen'>,
    private readonly events: MllpServer,
  ) {
    this.ref = { connectionId, remoteAddress: socket.remoteAddress ?? 'unknown' };
    this.decoder = new MllpFrameDecoder({ maxFrameBytes: settings.maxFrameBytes });
    socket.setNoDelay(true);
    socket.setTimeout(settings.idleTimeoutMs);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('timeout', () => this.onIdle());
    socket.on('error', (error) => {
      this.counters.socketErrors++;
      this.events.emit('socketError', { ...this.ref, error });
    });
  }

  /** Waits for the handler in flight and its ACK, then ends the connection. */
  drainAndEnd(): Promise<void> {
    this.ending = true;
    // Keep reading (and discarding) so that the sender's FIN is seen and the socket can close.
    this.socket.resume();
    this.queue.length = 0;
    this.clearFrameTimer();
    return new Promise<void>((resolve) => {
      if (this.socket.destroyed) return resolve();
      this.socket.once('close', () => resolve());
      if (!this.working) this.socket.end();
      else this.idle = () => this.socket.end();
    });
  }

  destroy(): void {
    this.socket.destroy();
  }

  stop(): void {
    this.ending = true;
    this.queue.length = 0;
    this.clearFrameTimer();
  }

  private onData(chunk: Buffer): void {
    if (this.ending) return;
    this.counters.bytesReceived += chunk.length;
    for (const event of this.decoder.push(chunk)) {
      switch (event.kind) {
        case 'frame':
          this.counters.framesReceived++;
          this.events.emit('frame', { ...this.ref, bytes: event.payload.length });
          this.enqueue({ kind: 'frame', payload: event.payload, receivedAt: new Date() });
          break;
        case 'junk':
          this.counters.junkBytes += event.bytes;
          this.events.emit('junk', { ...this.ref, bytes: event.bytes });
          break;
        case 'truncated':
          this.counters.truncatedFrames++;
          this.events.emit('truncated', { ...this.ref, bytes: event.bytes });
          break;
        case 'oversized':
          this.counters.oversizedFrames++;
          this.events.emit('oversized', { ...this.ref, bytes: event.bytes });
          this.rejectAndClose(event.head, `the message exceeds the maximum frame size of ${this.settings.maxFrameBytes} bytes`);
          return;
      }
    }
    if (this.decoder.inFrame) this.frameTimer ??= setTimeout(() => this.onFrameTimeout(), this.settings.frameTimeoutMs);
    else this.clearFrameTimer();
  }

  private onFrameTimeout(): void {
    this.frameTimer = undefined;
    if (this.ending) return;
    this.counters.frameTimeouts++;
    this.events.emit('frameTimeout', { ...this.ref, bufferedBytes: this.decoder.bufferedBytes });
    this.rejectAndClose(this.decoder.partialHead(), `the message did not end within ${this.settings.frameTimeoutMs} ms`);
  }

  private onIdle(): void {
    if (this.working || this.queue.length > 0 || this.decoder.inFrame || this.ending) {
      this.socket.setTimeout(this.settings.idleTimeoutMs); // busy, not idle: re-arm
      return;
    }
    this.counters.idleTimeouts++;
    this.events.emit('idleTimeout', this.ref);
    this.ending = true;
    this.socket.end();
  }

  /** Stops reading; earlier frames still get their ACKs, then this NAK, then the connection closes. */
  private rejectAndClose(head: Buffer, reason: string): void {
    this.clearFrameTimer();
    this.decoder.reset();
    this.socket.resume(); // further bytes are read and discarded (onData ignores them once ending)
    this.queue.push({ kind: 'reject', head, reason });
    this.ending = true;
    void this.work();
  }

  private enqueue(work: Work): void {
    this.queue.push(work);
    if (this.queue.length >= this.settings.maxQueuedFrames) this.socket.pause();
    void this.work();
  }

  private async work(): Promise<void> {
    if (this.working) return;
    this.working = true;
    try {
      for (let item = this.queue.shift(); item; item = this.queue.shift()) {
        const ack = item.kind === 'frame' ? await this.handle(item) : this.nakFor(item);
        if (this.socket.destroyed) return;
        const bytes = encodeMllpFrame(ack);
        this.counters.acksSent++;
        this.counters.bytesSent += bytes.length;
        if (!this.socket.write(bytes)) await new Promise<void>((resolve) => this.socket.once('drain', resolve).once('close', resolve));
        if (item.kind === 'reject') {
          this.socket.end();
          return;
        }
        if (!this.ending && this.socket.isPaused() && this.queue.length < this.settings.maxQueuedFrames) this.socket.resume();
      }
    } finally {
      this.working = false;
      const idle = this.idle;
      this.idle = undefined;
      idle?.();
    }
  }

  private async handle(item: { payload: Buffer; receivedAt: Date }): Promise<string | Buffer> {
    const started = performance.now();
    try {
      const ack: unknown = await this.settings.handler(item.payload, { ...this.ref, receivedAt: item.receivedAt });
      if (typeof ack !== 'string' && !Buffer.isBuffer(ack)) throw new TypeError('the MLLP handler returned neither a string nor a Buffer');
      this.events.emit('ack', { ...this.ref, bytes: ack.length, handlerMs: performance.now() - started });
      return ack;
    } catch (error) {
      this.counters.handlerErrors++;
      this.events.emit('handlerError', { ...this.ref, error });
      return buildNak(item.payload, error, {
        errors: [{ code: Hl7ErrorCode.APPLICATION_INTERNAL_ERROR, text: 'the receiving application could not process the message' }],
      });
    }
  }

  /** A NAK addressed from the dropped frame's first bytes (MSA-2 = its MSH-10 when readable). */
  private nakFor(item: { head: Buffer; reason: string }): string {
    return buildNak(item.head, undefined, { errors: [{ code: Hl7ErrorCode.APPLICATION_INTERNAL_ERROR, text: item.reason }] });
  }

  private clearFrameTimer(): void {
    if (this.frameTimer) clearTimeout(this.frameTimer);
    this.frameTimer = undefined;
  }
}
