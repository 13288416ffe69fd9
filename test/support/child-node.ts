import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');

export interface ChildNode {
  child: ChildProcess;
  /** Resolves with the signal or exit code when the process ends. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves when the process prints a line starting with `prefix`. */
  waitFor(prefix: string, timeoutMs?: number): Promise<string>;
  output(): string;
}

/** Starts a TypeScript entry point of the repository in its own Node process (no build needed). */
export function startChildNode(entry: string, env: Record<string, string>): ChildNode {
  const child = spawn(process.execPath, ['-r', join(root, 'test/support/ts-register.cjs'), join(root, entry)], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const waiters: { prefix: string; resolve: (line: string) => void }[] = [];
  const onData = (chunk: Buffer) => {
    text += chunk.toString();
    for (const waiter of [...waiters]) {
      const line = text.split('\n').find((l) => l.startsWith(waiter.prefix));
      if (line) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.on('exit', (code, signal) => done({ code, signal })),
  );
  return {
    child,
    exited,
    output: () => text,
    waitFor(prefix, timeoutMs = 60_000) {
      const line = text.split('\n').find((l) => l.startsWith(prefix));
      if (line) return Promise.resolve(line);
      return new Promise<string>((resolveLine, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no "${prefix}" within ${timeoutMs} ms; output:\n${text.slice(-2000)}`)),
          timeoutMs,
        );
        waiters.push({
          prefix,
          resolve: (l) => {
            clearTimeout(timer);
            resolveLine(l);
          },
        });
        void exited.then(({ code, signal }) => {
          clearTimeout(timer);
          reject(new Error(`exited (${signal ?? code}) before "${prefix}"; output:\n${text.slice(-2000)}`));
        });
      });
    },
  };
}
