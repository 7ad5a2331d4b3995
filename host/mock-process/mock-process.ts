import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** A mock server running in its own process (the portal mock, each agency mock, the queue centre mock). */
export interface MockProcess {
  url: string;
  port: number;
  pid: number;
  /** A JSON call to the mock's admin paths (`/admin/...`). */
  admin(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown>;
  stop(): Promise<void>;
}

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Spawns `node --import tsx <script> ...args` from the repository root and resolves once the child prints
 * `{"event":"ready","port":N}` on stdout (`--port 0` lets it pick a free port). Rejects if it exits first,
 * with the end of its stderr.
 */
export async function startMockProcess(script: string, args: string[]): Promise<MockProcess> {
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
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    pid: child.pid ?? -1,
    async admin(method, path, body) {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(10_000),
      });
      return res.json();
    },
    stop() {
      return new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    },
  };
}

/** What every started mock offers: where it listens, its faults (`POST /admin/faults`) and a clean stop. */
export interface MockHandle<F> {
  url: string;
  port: number;
  pid: number;
  /** Replaces the current faults (`POST /admin/faults`). */
  setFaults(f: F): Promise<void>;
  stop(): Promise<void>;
}

/** The common part of a mock's handle, for the starters to extend with their own admin calls. */
export function mockHandle<F>(p: MockProcess): MockHandle<F> {
  return {
    url: p.url,
    port: p.port,
    pid: p.pid,
    async setFaults(f) {
      await p.admin('POST', '/admin/faults', f);
    },
    stop: () => p.stop(),
  };
}
