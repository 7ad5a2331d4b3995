/**
 * The kiosk host as its own process (`node --import tsx host/main.ts`), the way the e2e fixtures and the
 * browser benchmarks (scripts/bench/journey.ts, taps.ts) run it: a fresh data folder (with an optional
 * `kiosk.json`), the built renderer (`dist/renderer`), and the first stdout line
 * `{"event":"ready","url":…,"port":…,"mode":…}` awaited.
 *
 * May import: node built-ins and ./wait.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { stopProcess } from './wait';

/** The repository (the host runs from here). */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The host's first line on stdout (host/main.ts). */
export interface HostReady {
  event: 'ready';
  /** The one-time bootstrap URL (`/bootstrap?code=…`): one GET exchanges it for the session cookie. */
  url: string;
  port: number;
  mode: 'production' | 'demo';
  /** The mock national portal (its admin API injects faults), when the host runs it. */
  mockPortal?: string | null;
}

export interface HostProcessOptions {
  /** host/main.ts flags after `--renderer-dir` and `--data-dir` (e.g. `--no-devices`, `--demo`). */
  args?: string[];
  env?: NodeJS.ProcessEnv;
  /** Written as `<dataDir>/kiosk.json` before the start. */
  config?: Record<string, unknown> | null;
  /** Node flags before `--import tsx` (a benchmark's `--expose-gc`, `--import <hook>`). */
  nodeArgs?: string[];
  /** The host's stderr: the test's own (default) or dropped. */
  stderr?: 'inherit' | 'ignore';
  /** Prefix of the data folder's name in the temporary folder. */
  dataDirPrefix?: string;
}

export interface HostProcess {
  child: ChildProcess;
  ready: HostReady;
  dataDir: string;
}

/** Starts the host and resolves once it is ready (60 s at most); later stdout lines are drained. */
export async function startHostProcess(options: HostProcessOptions = {}): Promise<HostProcess> {
  const dataDir = mkdtempSync(path.join(tmpdir(), options.dataDirPrefix ?? 'kiosk-host-'));
  if (options.config) writeFileSync(path.join(dataDir, 'kiosk.json'), JSON.stringify(options.config));
  const child = spawn(
    process.execPath,
    [
      ...(options.nodeArgs ?? []),
      '--import',
      'tsx',
      'host/main.ts',
      '--renderer-dir',
      'dist/renderer',
      '--data-dir',
      dataDir,
      ...(options.args ?? []),
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', options.stderr ?? 'inherit'], env: options.env ?? process.env },
  );
  const rl = createInterface({ input: child.stdout! });
  const line = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('host did not start within 60 s'));
    }, 60_000);
    const onExit = (code: number | null): void => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code}`));
    };
    child.once('exit', onExit);
    rl.once('line', (l) => {
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve(l);
    });
  });
  rl.on('line', () => undefined); // keep draining later lines
  const ready = JSON.parse(line) as HostReady;
  if (ready.event !== 'ready') {
    await stopHost({ child, dataDir });
    throw new Error(`host failed: ${line}`);
  }
  return { child, ready, dataDir };
}

/**
 * The folders a host keeps beside its data folder (host/store/key-location.ts, host/wiring/start-portal.ts,
 * host/agencies/endpoints.ts): the key files, and in demo mode the mock portal's and the agency mocks' records.
 */
const SIBLING_FOLDERS = ['-keys', '-mock-portal', '-mock-agencies'];

/**
 * Stops the host (SIGTERM, then SIGKILL after 5 s) and removes its data folder and the folders beside it.
 * Resolves once it has exited and they are gone.
 */
export async function stopHost(host: { child: ChildProcess; dataDir: string }): Promise<void> {
  await stopProcess(host.child);
  for (const folder of [host.dataDir, ...SIBLING_FOLDERS.map((s) => `${host.dataDir}${s}`)])
    rmSync(folder, { recursive: true, force: true });
}
