import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** A mock server running as a child process (the mock portal, the mock queue centre). */
export interface ReadyChild {
  port: number;
  pid: number;
  child: ChildProcess;
  /** SIGTERM; resolves once the process has exited. */
  stop(): Promise<void>;
}

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Runs `node --import tsx <script> ...args` from the repository root and resolves once the script prints one
 * JSON line `{"event":"ready","port":N}`; rejects (with the end of its stderr) if it exits before that.
 */
export async function spawnReadyChild(script: string, args: string[]): Promise<ReadyChild> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Inside Electron's main process (demo mode, unpackaged) execPath is Electron: run it as Node.
    ...(process.versions.electron ? { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } } : {}),
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => {
    stderr = (stderr + c.toString()).slice(-4000);
  });
  const port = await new Promise<number>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    const onExit = (code: number | null) =>
      reject(new Error(`${script} exited (${code}) before ready: ${stderr}`));
    child.once('exit', onExit);
    rl.on('line', (line) => {
      try {
        const msg = JSON.parse(line) as { event?: string; port?: number };
        if (msg.event === 'ready' && typeof msg.port === 'number') {
          child.off('exit', onExit);
          resolve(msg.port);
        }
      } catch {
        /* not a JSON line */
      }
    });
  });
  return {
    port,
    pid: child.pid ?? -1,
    child,
    stop() {
      return new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    },
  };
}

/** JSON request to a mock's admin API. */
export async function adminJson(url: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(10_000),
  });
  return res.json();
}
