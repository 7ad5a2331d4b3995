/**
 * Test fixtures: a real kiosk host process (tsx host/main.ts) serving the built renderer, started
 * once per worker; the test opens its URL (with the per-launch token).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { test as base } from '@playwright/test';

export interface KioskProcess {
  url: string;
  port: number;
  origin: string;
  token: string;
}

export async function startHostProcess(
  extraArgs: string[] = [],
): Promise<{ kiosk: KioskProcess; child: ChildProcess }> {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kiosk-e2e-'));
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'host/main.ts',
      '--renderer-dir',
      'dist/renderer',
      '--data-dir',
      dataDir,
      ...extraArgs,
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const line = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error('host did not start within 30 s')), 30_000);
    rl.once('line', (l) => {
      clearTimeout(timer);
      resolve(l);
    });
    child.once('exit', (code) => reject(new Error(`host exited with ${code}`)));
  });
  const ready = JSON.parse(line) as { event: string; url: string; port: number };
  if (ready.event !== 'ready') throw new Error(`host failed: ${line}`);
  const u = new URL(ready.url);
  return {
    child,
    kiosk: { url: ready.url, port: ready.port, origin: u.origin, token: u.searchParams.get('token') ?? '' },
  };
}

export const test = base.extend<object, { kiosk: KioskProcess }>({
  kiosk: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const { kiosk, child } = await startHostProcess();
      await use(kiosk);
      child.kill('SIGTERM');
    },
    { scope: 'worker' },
  ],
});

export { expect } from '@playwright/test';
