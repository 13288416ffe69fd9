import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

const SSHD = '/usr/sbin/sshd';

/** A real OpenSSH server on a loopback port, SFTP only (internal-sftp, chrooted), for one test suite. */
export interface SftpServer {
  host: string;
  port: number;
  username: string;
  privateKey: string;
  /** SHA-256 fingerprint of the host key, base64 without padding (what `ssh-keygen -lf` prints). */
  hostKeySha256: string;
  /** The chroot on this machine: `/upload` on the server is `join(root, 'upload')` here. */
  root: string;
  stop(): Promise<void>;
}

/**
 * Starts Debian's sshd with a temporary host key, an authorized key for the current user,
 * `ChrootDirectory` and `ForceCommand internal-sftp`. Fails with a clear message when OpenSSH's
 * server is not installed: the SFTP tests never skip (CI installs `openssh-server`).
 */
export async function startSftpServer(): Promise<SftpServer> {
  if (!existsSync(SSHD))
    throw new Error(`${SSHD} not found: the SFTP tests need Debian's OpenSSH server (apt-get install -y openssh-server)`);
  // sshd insists that every component of the chroot path is root-owned and not group/world-writable,
  // which rules out /tmp (mode 1777): the chroot lives under /run instead.
  const base = mkdtempSync(join(existsSync('/run') ? '/run' : tmpdir(), 'concord-sftp-'));
  chmodSync(base, 0o755);
  const root = join(base, 'chroot');
  mkdirSync(join(root, 'upload'), { recursive: true });
  chmodSync(root, 0o755);
  const keys = join(base, 'keys');
  mkdirSync(keys, { mode: 0o700 });
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(keys, 'host'), '-C', 'concord-test-host']);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(keys, 'client'), '-C', 'concord-test-client']);
  writeFileSync(join(keys, 'authorized_keys'), readFileSync(join(keys, 'client.pub')));
  const fingerprint = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', join(keys, 'host.pub')]).toString();
  const hostKeySha256 = /SHA256:([A-Za-z0-9+/]+)/.exec(fingerprint)![1];
  // sshd needs its privilege-separation directory even with a private config.
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const username = userInfo().username;

  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const config = join(base, 'sshd_config');
    writeFileSync(
      config,
      [
        `Port ${port}`,
        'ListenAddress 127.0.0.1',
        `HostKey ${join(keys, 'host')}`,
        `AuthorizedKeysFile ${join(keys, 'authorized_keys')}`,
        'PasswordAuthentication no',
        'KbdInteractiveAuthentication no',
        'PubkeyAuthentication yes',
        'PermitRootLogin prohibit-password',
        'UsePAM no',
        'StrictModes no',
        'PidFile none',
        'LogLevel ERROR',
        'Subsystem sftp internal-sftp',
        `Match User ${username}`,
        `  ChrootDirectory ${root}`,
        '  ForceCommand internal-sftp',
        '  AllowTcpForwarding no',
        '  X11Forwarding no',
        '',
      ].join('\n'),
    );
    const child = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const ready = await listening(port, child);
    if (ready) {
      return {
        host: '127.0.0.1',
        port,
        username,
        privateKey: readFileSync(join(keys, 'client'), 'utf8'),
        hostKeySha256,
        root,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) {
            const exited = new Promise((done) => child.once('exit', done));
            child.kill('SIGTERM');
            await exited;
          }
          rmSync(base, { recursive: true, force: true });
        },
      };
    }
    child.kill('SIGKILL');
    // Another process may have taken the port between our probe and sshd's bind: try another one.
    if (attempt >= 3) throw new Error(`sshd did not start: ${errors.trim()}`);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/** Whether sshd accepts connections on `port` (within ~10 s), or has exited. */
async function listening(port: number, child: ChildProcess): Promise<boolean> {
  const { connect } = await import('node:net');
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}
