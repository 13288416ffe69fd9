import { readFileSync } from 'node:fs';
import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { MllpServer } from '@concord/connectors/hl7v2';
import { APP_LOGGER, type AppLogger } from '@concord/platform';
import { SystemApiConfig } from '../../system-api.config';
import { MessageIntake } from './message-intake.service';

/**
 * The HL7 v2 MLLP listener of system-api (MLLP_PORT; off when unset). Each frame goes to MessageIntake, which
 * stores it before the ACK is written; framing, size and time limits are MllpServer's, per connection, so one bad
 * sender never harms the others. Logs carry counts and connection ids only, never message contents.
 */
@Injectable()
export class MllpListener implements OnApplicationBootstrap, OnModuleDestroy {
  private server?: MllpServer;

  constructor(
    private readonly config: SystemApiConfig,
    private readonly intake: MessageIntake,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {}

  /** The port bound (0 when the listener is off). */
  get port(): number {
    return this.server?.port ?? 0;
  }

  get tls(): boolean {
    return this.server?.settings.tls !== undefined;
  }

  async onApplicationBootstrap(): Promise<void> {
    const { MLLP_PORT: port } = this.config;
    if (port === undefined) return;
    const tls =
      this.config.MLLP_TLS_CERT_FILE && this.config.MLLP_TLS_KEY_FILE
        ? {
            cert: readFileSync(this.config.MLLP_TLS_CERT_FILE),
            key: readFileSync(this.config.MLLP_TLS_KEY_FILE),
            ...(this.config.MLLP_TLS_CA_FILE
              ? { ca: readFileSync(this.config.MLLP_TLS_CA_FILE), requestCert: true, rejectUnauthorized: true }
              : {}),
          }
        : undefined;
    const server = new MllpServer({
      host: this.config.MLLP_HOST ?? this.config.HOST,
      port,
      maxFrameBytes: this.config.MLLP_MAX_FRAME_BYTES,
      frameTimeoutMs: this.config.MLLP_FRAME_TIMEOUT_MS,
      tls,
      handler: (frame, meta) => this.intake.receive(frame, meta.receivedAt, meta.remoteAddress),
    });
    server.on('handlerError', ({ connectionId, error }) =>
      this.logger.error(
        { connectionId, error: error instanceof Error ? error.name : 'error' },
        'HL7 v2 message could not be stored; answered AR',
      ),
    );
    server.on('oversized', ({ connectionId, bytes }) => this.logger.warn({ connectionId, bytes }, 'oversized MLLP frame cut off'));
    server.on('frameTimeout', ({ connectionId }) => this.logger.warn({ connectionId }, 'unterminated MLLP frame cut off'));
    const bound = await server.listen();
    this.server = server;
    this.logger.info({ port: bound, tls: tls !== undefined }, 'MLLP listener ready');
  }

  async onModuleDestroy(): Promise<void> {
    await this.server?.close();
    this.server = undefined;
  }
}
