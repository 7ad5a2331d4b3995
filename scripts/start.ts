/**
 * `npm start` (after scripts/setup.sh): builds what is stale, starts the kiosk host, and opens the UI:
 *   - in Electron when its binary exists and a display is present (the host then runs inside Electron's main);
 *   - else in Chromium `--app` when a display is present;
 *   - else (or with `--headless`) it prints the URL to open.
 * Flags: --headless  --port N  --data-dir DIR  --no-demo
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../host/config/config';
import { startKioskHost } from '../host/start-host';

const { values } = parseArgs({
  options: {
    headless: { type: 'boolean', default: false },
    port: { type: 'string' },
    'data-dir': { type: 'string' },
    'no-demo': { type: 'boolean', default: false },
  },
});

const root = path.resolve(import.meta.dirname, '..');
process.chdir(root);
const children: ChildProcess[] = [];
const log = (msg: string): void => console.error(`[kiosk] ${msg}`);

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

function buildRendererIfStale(): void {
  const out = path.join(root, 'dist/renderer/index.html');
  const sources = Math.max(newestMtime(path.join(root, 'renderer')), newestMtime(path.join(root, 'common')));
  if (existsSync(out) && statSync(out).mtimeMs >= sources) return;
  log('building the renderer…');
  const r = spawnSync('npx', ['vite', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], {
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('renderer build failed');
}

function electronBinary(): string | null {
  try {
    const p = createRequire(import.meta.url)('electron') as unknown;
    return typeof p === 'string' && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p)) ?? null;

/** What must stop with us: the host (its mock portal and simulator are child processes) and the UI. */
let stopHost: (() => Promise<void>) | null = null;
function shutdown(code = 0): void {
  for (const c of children) c.kill('SIGTERM');
  void (stopHost?.() ?? Promise.resolve()).finally(() => process.exit(code));
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

buildRendererIfStale();
const overrides: Record<string, unknown> = { demoMode: !values['no-demo'] };
if (values['data-dir']) overrides.dataDir = values['data-dir'];
if (values.port) overrides.http = { host: '127.0.0.1', port: Number(values.port) };
const config = loadConfig(overrides);

const electron = electronBinary();
if (electron && hasDisplay && !values.headless) {
  log('starting the kiosk in Electron');
  const b = spawnSync('npx', ['tsx', 'scripts/build-electron.ts'], { stdio: 'inherit' });
  if (b.status !== 0) shutdown(1);
  else {
    const child = spawn(electron, ['dist/electron/main.cjs'], { stdio: 'inherit' });
    children.push(child);
    child.on('exit', (code) => shutdown(code ?? 0));
  }
} else {
  const running = await startKioskHost(config);
  stopHost = running.stop;
  if (!electron)
    log('Electron binary not installed: serving the UI to a browser instead (see README, "Browser mode").');
  if (chromium && hasDisplay && !values.headless) {
    const profile = mkdtempSync(path.join(tmpdir(), 'kiosk-chromium-'));
    const child = spawn(
      chromium,
      [
        `--app=${running.url}`,
        '--start-fullscreen',
        `--user-data-dir=${profile}`,
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-translate',
        '--overscroll-history-navigation=0',
      ],
      { stdio: 'ignore' },
    );
    children.push(child);
    log('opened the kiosk in Chromium');
  }
  console.log(`Kiosk ready: ${running.url}`);
  if (!hasDisplay || values.headless) log('no display: open the URL above in Chromium on this machine');
}
