/**
 * `npm run dist` without Electron: builds release/vn-public-service-kiosk_<version>_<arch>.deb from a staging
 * tree with `dpkg-deb --build --root-owner-group`. Production only: no simulator data, no test PKI, no mock
 * portal data, no fixtures, no source tree. Layout and decisions: scripts/dist/README.md.
 *   npx tsx scripts/dist/build-deb.ts [--out DIR]
 * Environment: KIOSK_DIST_VERSION (default package.json's version; an install test bumps it for upgrades).
 * Prints one JSON line: {"deb": PATH, "version": …, "arch": …, "bytes": …}.
 */
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { bundle, RUNTIME_PACKAGES } from './bundle';
import { controlFile, ETC_DIR, PACKAGE, PREFIX } from './debian';
import { copyRuntimeModules } from './node-modules';

const repo = path.resolve(import.meta.dirname, '..', '..');
const { values } = parseArgs({ options: { out: { type: 'string' } } });
const outDir = path.resolve(values.out ?? path.join(repo, 'release'));
const manifest = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  description: string;
  license: string;
};
const version = process.env.KIOSK_DIST_VERSION ?? manifest.version;
if (!/^[0-9][A-Za-z0-9.+~-]*$/.test(version)) throw new Error(`KIOSK_DIST_VERSION ${version} is not a Debian version`);
const arch = execFileSync('dpkg', ['--print-architecture'], { encoding: 'utf8' }).trim();

const [nodeMajor] = process.versions.node.split('.').map(Number);
if (nodeMajor !== 20)
  throw new Error(`build with Node 20 (the native modules and the shipped runtime must match): this is ${process.version}`);

const stage = path.join(outDir, `stage-${arch}`);
const root = (p: string): string => path.join(stage, p);
const prefix = root(PREFIX);
rmSync(stage, { recursive: true, force: true });
mkdirSync(prefix, { recursive: true });

function install(from: string, to: string, mode = 0o644): void {
  mkdirSync(path.dirname(root(to)), { recursive: true });
  copyFileSync(path.join(repo, from), root(to));
  chmodSync(root(to), mode);
}

// 1. The UI (vite, built straight into the package: the working tree's dist/renderer may be serving tests) and
//    the JavaScript bundles.
execFileSync(process.execPath, [path.join(repo, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn', '--outDir', path.join(prefix, 'dist/renderer'), '--emptyOutDir'], {
  cwd: repo,
  stdio: ['ignore', 'ignore', 'inherit'],
  // NODE_ENV=production whatever the caller's (vitest sets "test": React's dev JSX would carry source paths).
    env: { ...process.env, NODE_ENV: 'production', VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
});
await bundle(repo, path.join(prefix, 'host'));

// 2. The Node 20 runtime the native modules were built for (Debian 12's nodejs is 18), with its licence.
mkdirSync(path.join(prefix, 'node/bin'), { recursive: true });
copyFileSync(process.execPath, path.join(prefix, 'node/bin/node'));
chmodSync(path.join(prefix, 'node/bin/node'), 0o755);
const nodeLicense = [
  path.resolve(path.dirname(process.execPath), '../share/doc/nodejs/LICENSE'),
  path.resolve(path.dirname(process.execPath), '../LICENSE'),
].find((p) => existsSync(p));
if (!nodeLicense) throw new Error(`Node's LICENSE not found beside ${process.execPath}`);
copyFileSync(nodeLicense, path.join(prefix, 'node/LICENSE'));

// 3. node_modules: the runtime packages and their dependencies only.
copyRuntimeModules(repo, prefix, RUNTIME_PACKAGES);
writeFileSync(
  path.join(prefix, 'package.json'),
  JSON.stringify(
    { name: manifest.name, version, description: manifest.description, license: manifest.license, private: true },
    null,
    2,
  ) + '\n',
);

// 4. The production trust store: the Vietnamese CSCA certificates only (never fixtures/pki).
const trustDir = path.join(prefix, 'native/emrtd/trust');
mkdirSync(trustDir, { recursive: true });
for (const f of readdirSync(path.join(repo, 'native/emrtd/trust'))) {
  if (!/\.(pem|crt|cer|der|ml|crl)$/i.test(f)) continue;
  const text = readFileSync(path.join(repo, 'native/emrtd/trust', f), 'latin1');
  if (text.includes('PRIVATE KEY')) throw new Error(`native/emrtd/trust/${f} holds a private key`);
  copyFileSync(path.join(repo, 'native/emrtd/trust', f), path.join(trustDir, f));
}

// 5. Launchers, commands, system files.
for (const bin of ['kiosk-host', 'kiosk-ui', 'kiosk-setup-key'])
  install(`deploy/debian/bin/${bin}`, `${PREFIX}/bin/${bin}`, 0o755);
install('deploy/debian/bin/kiosk-doctor', '/usr/bin/kiosk-doctor', 0o755);
mkdirSync(root('/usr/sbin'), { recursive: true });
symlinkSync(`${PREFIX}/bin/kiosk-setup-key`, root('/usr/sbin/kiosk-setup-key'));
for (const unit of readdirSync(path.join(repo, 'deploy/systemd')).filter((f) => /\.(service|timer)$/.test(f)))
  install(`deploy/systemd/${unit}`, `/usr/lib/systemd/system/${unit}`);
install(
  'deploy/systemd/pcscd.service.d/kiosk-no-virtual-readers.conf',
  '/usr/lib/systemd/system/pcscd.service.d/kiosk-no-virtual-readers.conf',
);
// pcscd's serial-reader folders stay empty: the drop-in points pcscd at the package's; /etc's ships empty too.
mkdirSync(path.join(prefix, 'reader.conf.d'), { recursive: true });
mkdirSync(root('/etc/reader.conf.d'), { recursive: true });
install('deploy/polkit/50-kiosk-pcscd.rules', '/usr/share/polkit-1/rules.d/50-kiosk-pcscd.rules');
install('deploy/udev/70-kiosk-devices.rules', '/usr/lib/udev/rules.d/70-kiosk-devices.rules');
install('scripts/kiosk/chromium-kiosk-policy.json', '/etc/chromium/policies/managed/kiosk-dich-vu-cong.json');
install('deploy/debian/kiosk.json', `${ETC_DIR}/kiosk.json`);
install('deploy/debian/kiosk.example.jsonc', `${ETC_DIR}/kiosk.example.jsonc`);
const doc = `/usr/share/doc/${PACKAGE}`;
install('README.md', `${doc}/README.md`);
install('deploy/README.md', `${doc}/deploy.md`);
install('LICENSE', `${doc}/copyright`);

// 6. DEBIAN/: control, conffiles, maintainer scripts.
const conffiles = [
  `${ETC_DIR}/kiosk.json`,
  `${ETC_DIR}/kiosk.example.jsonc`,
  '/etc/chromium/policies/managed/kiosk-dich-vu-cong.json',
];
function sizeKb(p: string): number {
  const st = statSync(p, { throwIfNoEntry: false });
  if (!st || st.isSymbolicLink()) return 0;
  if (!st.isDirectory()) return Math.ceil(st.size / 1024);
  return readdirSync(p).reduce((sum, e) => sum + sizeKb(path.join(p, e)), 1);
}
const installedSizeKb = sizeKb(stage);
mkdirSync(root('DEBIAN'), { recursive: true });
writeFileSync(root('DEBIAN/control'), controlFile({ version, arch, installedSizeKb }));
writeFileSync(root('DEBIAN/conffiles'), conffiles.join('\n') + '\n');
for (const script of ['postinst', 'prerm', 'postrm']) install(`deploy/debian/${script}`, `DEBIAN/${script}`, 0o755);

// 7. The package. gzip: fast on two cores, and read by every dpkg.
mkdirSync(outDir, { recursive: true });
const deb = path.join(outDir, `${PACKAGE}_${version}_${arch}.deb`);
execFileSync('dpkg-deb', ['--root-owner-group', '-Zgzip', '-z6', '--build', stage, deb], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
process.stdout.write(JSON.stringify({ deb, version, arch, bytes: statSync(deb).size }) + '\n');
