import { ApiProperty } from '@nestjs/swagger';
import { defineEvent, type EventContract } from './event-contract';

// Events of the batch-file interfaces: one per run of a feed (a file dropped, polled over SFTP or
// uploaded). Rows are not in the data: consumers read the run's report from /files/v1 when needed.

export class FilesRunData {
  @ApiProperty({ description: 'Run id', example: '6f1c1c55-2f0e-4f53-9c1e-8f6a0a4f9d01' })
  runId!: string;

  @ApiProperty({ description: 'Feed that ran the file', example: 'chargemaster' })
  feed!: string;

  @ApiProperty({ example: 'cdm-2026-07.csv' })
  fileName!: string;

  @ApiProperty({ description: 'SHA-256 of the file, hex', example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' })
  contentHash!: string;

  @ApiProperty({ enum: ['folder', 'sftp', 'upload'], example: 'upload' })
  origin!: string;

  @ApiProperty({ description: 'Rows applied', example: 6 })
  accepted!: number;

  @ApiProperty({ description: 'Rows rejected (line, field and reason in the report)', example: 1 })
  rejected!: number;

  @ApiProperty({ description: 'Rows that matched the target already', example: 2 })
  unchanged!: number;
}

export const FILES_RUN_COMPLETED = defineEvent<FilesRunData>({
  type: 'files.run.completed.v1',
  dataClass: FilesRunData,
  aggregateType: 'file-run',
  orderingKey: (data) => data.feed,
  summary: 'A batch file was applied (all rows, or its valid rows under the feed policy)',
  containsPhi: false,
  deadLetterPolicy: 'continue',
});

export const FILES_RUN_FAILED = defineEvent<FilesRunData>({
  type: 'files.run.failed.v1',
  dataClass: FilesRunData,
  aggregateType: 'file-run',
  orderingKey: (data) => data.feed,
  summary: 'A batch file was not applied (unreadable, rejected under an all-or-nothing policy, or an error)',
  containsPhi: false,
  deadLetterPolicy: 'continue',
});

export const FILES_EVENTS: readonly EventContract[] = [FILES_RUN_COMPLETED, FILES_RUN_FAILED];
