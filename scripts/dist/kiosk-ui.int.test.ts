/**
 * The installed screen's launcher (kiosk-ui.ts), run for real against a UI socket, with a stand-in for Chromium
 * that records its arguments and the launch file it was given: the one-time code never on the command line, the
 * kiosk flags and Wayland, the exit status passed on (systemd restarts the screen).
 */
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveUiSocket, type UiSocket } from '../../host/systemd/ui-socket';

const run = promisify(execFile);
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const TSX = path.join(REPO, 'node_modules/.bin/tsx');
const LAUNCHER = path.join(REPO, 'scripts/dist/kiosk-ui.ts');

const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-ui-test-'));
let sock: UiSocket;
let n = 0;

beforeAll(async () => {
  sock = await serveUiSocket(path.join(dir, 'run/ui.sock'), () => `http://127.0.0.1:8731/bootstrap?code=code${++n}`);
});
afterAll(async () => {
  await sock.close();
});

describe('kiosk-ui', () => {
  it('--print-url prints one fresh one-time URL', async () => {
    const { stdout } = await run(TSX, [LAUNCHER, '--print-url'], {
      env: { ...process.env, KIOSK_UI_SOCKET: sock.path },
    });
    expect(stdout.trim()).toMatch(/^http:\/\/127\.0\.0\.1:8731\/bootstrap\?code=code\d+$/);
  });

  it('runs Chromium in kiosk mode on Wayland with a launch file, never the code on its command line', async () => {
    const record = path.join(dir, 'args.txt');
    const fake = path.join(dir, 'fake-chromium');
    // The stand-in writes its arguments and the launch page it was given, then exits 3.
    writeFileSync(
      fake,
      `#!/bin/sh\nprintf '%s\\n' "$@" > ${record}\nfor a; do case "$a" in file://*) cat "\${a#file://}" >> ${record}.page;; esac; done\nexit 3\n`,
    );
    chmodSync(fake, 0o755);
    const err = await run(TSX, [LAUNCHER], {
      env: { ...process.env, KIOSK_UI_SOCKET: sock.path, KIOSK_CHROMIUM: fake, HOME: dir },
    }).catch((e: { code: number }) => e);
    expect((err as { stderr?: string }).stderr ?? '').toBe('');
    expect((err as { code: number }).code).toBe(3);
    const args = readFileSync(record, 'utf8').trim().split('\n');
    expect(args).toEqual(expect.arrayContaining(['--kiosk', '--ozone-platform=wayland', '--no-first-run']));
    expect(args).toContain(`--user-data-dir=${path.join(dir, 'chromium')}`);
    expect(args.join(' ')).not.toMatch(/code=/);
    const launch = args.find((a) => a.startsWith('file://'))!;
    expect(launch).toMatch(/^file:\/\/\/.*kiosk-launch-.*\/launch\.html$/);
    expect(readFileSync(`${record}.page`, 'utf8')).toMatch(/bootstrap\?code=code\d+/);
  });

  it('fails with a sentence when the host does not answer', async () => {
    const err = (await run(TSX, [LAUNCHER, '--print-url'], {
      env: { ...process.env, KIOSK_UI_SOCKET: path.join(dir, 'nothing.sock'), KIOSK_UI_WAIT_SECONDS: '1' },
    }).catch((e: unknown) => e)) as { code: number; stderr: string };
    expect(err.code).toBe(1);
    expect(err.stderr).toMatch(/the kiosk host does not answer on .*nothing\.sock/);
  });
});
