import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DropFolderSource, type FileIntake, type FileSource, SftpSource } from '@concord/connectors/files';
import { APP_LOGGER, type AppLogger } from '@concord/platform';
import { SystemApiConfig } from '../system-api.config';
import { FilesService } from './files.service';

/**
 * Polls each feed's folder (`<FILES_DROP_DIR>/<feed>`) or SFTP directory (`<FILES_SFTP_DIRECTORY>/<feed>`)
 * every FILES_POLL_INTERVAL_MS; a poll never overlaps the previous one. Nothing runs with FILES_SOURCE=none.
 */
@Injectable()
export class FilesPoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private readonly polled: { intake: FileIntake; source: FileSource }[] = [];

  constructor(
    private readonly files: FilesService,
    private readonly config: SystemApiConfig,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {}

  onApplicationBootstrap(): void {
    const config = this.config;
    if (config.FILES_SOURCE === 'none') return;
    for (const feed of this.files.feedNames()) {
      const source = this.sourceFor(feed);
      this.polled.push({ intake: this.files.attach(feed, source, config.FILES_SOURCE, config.FILES_COMPLETENESS), source });
    }
    this.schedule();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await Promise.all(this.polled.map(({ source }) => source.close()));
  }

  /** One poll of every feed (also what the timer runs). */
  async pollNow(): Promise<void> {
    for (const { intake, source } of this.polled) {
      try {
        const result = await intake.poll();
        for (const error of result.errors)
          this.logger.warn({ feed: intake.feed, file: error.file, err: error.message }, 'file not taken; retried next poll');
        if (result.processed.length || result.failed.length || result.duplicates.length)
          this.logger.info(
            { feed: intake.feed, processed: result.processed.length, failed: result.failed.length, duplicates: result.duplicates.length },
            'files taken',
          );
      } catch (error) {
        this.logger.warn(
          { feed: intake.feed, source: source.description, err: error instanceof Error ? error.message : String(error) },
          'file source poll failed',
        );
      }
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.pollNow().finally(() => this.schedule()), this.config.FILES_POLL_INTERVAL_MS);
    this.timer.unref();
  }

  private sourceFor(feed: string): FileSource {
    const config = this.config;
    if (config.FILES_SOURCE === 'sftp')
      return new SftpSource({
        host: config.FILES_SFTP_HOST!,
        port: config.FILES_SFTP_PORT,
        username: config.FILES_SFTP_USERNAME!,
        privateKey: readFileSync(config.FILES_SFTP_PRIVATE_KEY_FILE!),
        directory: `${config.FILES_SFTP_DIRECTORY.replace(/\/$/, '')}/${feed}`,
        hostKeySha256: config.FILES_SFTP_HOST_KEY_SHA256,
      });
    const directory = join(config.FILES_DROP_DIR ?? join(config.DATA_DIR, 'files'), feed);
    mkdirSync(directory, { recursive: true });
    return new DropFolderSource(directory);
  }
}
