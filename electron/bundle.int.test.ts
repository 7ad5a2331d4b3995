/**
 * The BUNDLED main process (what `npm start` and the package run) loads and serves KioskApi over IPC: built
 * with scripts/build-electron.ts and run under plain Node with the electron module substituted
 * (tests/support/fake-electron.cjs). Catches what only the bundle can break (e.g. import.meta in CommonJS).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

describe('dist/electron/main.cjs', () => {
  it('starts the kiosk services and answers over IPC, locked down, in production by default', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'kiosk-electron-bundle-'));
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-electron.ts'], {
      cwd: ROOT,
      stdio: 'ignore',
    });
    const dataDir = path.join(out, 'data');
    const config = path.join(out, 'kiosk.json');
    // No devices and no speech: the test must not start the machine's pcscd or play sound.
    writeFileSync(
      config,
      JSON.stringify({ dataDir, devices: { enabled: false }, speech: { enabled: false } }),
    );
    const env: NodeJS.ProcessEnv = { ...process.env, KIOSK_CONFIG: config };
    delete env.KIOSK_MODE;
    const child = spawn(
      process.execPath,
      ['-r', path.join(ROOT, 'tests/support/fake-electron.cjs'), path.join(ROOT, 'dist/electron/main.cjs')],
      { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const lines: Record<string, unknown>[] = [];
    await new Promise<void>((resolve, reject) => {
      createInterface({ input: child.stdout! }).on('line', (l) => {
        lines.push(JSON.parse(l) as Record<string, unknown>);
        if (lines.length === 2) resolve();
      });
      child.once('exit', (code) => reject(new Error(`main.cjs exited ${code}: ${stderr}`)));
    });
    child.kill('SIGKILL');
    expect(lines[0]).toMatchObject({ kiosk: true, devTools: false });
    expect(String(lines[0]!.loaded)).toMatch(/^file:\/\/.*\/dist\/renderer\/index\.html$/);
    expect(lines[1]).toMatchObject({ hello: { ok: true, result: { protocolVersion: 1, demoMode: false } } });
  });
});
