/**
 * kiosk-ui — the installed kiosk's screen without Electron (kiosk-ui.service runs it as cage's only client):
 * asks the host for a one-time URL on its UI socket (host/systemd/ui-socket.ts), writes the private launch
 * file (scripts/kiosk/browser-kiosk.ts) and runs Debian's Chromium in kiosk mode on Wayland. The managed policy
 * is installed by the package (/etc/chromium/policies/managed/). Exits with Chromium's status, so systemd
 * restarts the screen whenever it ends.
 *   kiosk-ui               (the service)
 *   kiosk-ui --print-url   prints one fresh one-time URL (install tests, a technician's own browser) and exits
 * Environment: KIOSK_UI_SOCKET (default /run/vn-public-service-kiosk/ui.sock), KIOSK_CHROMIUM (default
 * /usr/bin/chromium), HOME (the profile goes to $HOME/chromium).
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fetchUiUrl } from '../../host/systemd/ui-socket';
import { chromiumKioskArgs, writeLaunchFile } from '../kiosk/browser-kiosk';

const socketPath = process.env.KIOSK_UI_SOCKET ?? '/run/vn-public-service-kiosk/ui.sock';

/** The host may still be starting: retry for up to a minute (KIOSK_UI_WAIT_SECONDS). */
async function oneTimeUrl(): Promise<string> {
  let last: unknown = null;
  const tries = Math.max(1, Number(process.env.KIOSK_UI_WAIT_SECONDS ?? 60) || 60);
  for (let i = 0; i < tries; i++) {
    try {
      return await fetchUiUrl(socketPath);
    } catch (e) {
      last = e;
      await sleep(1000);
    }
  }
  throw new Error(`the kiosk host does not answer on ${socketPath}: ${(last as Error).message}`);
}

try {
  const url = await oneTimeUrl();
  if (process.argv.includes('--print-url')) {
    process.stdout.write(`${url}\n`);
    process.exit(0);
  }
  const chromium = process.env.KIOSK_CHROMIUM ?? '/usr/bin/chromium';
  const profile = path.join(process.env.HOME ?? '/var/lib/kiosk-ui', 'chromium');
  mkdirSync(profile, { recursive: true, mode: 0o700 });
  const launch = writeLaunchFile(url);
  const args = ['--ozone-platform=wayland', ...chromiumKioskArgs(launch.url, profile)];
  const child = spawn(chromium, args, { stdio: 'inherit' });
  // The launch file holds a one-time code: gone once Chromium has surely opened it (the code is
  // one-time anyway, and the file is in this unit's PrivateTmp).
  const remove = setTimeout(() => launch.remove(), 120_000);
  const stop = (): void => {
    child.kill('SIGTERM');
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  child.on('exit', (code, signal) => {
    clearTimeout(remove);
    launch.remove();
    process.exit(code ?? (signal ? 1 : 0));
  });
} catch (e) {
  process.stderr.write(`kiosk-ui: ${(e as Error).message}\n`);
  process.exit(1);
}
