/**
 * `npm start` (after scripts/setup.sh): builds what is stale, starts the kiosk, and opens the UI:
 *   - in Electron when its binary exists and a display is present (the kiosk services then run inside
 *     Electron's main process);
 *   - else in Chromium `--kiosk` when a display is present (scripts/kiosk/browser-kiosk.ts);
 *   - else (or with `--headless`) it prints a one-time URL to open.
 * Mode: the kiosk configuration's `mode` (production by default). On a machine with NO kiosk configuration
 * (no <dataDir>/kiosk.json, no KIOSK_CONFIG) it starts in demo mode and says so. `--demo` / `--no-demo` force.
 * SIGINT/SIGTERM stop everything it started: the UI, the host, the mock portal, the simulator and pcscd.
 * Flags: --headless  --port N  --data-dir DIR  --demo  --no-demo
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../host/config/config';
import { startKioskHost } from '../host/start-host';
import { chromiumKioskArgs, writeLaunchFile } from './kiosk/browser-kiosk';

const { values } = parseArgs({
  options: {
    headless: { type: 'boolean', default: false },
    port: { type: 'string' },
    'data-dir': { type: 'string' },
    demo: { type: 'boolean', default: false },
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

/**
 * The installed Electron binary, or null. Read from the package's path.txt: since Electron 42,
 * `require('electron')` itself tries to download a missing binary, which a kiosk without internet must not.
 */
function electronBinary(): string | null {
  try {
    const dir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const rel = readFileSync(path.join(dir, 'path.txt'), 'utf8').trim();
    const p = path.join(dir, 'dist', rel);
    return existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p)) ?? null;

/** What must stop with us: the UI, and the host with everything it started (mock portal, simulator, pcscd). */
let stopHost: (() => Promise<void>) | null = null;
const cleanups: (() => void)[] = [];
let stopping = false;
/** A child asked to stop; killed if it has not exited within 10 s (Electron stops its services first). */
function stopChild(c: ChildProcess): Promise<void> {
  if (c.exitCode !== null || c.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => c.kill('SIGKILL'), 10_000);
    c.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    c.kill('SIGTERM');
  });
}

function shutdown(code = 0): void {
  if (stopping) return;
  stopping = true;
  void Promise.all(children.map(stopChild))
    .then(() => stopHost?.())
    .finally(() => {
      for (const c of cleanups) c();
      process.exit(code);
    });
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

buildRendererIfStale();
const dataDir = values['data-dir'] ?? process.env.KIOSK_DATA_DIR ?? '.kiosk-data';
const configFile = process.env.KIOSK_CONFIG ?? path.join(dataDir, 'kiosk.json');
const configured = existsSync(configFile);
const overrides: Record<string, unknown> = {};
if (values['data-dir']) overrides.dataDir = values['data-dir'];
if (values.port) overrides.http = { host: '127.0.0.1', port: Number(values.port) };
if (values['no-demo']) overrides.mode = 'production';
else if (values.demo || !configured) overrides.mode = 'demo';
const config = loadConfig(overrides);
if (config.mode === 'demo')
  log(
    configured
      ? 'DEMO mode (fictional cards, test PKI, mock portal) — not for citizens'
      : `no kiosk configuration (${configFile}): starting in DEMO mode (fictional cards, test PKI, mock portal) — not for citizens`,
  );
else log('production mode');

const electron = electronBinary();
if (electron && hasDisplay && !values.headless) {
  log('starting the kiosk in Electron');
  const b = spawnSync('npx', ['tsx', 'scripts/build-electron.ts'], { stdio: 'inherit' });
  if (b.status !== 0) shutdown(1);
  else {
    // Electron's main process loads the same configuration; the mode travels in the environment.
    const child = spawn(electron, ['dist/electron/main.cjs'], {
      stdio: 'inherit',
      env: { ...process.env, KIOSK_MODE: config.mode, KIOSK_DATA_DIR: config.dataDir },
    });
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
    cleanups.push(() => rmSync(profile, { recursive: true, force: true }));
    const launch = writeLaunchFile(running.bootstrapUrl());
    cleanups.push(launch.remove);
    // The launch file holds a one-time code: remove it as soon as Chromium has used it.
    const poll = setInterval(() => {
      if (running.transport.connections().owner) {
        clearInterval(poll);
        launch.remove();
      }
    }, 500);
    poll.unref();
    const child = spawn(chromium, chromiumKioskArgs(launch.url, profile), { stdio: 'ignore' });
    children.push(child);
    log('opened the kiosk in Chromium (kiosk mode)');
  } else {
    // A one-time link: it works once, then the page keeps an HttpOnly cookie.
    console.log(`Kiosk ready — open once in Chromium on this machine: ${running.bootstrapUrl()}`);
  }
}
