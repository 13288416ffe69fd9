import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import { FileIntake, type FileRunEntity, FileRunStore, type FileSource, type RunCompletion } from '@concord/connectors/files';
import { FILES_RUN_COMPLETED, FILES_RUN_FAILED, type FilesRunData } from '@concord/contracts';
import { EventBackbone, eventIdFor } from '@concord/events';
import { TransactionRunner } from '@concord/platform';
import { SystemApiConfig } from '../system-api.config';
import { type FileRunDto, type FileRunPageDto, fileRunDtoOf } from './dto/file-run.dto';
import { feedHandler } from './feed-runner';
import { FILE_FEEDS, type FileFeed } from './file-feed';
import { FilesException, FilesExceptionCode as Code } from './files.exception';

const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._ -]{0,199}$/;

/** The feeds' runs: uploads, polls of the configured source, the run list and reports. */
@Injectable()
export class FilesService {
  private readonly store: FileRunStore;
  private readonly intakes = new Map<string, FileIntake>();
  private readonly feeds: Map<string, FileFeed>;

  constructor(
    dataSource: DataSource,
    transactions: TransactionRunner,
    private readonly backbone: EventBackbone,
    config: SystemApiConfig,
    @Inject(FILE_FEEDS) feeds: FileFeed[],
  ) {
    this.store = new FileRunStore(dataSource, randomUUID(), config.FILES_CLAIM_LEASE_SECONDS * 1000, (work) => transactions.run(work));
    this.feeds = new Map(feeds.map((feed) => [feed.name, feed]));
  }

  feedNames(): string[] {
    return [...this.feeds.keys()];
  }

  /** Sets up a feed's intake, polling `source` when one is configured. */
  attach(feedName: string, source?: FileSource, origin?: 'folder' | 'sftp', completeness?: 'stable' | 'marker'): FileIntake {
    const feed = this.feed(feedName);
    const intake = new FileIntake({
      feed: feed.name,
      store: this.store,
      source,
      origin,
      completeness,
      handler: { ...feedHandler(feed), commit: (manager, run, completion) => this.announce(manager, run, completion) },
    });
    this.intakes.set(feed.name, intake);
    return intake;
  }

  async upload(feedName: string, fileName: string | undefined, content: unknown): Promise<FileRunDto> {
    if (!fileName || !FILE_NAME.test(fileName))
      throw new FilesException(Code.INVALID_UPLOAD, 'fileName must be 1-200 letters, digits, spaces, ".", "_" or "-"', [
        { in: 'query', name: 'fileName', detail: 'must be 1-200 letters, digits, spaces, ".", "_" or "-"' },
      ]);
    const bytes = Buffer.isBuffer(content) ? content : typeof content === 'string' ? Buffer.from(content) : undefined;
    if (!bytes?.length)
      throw new FilesException(Code.INVALID_UPLOAD, 'The request body must be the file (text/csv, text/plain or application/octet-stream)');
    const { run, duplicate } = await this.intake(feedName).ingest(fileName, bytes);
    return fileRunDtoOf(run, duplicate);
  }

  async list(feedName: string, cursor: string | undefined, limit: number): Promise<FileRunPageDto> {
    this.feed(feedName);
    const before = cursor ? decodeCursor(cursor) : undefined;
    const runs = await this.store.list(feedName, limit + 1, before);
    const page = runs.slice(0, limit);
    const last = page.at(-1);
    return {
      data: page.map((run) => fileRunDtoOf(run)),
      ...(runs.length > limit && last ? { nextCursor: Buffer.from(`${last.claimedAt}|${last.id}`).toString('base64url') } : {}),
    };
  }

  async get(feedName: string, runId: string): Promise<FileRunDto> {
    return fileRunDtoOf(await this.run(feedName, runId));
  }

  /** The run's report as the sidecar file carries it. */
  async report(feedName: string, runId: string): Promise<{ fileName: string; body: string }> {
    const run = await this.run(feedName, runId);
    if (run.status === 'claimed') throw new FilesException(Code.RUN_IN_PROGRESS, `Run ${runId} is still in progress`);
    const body = JSON.stringify({ ...fileRunDtoOf(run), report: JSON.parse(run.report ?? 'null') as unknown }, null, 2);
    return { fileName: `${run.fileName}.report.json`, body };
  }

  private async run(feedName: string, runId: string): Promise<FileRunEntity> {
    this.feed(feedName);
    const run = /^[0-9a-f-]{36}$/.test(runId) ? await this.store.get(runId) : null;
    if (!run || run.feed !== feedName) throw new FilesException(Code.RUN_NOT_FOUND, `No run ${runId} of feed ${feedName}`);
    return run;
  }

  private intake(feedName: string): FileIntake {
    return this.intakes.get(feedName) ?? this.attach(feedName);
  }

  private feed(name: string): FileFeed {
    const feed = this.feeds.get(name);
    if (!feed) throw new FilesException(Code.UNKNOWN_FEED, `No feed ${name}; feeds: ${this.feedNames().join(', ')}`);
    return feed;
  }

  /** files.run.completed.v1 or files.run.failed.v1, in the transaction that completes the run. */
  private async announce(manager: EntityManager, run: FileRunEntity, completion: RunCompletion): Promise<void> {
    const contract = completion.status === 'completed' ? FILES_RUN_COMPLETED : FILES_RUN_FAILED;
    const data: FilesRunData = {
      runId: run.id,
      feed: run.feed,
      fileName: run.fileName,
      contentHash: run.contentHash,
      origin: run.origin,
      accepted: completion.accepted,
      rejected: completion.rejected,
      unchanged: completion.unchanged,
    };
    await this.backbone.outbox.add(manager, [
      {
        id: eventIdFor(`file-run:${run.id}:${run.attempts}`, contract.type),
        type: contract.type,
        data: { ...data },
        subject: `FileRun/${run.id}`,
      },
    ]);
  }
}

function decodeCursor(cursor: string): { claimedAt: string; id: string } {
  const [claimedAt, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!claimedAt || !id)
    throw new FilesException(Code.INVALID_UPLOAD, 'cursor is not one this API issued', [
      { in: 'query', name: 'cursor', detail: 'unknown cursor' },
    ]);
  return { claimedAt, id };
}
