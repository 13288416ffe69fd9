import SftpClient from 'ssh2-sftp-client';
import { FileConnectorException, FileConnectorExceptionCode as Code } from './file-connector.exception';
import {
  alternativeName,
  DONE_MARKER_SUFFIX,
  type FileDisposition,
  type FileSource,
  isCandidateFileName,
  REPORT_SUFFIX,
  type SourceEntry,
} from './file-source';

export interface SftpSourceOptions {
  host: string;
  port: number;
  username: string;
  /** OpenSSH or PEM private key (a secret: never logged). */
  privateKey: string | Buffer;
  /** Directory polled on the server, e.g. `/upload/chargemaster`. */
  directory: string;
  /**
   * SHA-256 fingerprint of the server's host key (base64, as `ssh-keygen -lf` prints after "SHA256:").
   * When set, any other host key is refused.
   */
  hostKeySha256?: string;
  readyTimeoutMs?: number;
}

/**
 * A directory on an SFTP server, polled over one connection opened lazily and reopened after a
 * failure. Handled files are renamed into processed/ or failed/ on the server (SFTP rename never
 * overwrites on OpenSSH, so a clash gets a suffixed name).
 */
export class SftpSource implements FileSource {
  private client?: Promise<SftpClient>;

  constructor(private readonly options: SftpSourceOptions) {}

  get description(): string {
    return `sftp://${this.options.host}:${this.options.port}${this.options.directory}`;
  }

  async list(): Promise<SourceEntry[]> {
    const entries = await this.call((sftp) => sftp.list(this.options.directory));
    return entries
      .filter((entry) => entry.type === '-' && isCandidateFileName(entry.name))
      .map((entry) => ({ name: entry.name, size: entry.size, modifiedMs: entry.modifyTime }))
      .sort((a, b) => a.modifiedMs - b.modifiedMs || a.name.localeCompare(b.name));
  }

  async markers(): Promise<Set<string>> {
    const entries = await this.call((sftp) => sftp.list(this.options.directory));
    return new Set(
      entries.filter((e) => e.type === '-' && e.name.endsWith(DONE_MARKER_SUFFIX)).map((e) => e.name.slice(0, -DONE_MARKER_SUFFIX.length)),
    );
  }

  async read(name: string): Promise<Buffer> {
    const content = await this.call((sftp) => sftp.get(this.path(name)));
    if (!Buffer.isBuffer(content)) throw new Error(`${name}: the SFTP client returned a stream instead of the file's bytes`);
    return content;
  }

  async dispose(name: string, disposition: FileDisposition, report: string): Promise<string> {
    const folder = `${this.options.directory}/${disposition}`;
    await this.call(async (sftp) => {
      if (!(await sftp.exists(folder))) await sftp.mkdir(folder, true);
    });
    let target = name;
    for (let attempt = 1; ; attempt++) {
      const taken = await this.call((sftp) => sftp.exists(`${folder}/${target}`));
      if (!taken) break;
      target = alternativeName(name, attempt);
    }
    await this.call((sftp) => sftp.put(Buffer.from(report), `${folder}/${target}${REPORT_SUFFIX}`));
    await this.call((sftp) => sftp.rename(this.path(name), `${folder}/${target}`));
    await this.call(async (sftp) => {
      if (await sftp.exists(this.path(name + DONE_MARKER_SUFFIX))) await sftp.delete(this.path(name + DONE_MARKER_SUFFIX));
    });
    return target;
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) await (await client.catch(() => undefined))?.end().catch(() => undefined);
  }

  private path(name: string): string {
    return `${this.options.directory}/${name}`;
  }

  private connect(): Promise<SftpClient> {
    if (!this.client) {
      const sftp = new SftpClient('concord-files');
      const expected = this.options.hostKeySha256?.replace(/^SHA256:/, '').replace(/=+$/, '');
      this.client = sftp
        .connect({
          host: this.options.host,
          port: this.options.port,
          username: this.options.username,
          privateKey: this.options.privateKey,
          readyTimeout: this.options.readyTimeoutMs ?? 10_000,
          retries: 0,
          hostHash: 'sha256',
          hostVerifier: expected
            ? (hash: string) => Buffer.from(hash, 'hex').toString('base64').replace(/=+$/, '') === expected
            : undefined,
        })
        .then(() => sftp);
      this.client.catch(() => (this.client = undefined));
    }
    return this.client;
  }

  private async call<T>(work: (sftp: SftpClient) => Promise<T>): Promise<T> {
    try {
      return await work(await this.connect());
    } catch (error) {
      // The next call reconnects: a dropped connection must not wedge the poller.
      await this.close();
      throw new FileConnectorException(
        Code.SOURCE_UNAVAILABLE,
        `SFTP ${this.description}: ${error instanceof Error ? error.message.replace(/\s+/g, ' ').slice(0, 200) : 'failed'}`,
        [],
        { cause: error },
      );
    }
  }
}
