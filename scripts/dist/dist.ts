/**
 * `npm run dist`: the Debian package.
 * - Default (the tested path; no Electron binary needed): scripts/dist/build-deb.ts → the host on its own Node 20
 *   runtime, the screen in Debian's Chromium under cage.
 * - With ELECTRON_DIST=/path/to/unpacked/electron (a machine that could download Electron): electron-builder
 *   with electron-builder.yml (deb and AppImage) and that distribution (`electronDist`).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const repo = path.resolve(import.meta.dirname, '..', '..');
const run = (cmd: string, args: string[]): void => {
  const r = spawnSync(cmd, args, { cwd: repo, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
const electronDist = process.env.ELECTRON_DIST;
if (electronDist) {
  run('npm', ['run', '-s', 'build']);
  run('npx', ['electron-builder', '--config', 'electron-builder.yml', `-c.electronDist=${path.resolve(electronDist)}`]);
} else {
  run(process.execPath, [path.join(repo, 'node_modules/tsx/dist/cli.mjs'), 'scripts/dist/build-deb.ts', ...process.argv.slice(2)]);
}
