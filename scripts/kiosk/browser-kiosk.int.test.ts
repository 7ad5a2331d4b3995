/**
 * The session secret never appears on a command line or in a log: the host prints a one-time code, the
 * launcher hands Chromium a private launch file (not the URL), and real Chromium, started with the kiosk's
 * own arguments, redeems the code and connects. `ps` (procps) is read while everything runs.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { redeemBootstrap, startWsTransport } from '../../host/api/ws-transport';
import { loadConfig } from '../../host/config/config';
import { createHost } from '../../host/create-host';
import { CHROMIUM_PATH as CHROMIUM } from '../../tests/support/chromium';
import { chromiumKioskArgs, writeLaunchFile } from './browser-kiosk';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

const ps = (): string => execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });

/** A renderer stand-in: one page whose script opens the API WebSocket (CSP allows only 'self' scripts). */
function tinyRenderer(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-tiny-renderer-'));
  writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><title>kiosk</title><script src="/app.js"></script>',
  );
  writeFileSync(
    path.join(dir, 'app.js'),
    "const ws = new WebSocket(`ws://${location.host}/api`); ws.onopen = () => ws.send(JSON.stringify({v:1,id:1,method:'status.get',params:{}}));",
  );
  return dir;
}

describe('no secret on a command line or in a log', () => {
  it('host/main.ts prints a one-time code, never the session secret', async () => {
    const dir = tinyRenderer();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'host/main.ts', '--no-devices', '--data-dir', dir, '--renderer-dir', dir],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    children.push(child);
    let output = '';
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).once('line', resolve);
      child.once('exit', (c) => reject(new Error(`host exited ${c}: ${output}`)));
    });
    output += line;
    const ready = JSON.parse(line) as { url: string; mode: string };
    expect(ready.mode).toBe('production');
    const cookie = await redeemBootstrap(ready.url);
    const secret = cookie.split('=')[1]!;
    expect(secret).toMatch(/^[\w-]{43}$/);
    // The printed code is spent: printing it again in a log would open nothing.
    await expect(redeemBootstrap(ready.url)).rejects.toThrow('403');
    expect(output).not.toContain(secret);
    expect(ps()).not.toContain(secret);
    child.kill('SIGTERM');
  });

  it('Chromium in kiosk mode gets a launch file, redeems the code, and neither the code nor the secret is in ps', async () => {
    const dir = tinyRenderer();
    const { host } = createHost(loadConfig({ dataDir: dir }, {}));
    const t = await startWsTransport({ host, rendererDir: dir });
    try {
      const bootstrap = t.bootstrapUrl();
      const code = new URL(bootstrap).searchParams.get('code')!;
      const launch = writeLaunchFile(bootstrap);
      expect(statSync(launch.path).mode & 0o777).toBe(0o600);
      expect(statSync(path.dirname(launch.path)).mode & 0o777).toBe(0o700);
      const profile = mkdtempSync(path.join(tmpdir(), 'kiosk-chromium-test-'));
      const args = chromiumKioskArgs(launch.url, profile);
      expect(args).toContain('--kiosk');
      expect(args.join(' ')).not.toContain(code);
      const chromium = spawn(CHROMIUM, ['--headless=new', '--no-sandbox', '--disable-gpu', ...args], {
        stdio: 'ignore',
      });
      children.push(chromium);
      await expect.poll(() => t.connections().owner, { timeout: 30_000 }).toBe(true);
      const secret = (await redeemBootstrap(t.bootstrapUrl())).split('=')[1]!;
      const listing = ps();
      expect(listing).toContain(launch.path);
      expect(listing).not.toContain(code);
      expect(listing).not.toContain(secret);
      chromium.kill('SIGTERM');
      launch.remove();
    } finally {
      await t.close();
    }
  });
});
