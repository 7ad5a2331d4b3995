/**
 * `npm start` (scripts/start.ts) on a machine with no kiosk configuration: demo mode, said on the console,
 * and SIGTERM stops everything it started — host, mock portal, the isolated pcscd with its vpcd bridges.
 * Headless (no display) so no browser is opened; run as tsx directly (npm start first runs setup.sh).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
let child: ChildProcess | null = null;
afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
});

/** Every process whose command line mentions `marker` (the test's own data folder), other than `ps`. */
function processesWith(marker: string): string[] {
  return execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.includes(marker) && !/\bps -eo\b/.test(l));
}

describe('npm start', () => {
  it('starts in demo mode without a configuration, and SIGTERM leaves nothing running', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'kiosk-start-'));
    const env: NodeJS.ProcessEnv = { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '' };
    delete env.PCSCLITE_CSOCK_NAME;
    delete env.KIOSK_CONFIG;
    child = spawn(
      process.execPath,
      ['--import', 'tsx', 'scripts/start.ts', '--headless', '--data-dir', dataDir],
      {
        cwd: ROOT,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    await expect.poll(() => out, { timeout: 90_000, interval: 250 }).toMatch(/Kiosk ready/);
    expect(out).toMatch(/no kiosk configuration .*starting in DEMO mode/);
    expect(out).toMatch(/bootstrap\?code=/);
    // Its pcscd (isolated, with the vpcd bridges) and its mock portal are running: each names a folder
    // of this start (the pcscd's temp folder is found through the host's children).
    const pcscds = execFileSync('ps', ['-eo', 'pid,ppid,args'], { encoding: 'utf8' })
      .split('\n')
      .filter((l) => /unshare --net --mount --pid/.test(l));
    const mine = pcscds.filter((l) => l.trim().split(/\s+/)[1] === String(child!.pid));
    expect(mine).toHaveLength(1);
    const pcscdDir = /(\/tmp\/kiosk-pcscd-\w+)/.exec(mine[0]!)![1]!;
    expect(processesWith(pcscdDir).length).toBeGreaterThanOrEqual(3); // unshare, pcscd, socat × 2
    expect(processesWith(`${dataDir}-mock-portal`)).toHaveLength(1);

    const exited = new Promise<number | null>((r) => child!.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await expect.poll(() => processesWith(pcscdDir), { timeout: 10_000 }).toEqual([]);
    expect(processesWith(`${dataDir}-mock-portal`)).toEqual([]);
  });
});
