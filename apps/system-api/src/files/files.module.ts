import { Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { BillingModule } from '../billing/billing.module';
import { SystemApiConfig } from '../system-api.config';
import { ChargemasterFeed } from './chargemaster/chargemaster.feed';
import { FEED_NAMES } from './dto/file-run.dto';
import { FILE_FEEDS, type FileFeed } from './file-feed';
import { FILE_UPLOAD_CONTENT_TYPES, FilesController } from './files.controller';
import { FilesPoller } from './files-poller';
import { FilesService } from './files.service';
import { LockboxFeed } from './lockbox/lockbox.feed';

/** /files/v1: batch-file feeds (drop folder, SFTP or upload) applied to the core systems, with their runs and reports. */
@Module({
  imports: [BillingModule],
  controllers: [FilesController],
  providers: [
    ChargemasterFeed,
    LockboxFeed,
    {
      provide: FILE_FEEDS,
      inject: [ChargemasterFeed, LockboxFeed],
      useFactory: (...feeds: FileFeed[]) => {
        // The OpenAPI contract lists the feeds: a feed added here must be added there too.
        if (feeds.map((f) => f.name).join() !== FEED_NAMES.join())
          throw new Error(`FEED_NAMES must list ${feeds.map((f) => f.name).join(', ')}`);
        return feeds;
      },
    },
    FilesService,
    FilesPoller,
  ],
  exports: [FilesPoller],
})
export class FilesModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: SystemApiConfig,
  ) {}

  /** Uploads arrive as the file's bytes, up to their own size limit. */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    for (const type of FILE_UPLOAD_CONTENT_TYPES) {
      if (fastify.hasContentTypeParser(type)) continue;
      fastify.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: this.config.FILES_UPLOAD_LIMIT_BYTES }, (_request, body, done) =>
        done(null, body),
      );
    }
  }
}
