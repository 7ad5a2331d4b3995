/**
 * Browser-mode fallback (no Electron binary): Debian's Chromium in kiosk mode.
 * - Flags: `--kiosk` (full screen, no address bar, no way out by keyboard), no first-run, no crash bubble,
 *   no pinch zoom or swipe navigation, a throw-away profile.
 * - The one-time bootstrap URL is NOT on Chromium's command line (visible to every user in `ps`): Chromium
 *   opens a launch file (0600, in a 0700 folder under /tmp) that redirects to it, and the file is removed once
 *   the code has been used.
 * - A managed policy (chromium-kiosk-policy.json) turns off devtools, printing, downloads, file pickers and
 *   every origin but the kiosk's. Chromium reads policies only from /etc/chromium/policies/managed/ (machine
 *   wide; a per-launch user-data-dir cannot carry one), so `scripts/setup.sh` installs it when run as root
 *   with KIOSK_LOCKDOWN=1 — on kiosk machines, not on development or CI machines, where it would lock
 *   down every Chromium (and Playwright's).
 * The renderer itself swallows context menus (long-press) in both Chromium and Electron.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const CHROMIUM_POLICY_FILE = path.join(import.meta.dirname, 'chromium-kiosk-policy.json');
export const CHROMIUM_POLICY_TARGET = '/etc/chromium/policies/managed/kiosk-dich-vu-cong.json';

export interface LaunchFile {
  path: string;
  url: string;
  remove(): void;
}

/** A private file that sends Chromium to `target` (the one-time bootstrap URL). */
export function writeLaunchFile(target: string): LaunchFile {
  const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-launch-'));
  const file = path.join(dir, 'launch.html');
  const html = `<!doctype html><meta charset="utf-8"><meta name="referrer" content="no-referrer"><meta http-equiv="refresh" content="0;url=${target.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`)}"><title>Ki-ốt dịch vụ công</title>`;
  writeFileSync(file, html, { mode: 0o600 });
  return {
    path: file,
    url: `file://${file}`,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Chromium's arguments for the kiosk; nothing secret in them. */
export function chromiumKioskArgs(launchUrl: string, profileDir: string): string[] {
  return [
    '--kiosk',
    `--user-data-dir=${profileDir}`,
    '--no-first-run',
    '--noerrdialogs',
    '--disable-session-crashed-bubble',
    '--disable-infobars',
    '--disable-pinch',
    '--overscroll-history-navigation=0',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-translate',
    '--disable-features=TranslateUI,Translate',
    '--autoplay-policy=no-user-gesture-required',
    launchUrl,
  ];
}
