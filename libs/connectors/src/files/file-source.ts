/** A file waiting in a source, as listed (not yet read). */
export interface SourceEntry {
  name: string;
  size: number;
  /** Modification time in epoch milliseconds (what the server reports; SFTP has second precision). */
  modifiedMs: number;
}

/** Where a file ends up once handled. */
export type FileDisposition = 'processed' | 'failed';
export const PROCESSED_FOLDER = 'processed';
export const FAILED_FOLDER = 'failed';
/** Suffix of the marker a sender writes after the file itself when completeness is signalled by marker. */
export const DONE_MARKER_SUFFIX = '.done';
/** Suffix of the report written next to a handled file in processed/ or failed/. */
export const REPORT_SUFFIX = '.report.json';

/**
 * One place files arrive: a local drop folder or a remote SFTP directory. Both keep handled files
 * in `processed/` and `failed/` subfolders of the same directory, each with a sidecar report.
 */
export interface FileSource {
  /** Describes the source for logs and reports (a path or sftp://host:port/dir, never a secret). */
  readonly description: string;
  /** Files directly in the directory: not hidden, not partial (.tmp/.part), not markers or subfolders. */
  list(): Promise<SourceEntry[]>;
  /** Names of `.done` markers present (without the suffix), for marker-signalled completeness. */
  markers(): Promise<Set<string>>;
  read(name: string): Promise<Buffer>;
  /**
   * Moves `name` into processed/ or failed/ with its report beside it, never overwriting an earlier
   * file of the same name (a suffix is added); removes its `.done` marker. Returns the new name.
   */
  dispose(name: string, disposition: FileDisposition, report: string): Promise<string>;
  close(): Promise<void>;
}

const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._ -]{0,199}$/;
const PARTIAL = /\.(tmp|part|filepart|partial|crdownload)$/i;

/** Whether a listed name is a file a source may hand over (markers, reports and partial files are not). */
export function isCandidateFileName(name: string): boolean {
  return FILE_NAME.test(name) && !PARTIAL.test(name) && !name.endsWith(DONE_MARKER_SUFFIX) && !name.endsWith(REPORT_SUFFIX);
}

/** The name a file gets in processed/ or failed/ when `name` is taken there already. */
export function alternativeName(name: string, attempt: number): string {
  const dot = name.lastIndexOf('.');
  const stamp = `${new Date().toISOString().replace(/[-:.]/g, '')}-${attempt}`;
  return dot > 0 ? `${name.slice(0, dot)}.${stamp}${name.slice(dot)}` : `${name}.${stamp}`;
}
