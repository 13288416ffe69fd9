import { EventEmitter } from 'node:events';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { DomainException, ErrorCategory } from '@concord/platform';
import { peekHl7Header } from './hl7-header-peek';
import { Hl7Message } from './hl7-message';
import { Hl7ParseError } from './hl7-parse.error';
import { parseHl7 } from './hl7-parser';
import { encodeMllpFrame, MllpFrameDecoder } from './mllp-frame-decoder';

export enum MllpClientErrorCode {
  NO_CONTROL_ID = 'MLLP_NO_CONTROL_ID',
  DUPLICATE_CONTROL_ID = 'MLLP_DUPLICATE_CONTROL_ID',
  CONNECTION_FAILED = 'MLLP_CONNECTION_FAILED',
  CONNECTION_LOST = 'MLLP_CONNECTION_LOST',
  ACK_TIMEOUT = 'MLLP_ACK_TIMEOUT',
  CLIENT_CLOSED = 'MLLP_CLIENT_CLOSED',
}

export class MllpClientError extends DomainException<MllpClientErrorCode> {
  constructor(code: MllpClientErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, [], options);
  }

  get category(): ErrorCategory {
    switch (this.code) {
      case MllpClientErrorCode.NO_CONTROL_ID:
      case MllpClientErrorCode.DUPLICATE_CONTROL_ID:
        return ErrorCategory.INVALID_INPUT;
      case MllpClientErrorCode.CONNECTION_FAILED:
      case MllpClientErrorCode.CONNECTION_LOST:
      case MllpClientErrorCode.CLIENT_CLOSED:
        return ErrorCategory.UPSTREAM_UNAVAILABLE;
      case MllpClientErrorCode.ACK_TIMEOUT:
        return ErrorCategory.UPSTREAM_TIMEOUT;
    }
  }
}

export interface MllpClientOptions {
  host: string;
  port: number;
  /** Connect over TLS with these options (ca, servername, cert/key for mutual TLS ...). */
  tls?: tls.ConnectionOptions;
  /** Per connection attempt (default 5 s). */
  connectTimeoutMs?: number;
  /** From writing a message to its ACK (default 30 s). */
  ackTimeoutMs?: number;
  /** Messages sent before their ACKs arrive (default 1: one at a time). */
  maxInFlight?: number;
  /** Connection attempts before sends fail, with a pause between them (default 3 attempts, 200 ms). */
  reconnect?: { attempts: number; delayMs: number };
  /** Largest ACK accepted (default 1 MiB). */
  maxFrameBytes?: number;
}

export interface MllpClientEvents {
  connect: [];
  disconnect: [{ hadError: boolean }];
  /** An ACK whose MSA-2 matches no message in flight (late, after its timeout, or never sent from here). */
  unmatchedAck: [{ ackControlId: string; acknowledgedControlId: string }];
  /** A frame from the server that is not a readable ACK. */
  invalidAck: [{ reason: string }];
}

interface Pending {
  controlId: string;
  frame: Buffer;
  timeoutMs: number;
  resolve: (ack: Hl7Message) => void;
  reject: (error: Error) => void;
  timer?: NodeJS.Timeout;
}

/**
 * MLLP sender. Each ACK is matched to its message by MSA-2 = MSH-10, never by arrival order, so a late ACK can
 * never be taken for the next message's. Connects lazily, reconnects on the next send after a drop, and keeps up
 * to maxInFlight messages on the wire.
 */
export class MllpClient extends EventEmitter<MllpClientEvents> {
  private socket?: net.Socket;
  private connecting?: Promise<net.Socket>;
  private readonly waiting: Pending[] = [];
  private readonly inFlight = new Map<string, Pending>();
  private closed = false;
  private readonly settings: Required<Omit<MllpClientOptions, 'tls'>> & Pick<MllpClientOptions, 'tls'>;

  constructor(options: MllpClientOptions) {
    super();
    this.settings = {
      connectTimeoutMs: 5_000,
      ackTimeoutMs: 30_000,
      maxInFlight: 1,
      reconnect: { attempts: 3, delayMs: 200 },
      maxFrameBytes: 1 << 20,
      ...options,
    };
  }

  get connected(): boolean {
    return this.socket !== undefined && !this.socket.destroyed;
  }

  /** Messages written and not yet acknowledged. */
  get pendingAcks(): number {
    return this.inFlight.size;
  }

  async connect(): Promise<void> {
    await this.ensureConnected();
  }

  /**
   * Sends one message and resolves with its ACK, whatever MSA-1 says (AA, AE or AR: the caller decides). The
   * message must carry an MSH-10; it is read leniently so that even a message that does not parse can be sent.
   */
  send(message: string | Buffer | Hl7Message, options: { timeoutMs?: number } = {}): Promise<Hl7Message> {
    if (this.closed) return Promise.reject(new MllpClientError(MllpClientErrorCode.CLIENT_CLOSED, 'the client is closed'));
    const text = message instanceof Hl7Message ? message.toString() : message;
    const controlId = message instanceof Hl7Message ? message.controlId : (peekHl7Header(text)?.controlId ?? '');
    if (!controlId)
      return Promise.reject(new MllpClientError(MllpClientErrorCode.NO_CONTROL_ID, 'the message has no MSH-10 to match its ACK by'));
    if (this.inFlight.has(controlId) || this.waiting.some((p) => p.controlId === controlId)) {
      return Promise.reject(
        new MllpClientError(MllpClientErrorCode.DUPLICATE_CONTROL_ID, 'a message with this MSH-10 is already awaiting its ACK'),
      );
    }
    return new Promise<Hl7Message>((resolve, reject) => {
      this.waiting.push({
        controlId,
        frame: encodeMllpFrame(text),
        timeoutMs: options.timeoutMs ?? this.settings.ackTimeoutMs,
        resolve,
        reject,
      });
      this.pump();
    });
  }

  /** Fails whatever is still waiting and closes the connection. */
  async close(): Promise<void> {
    this.closed = true;
    this.failAll(
      this.waiting.splice(0),
      new MllpClientError(MllpClientErrorCode.CLIENT_CLOSED, 'the client was closed before the message was sent'),
    );
    this.failAll(
      [...this.inFlight.values()],
      new MllpClientError(MllpClientErrorCode.CLIENT_CLOSED, 'the client was closed before the ACK arrived'),
    );
    this.inFlight.clear();
    const socket = this.socket;
    if (!socket || socket.destroyed) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.end();
      setTimeout(() => socket.destroy(), 1_000).unref();
    });
  }

  private pump(): void {
    if (this.waiting.length === 0) return;
    if (!this.connected) {
      this.ensureConnected().then(
        () => this.pump(),
        (error: unknown) => this.failAll(this.waiting.splice(0), error),
      );
      return;
    }
    const socket = this.socket;
    if (!socket) return;
    while (this.waiting.length > 0 && this.inFlight.size < this.settings.maxInFlight) {
      const pending = this.waiting.shift();
      if (!pending) break;
      this.inFlight.set(pending.controlId, pending);
      pending.timer = setTimeout(() => {
        if (this.inFlight.get(pending.controlId) !== pending) return;
        this.inFlight.delete(pending.controlId);
        pending.reject(new MllpClientError(MllpClientErrorCode.ACK_TIMEOUT, `no ACK within ${pending.timeoutMs} ms`));
        this.pump();
      }, pending.timeoutMs);
      socket.write(pending.frame);
    }
  }

  private ensureConnected(): Promise<net.Socket> {
    if (this.socket && !this.socket.destroyed) return Promise.resolve(this.socket);
    this.connecting ??= this.connectWithRetries().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async connectWithRetries(): Promise<net.Socket> {
    const { attempts, delayMs } = this.settings.reconnect;
    let lastError: unknown;
    for (let attempt = 1; attempt <= Math.max(1, attempts); attempt++) {
      if (this.closed) break;
      try {
        const socket = await this.open();
        if (this.closed) {
          socket.destroy(); // close() was called while this attempt was under way
          break;
        }
        this.adopt(socket);
        return socket;
      } catch (error) {
        lastError = error;
        if (attempt < attempts) await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    }
    if (this.closed) throw new MllpClientError(MllpClientErrorCode.CLIENT_CLOSED, 'the client was closed while connecting');
    throw new MllpClientError(MllpClientErrorCode.CONNECTION_FAILED, `could not connect to ${this.settings.host}:${this.settings.port}`, {
      cause: lastError,
    });
  }

  private open(): Promise<net.Socket> {
    const { host, port, connectTimeoutMs } = this.settings;
    return new Promise((resolve, reject) => {
      const socket = this.settings.tls ? tls.connect({ host, port, ...this.settings.tls }) : net.connect({ host, port });
      const ready = this.settings.tls ? 'secureConnect' : 'connect';
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`connection attempt timed out after ${connectTimeoutMs} ms`));
      }, connectTimeoutMs);
      socket.once('error', (error: Error) => {
        clearTimeout(timer);
        reject(error);
      });
      socket.once(ready, () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        socket.on('error', () => undefined); // adopt() takes over; 'close' reports the loss
        resolve(socket);
      });
    });
  }

  private adopt(socket: net.Socket): void {
    this.socket = socket;
    socket.setNoDelay(true);
    const decoder = new MllpFrameDecoder({ maxFrameBytes: this.settings.maxFrameBytes });
    socket.on('data', (chunk: Buffer) => {
      for (const event of decoder.push(chunk)) {
        if (event.kind === 'frame') this.onAck(event.payload);
        else this.emit('invalidAck', { reason: `${event.kind} (${event.bytes} bytes)` });
      }
    });
    socket.once('close', (hadError) => {
      if (this.socket === socket) this.socket = undefined;
      const lost = [...this.inFlight.values()];
      this.inFlight.clear();
      this.failAll(lost, new MllpClientError(MllpClientErrorCode.CONNECTION_LOST, 'the connection closed before the ACK arrived'));
      this.emit('disconnect', { hadError });
      if (!this.closed) this.pump();
    });
    this.emit('connect');
  }

  private onAck(payload: Buffer): void {
    let ack: Hl7Message;
    try {
      ack = parseHl7(payload);
    } catch (error) {
      this.emit('invalidAck', { reason: error instanceof Hl7ParseError ? error.message : 'unreadable ACK' });
      return;
    }
    const acknowledged = ack.get('MSA', 2) ?? '';
    const pending = this.inFlight.get(acknowledged);
    if (!pending) {
      this.emit('unmatchedAck', { ackControlId: ack.controlId, acknowledgedControlId: acknowledged });
      return;
    }
    clearTimeout(pending.timer);
    this.inFlight.delete(acknowledged);
    pending.resolve(ack);
    this.pump();
  }

  private failAll(pending: Pending[], error: unknown): void {
    for (const p of pending) {
      clearTimeout(p.timer);
      p.reject(error instanceof Error ? error : new MllpClientError(MllpClientErrorCode.CONNECTION_FAILED, 'connection failed'));
    }
  }
}
