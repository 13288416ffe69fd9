import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/** Where a run's file came from. */
export type FileRunOrigin = 'folder' | 'sftp' | 'upload';
/** `claimed` while a run is in progress (or crashed mid-way); final otherwise. */
export type FileRunStatus = 'claimed' | 'completed' | 'failed';

/**
 * One file of one feed, keyed by its content hash: the claim that makes pick-up exactly-once (a
 * second file with the same bytes finds the row and is a duplicate; a run that crashed finds its
 * row still `claimed` and runs again) and, once final, the run with its counts and report.
 */
@Entity({ name: 'file_run' })
@Unique('uq_file_run_content', ['feed', 'contentHash'])
@Index('ix_file_run_feed', ['feed', 'claimedAt'])
export class FileRunEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 60 })
  feed!: string;

  /** SHA-256 of the file's bytes, hex. */
  @Column({ name: 'content_hash', type: 'varchar', length: 64 })
  contentHash!: string;

  @Column({ name: 'file_name', type: 'varchar', length: 200 })
  fileName!: string;

  @Column({ type: 'integer' })
  size!: number;

  @Column({ type: 'varchar', length: 10 })
  origin!: FileRunOrigin;

  @Column({ type: 'varchar', length: 12 })
  status!: FileRunStatus;

  /** How often the file was taken up: more than 1 after a crash or a retried failure. */
  @Column({ type: 'integer' })
  attempts!: number;

  /** Process that holds the claim; another process takes over once the lease has run out. */
  @Column({ name: 'claimed_by', type: 'varchar', length: 64 })
  claimedBy!: string;

  @Column({ name: 'claimed_at', type: 'varchar', length: 30 })
  claimedAt!: string;

  @Column({ name: 'completed_at', type: 'varchar', length: 30, nullable: true })
  completedAt!: string | null;

  @Column({ type: 'integer' })
  accepted!: number;

  @Column({ type: 'integer' })
  rejected!: number;

  @Column({ type: 'integer' })
  unchanged!: number;

  /** The run report (JSON): per-row rejections with line, field and reason; null while claimed. */
  @Column({ type: 'text', nullable: true })
  report!: string | null;

  /** Name the file got in processed/ or failed/ (folder and SFTP runs), once moved. */
  @Column({ name: 'disposed_as', type: 'varchar', length: 220, nullable: true })
  disposedAs!: string | null;
}
