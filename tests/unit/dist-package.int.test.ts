/**
 * The Debian package `npm run dist` builds (scripts/dist/build-deb.ts), checked with dpkg-deb itself:
 * - control: every runtime package declared (each tied to the commands it provides, and that tie checked with
 *   `dpkg -S` on this machine where the command is installed), Conflicts: vsmartcard-vpcd, maintainer scripts;
 * - contents: the launchers, units, rules, doctor, the empty /etc/reader.conf.d; no test PKI, no fixtures, no
 *   TypeScript source, no private key (PEM armour, and the fixtures' own key material searched byte for byte);
 * - no source-tree path in any shipped text file (the repository's path, file:// URLs of sources);
 * - every command the host, the launchers and the maintainer scripts run is a declared dependency (or Essential).
 * The package is built once into a temporary folder (≈ 15 s); KIOSK_DIST_DEB=path checks a given one instead.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_ONLY_COMMANDS,
  PACKAGE,
  PREFIX,
  RUNTIME_DEPENDS,
  RUNTIME_RECOMMENDS,
} from '../../scripts/dist/debian';
import { DEMO_STUBS } from '../../scripts/dist/bundle';

const REPO = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');
const sh = (cmd: string, args: string[]): string =>
  execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

let deb = '';
let extracted = '';
let listing: string[] = [];
let control = '';

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isSymbolicLink()) return [];
    return e.isDirectory() ? walk(p) : [p];
  });
}

const isElf = (buf: Buffer): boolean => buf.subarray(0, 4).equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]));
const field = (name: string): string => new RegExp(`^${name}: (.*)$`, 'm').exec(control)?.[1] ?? '';

/** Packages marked Essential (always installed) or this package's own: their commands need no Depends. */
function providerOf(command: string): { pkg: string; essential: boolean } | null {
  for (const dir of ['/usr/bin', '/usr/sbin', '/bin', '/sbin']) {
    const p = path.join(dir, command);
    try {
      if (!statSync(p).isFile()) continue;
    } catch {
      continue;
    }
    for (const q of [p, p.replace(/^\/usr/, '')]) {
      try {
        const pkg = sh('dpkg', ['-S', q]).split(':')[0]!.trim();
        const essential = sh('dpkg-query', ['-W', '-f=${Essential}', pkg]).trim() === 'yes';
        return { pkg, essential };
      } catch {
        // not this path
      }
    }
  }
  return null;
}

/** A shell script without its comments, quoted strings and here-documents: what is left runs. */
function shellCode(text: string): string {
  return text
    .replace(/<<'?(\w+)'?\n[\s\S]*?\n\1\n/g, '\n')
    .replace(/"(?:[^"\\]|\\.)*"|'[^']*'/g, '""')
    .replace(/(^|\s)#.*$/gm, '$1')
    .replace(/^\s*[\w| -]+\)\s*$/gm, ''); // case patterns
}

beforeAll(() => {
  const out = mkdtempSync(path.join(tmpdir(), 'kiosk-dist-'));
  if (process.env.KIOSK_DIST_DEB) deb = path.resolve(process.env.KIOSK_DIST_DEB);
  else {
    const line = sh(path.join(REPO, 'node_modules/.bin/tsx'), [
      path.join(REPO, 'scripts/dist/build-deb.ts'),
      '--out',
      out,
    ]);
    deb = (JSON.parse(line.trim().split('\n').pop()!) as { deb: string }).deb;
  }
  extracted = path.join(out, 'root');
  sh('dpkg-deb', ['-x', deb, extracted]);
  listing = sh('dpkg-deb', ['-c', deb])
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split(/\s+/).slice(5).join(' ').replace(/^\./, '').split(' -> ')[0]!);
  control = sh('dpkg-deb', ['-f', deb]);
}, 180_000);

describe('the Debian package', () => {
  it('is named and versioned as install tests expect: <name>_<version>_<arch>.deb', () => {
    const arch = sh('dpkg', ['--print-architecture']).trim();
    expect(path.basename(deb)).toBe(`${PACKAGE}_${field('Version')}_${arch}.deb`);
    expect(field('Package')).toBe(PACKAGE);
    expect(field('Architecture')).toBe(arch);
  });

  it('declares every runtime package and conflicts with vsmartcard-vpcd', () => {
    const depends = field('Depends')
      .split(',')
      .map((d) => d.trim().split(' ')[0]);
    for (const d of RUNTIME_DEPENDS) expect(depends).toContain(d.pkg.split(' ')[0]);
    for (const pkg of [
      'pcscd',
      'libpcsclite1',
      'chromium',
      'cage',
      'espeak-ng',
      'fonts-noto-core',
      'poppler-utils',
    ])
      expect(depends).toContain(pkg);
    expect(field('Conflicts')).toMatch(/\bvsmartcard-vpcd\b/);
  });

  it('ties each declared command to the package that really ships it (dpkg -S, where installed here)', () => {
    let checked = 0;
    for (const d of RUNTIME_DEPENDS)
      for (const c of d.commands) {
        const found = providerOf(c);
        if (!found) continue; // not installed on this machine (cage, CUPS client): the name is Debian 12's
        expect({ command: c, pkg: found.pkg }).toEqual({ command: c, pkg: d.pkg.split(' ')[0] });
        checked++;
      }
    expect(checked).toBeGreaterThanOrEqual(8);
  });

  it('has its maintainer scripts (user, folders, credentials; purge asks before deleting data)', () => {
    const info = sh('dpkg-deb', ['-I', deb]);
    for (const s of ['postinst', 'prerm', 'postrm', 'conffiles'])
      expect(info).toMatch(new RegExp(`\\b${s}\\b`));
    const ctl = path.join(mkdtempSync(path.join(tmpdir(), 'kiosk-ctl-')), 'DEBIAN');
    sh('dpkg-deb', ['-e', deb, ctl]);
    for (const s of ['postinst', 'prerm', 'postrm']) {
      expect(statSync(path.join(ctl, s)).mode & 0o111).not.toBe(0);
      sh('sh', ['-n', path.join(ctl, s)]); // parses
    }
    const postinst = readFileSync(path.join(ctl, 'postinst'), 'utf8');
    expect(postinst).toContain('adduser --system');
    expect(postinst).toContain('kiosk-setup-key');
    expect(readFileSync(path.join(ctl, 'postrm'), 'utf8')).toContain('KIOSK_PURGE_DATA');
    expect(readFileSync(path.join(ctl, 'conffiles'), 'utf8')).toContain(
      '/etc/vn-public-service-kiosk/kiosk.json',
    );
  });

  it('the container fallback drop-in (no credentials) passes systemd-analyze verify with the packaged unit', () => {
    // What postinst writes when systemd-creds cannot encrypt: its here-document, taken from the packaged script.
    const ctl = path.join(mkdtempSync(path.join(tmpdir(), 'kiosk-ctl-')), 'DEBIAN');
    sh('dpkg-deb', ['-e', deb, ctl]);
    const dropIn = /<<'CONF'\n([\s\S]*?)\nCONF\n/.exec(readFileSync(path.join(ctl, 'postinst'), 'utf8'))?.[1];
    expect(dropIn).toMatch(/^\[Service\]\nLoadCredentialEncrypted=$/m);
    const root = mkdtempSync(path.join(tmpdir(), 'kiosk-verify-'));
    mkdirSync(path.join(root, 'usr/lib/systemd'), { recursive: true });
    cpSync('/usr/lib/systemd/system', path.join(root, 'usr/lib/systemd/system'), { recursive: true });
    copyFileSync(
      path.join(extracted, 'usr/lib/systemd/system/kiosk-host.service'),
      path.join(root, 'usr/lib/systemd/system/kiosk-host.service'),
    );
    mkdirSync(path.join(root, PREFIX, 'bin'), { recursive: true });
    copyFileSync(
      path.join(extracted, PREFIX.slice(1), 'bin/kiosk-host'),
      path.join(root, PREFIX, 'bin/kiosk-host'),
    );
    mkdirSync(path.join(root, 'etc/systemd/system/kiosk-host.service.d'), { recursive: true });
    writeFileSync(
      path.join(root, 'etc/systemd/system/kiosk-host.service.d/50-no-credentials.conf'),
      `${dropIn}\n`,
    );
    // Any warning (an invalid credential line included) is printed; an empty assignment resets the list silently.
    const r = spawnSync('systemd-analyze', ['verify', `--root=${root}`, 'kiosk-host.service'], {
      encoding: 'utf8',
    });
    expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({
      status: 0,
      stdout: '',
      stderr: '',
    });
  });

  it('installs the launchers, the units, the rules, kiosk-doctor, the production CSCA and an empty reader.conf.d', () => {
    for (const p of [
      `${PREFIX}/bin/kiosk-host`,
      `${PREFIX}/bin/kiosk-ui`,
      `${PREFIX}/bin/kiosk-setup-key`,
      `${PREFIX}/node/bin/node`,
      `${PREFIX}/host/kiosk-host.mjs`,
      `${PREFIX}/host/kiosk-doctor.mjs`,
      `${PREFIX}/dist/renderer/index.html`,
      `${PREFIX}/native/emrtd/trust/csca-vietnam-2021.pem`,
      '/usr/bin/kiosk-doctor',
      '/usr/lib/systemd/system/kiosk-host.service',
      '/usr/lib/systemd/system/kiosk-ui.service',
      '/usr/lib/systemd/system/kiosk-nightly-restart.timer',
      '/usr/lib/systemd/system/pcscd.service.d/kiosk-no-virtual-readers.conf',
      '/usr/share/polkit-1/rules.d/50-kiosk-pcscd.rules',
      '/usr/lib/udev/rules.d/70-kiosk-devices.rules',
      '/etc/chromium/policies/managed/kiosk-dich-vu-cong.json',
      '/etc/vn-public-service-kiosk/kiosk.json',
    ])
      expect(listing).toContain(p);
    expect(listing).toContain('/etc/reader.conf.d/');
    expect(listing.filter((p) => p.startsWith('/etc/reader.conf.d/') && p !== '/etc/reader.conf.d/')).toEqual(
      [],
    );
    // The units' programs are the package's.
    for (const unit of ['kiosk-host.service', 'kiosk-ui.service']) {
      const text = readFileSync(path.join(extracted, 'usr/lib/systemd/system', unit), 'utf8');
      for (const m of text.matchAll(/\/usr\/lib\/vn-public-service-kiosk\/bin\/[\w-]+/g))
        expect(listing).toContain(m[0]);
    }
  });

  it('ships no test PKI, no fixtures, no simulator data, no TypeScript source', () => {
    expect(listing.filter((p) => /fixtures|\/pki\/|simulator|portal\/mock|sane-demo/.test(p))).toEqual([]);
    expect(listing.filter((p) => /\.(ts|tsx)$/.test(p) && !p.endsWith('.d.ts'))).toEqual([]);
    expect(listing.filter((p) => /\.key(\.pem)?$|\.p12$|\.pfx$/.test(p))).toEqual([]);
  });

  it('bundles no demo code: the simulator, the mock portal, the agency and queue mocks, the demo pcscd and the speech record are stubs that refuse', () => {
    for (const bundle of ['kiosk-host.mjs', 'kiosk-doctor.mjs']) {
      const text = readFileSync(path.join(extracted, PREFIX.slice(1), 'host', bundle), 'utf8');
      // esbuild heads each bundled module with a `// <path>` comment.
      const demoModules = [
        ...text.matchAll(
          /^\/\/ ((?:native\/simulator|host\/portal\/mock|host\/devices\/isolated-pcscd|host\/agencies\/(?:mocks|start|mock-\S+|\S+\/mock)\.ts|host\/queue\/mock\/\S+|host\/mock-process\/\S+|host\/speech\/record-output\.ts)\S*)$/gm,
        ),
      ].map((m) => m[1]);
      // Only the stubs (never a real demo module); the host bundle holds every one of them. The simulator's error
      // class (codes and sentences only, native/simulator/errors.ts) is not demo code.
      const stubbed = demoModules.filter((m) => m !== 'native/simulator/errors.ts');
      for (const m of stubbed) expect(Object.keys(DEMO_STUBS)).toContain(m);
      if (bundle === 'kiosk-host.mjs') expect(stubbed.sort()).toEqual(Object.keys(DEMO_STUBS).sort());
      if (bundle === 'kiosk-host.mjs') expect(text).toContain('demo-not-packaged');
      expect(text).not.toContain('vpcd-worker');
    }
  });

  it('holds no private key: no PEM key armour with a body, none of the fixtures’ key material', () => {
    const fixtureKeys = readdirSync(path.join(REPO, 'fixtures/pki'))
      .filter((f) => f.endsWith('.key.pem'))
      .map((f) => {
        const body = readFileSync(path.join(REPO, 'fixtures/pki', f), 'utf8')
          .split('\n')
          .filter((l) => l && !l.startsWith('-----'));
        const der = Buffer.from(body.join(''), 'base64');
        return { f, line: body[1] ?? body[0]!, der: der.subarray(Math.max(0, der.length - 48)) };
      });
    expect(fixtureKeys.length).toBeGreaterThanOrEqual(5);
    const armour = /-----BEGIN [A-Z ]*PRIVATE KEY-----\s*[A-Za-z0-9+/=\s]{40,}-----END/;
    const offenders: string[] = [];
    for (const file of walk(extracted)) {
      const buf = readFileSync(file);
      const text = buf.toString('latin1');
      if (armour.test(text)) offenders.push(`${file}: PEM private key`);
      for (const k of fixtureKeys) {
        if (text.includes(k.line) || buf.includes(k.der)) offenders.push(`${file}: ${k.f}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('names no source-tree path: not the repository, not a source file URL', () => {
    const offenders: string[] = [];
    for (const file of walk(extracted)) {
      const buf = readFileSync(file);
      if (isElf(buf)) continue; // compiled code: Node and the addons carry their own build machines' paths
      const text = buf.toString('utf8');
      if (text.includes(REPO)) offenders.push(`${file}: ${REPO}`);
      const m = /file:\/\/\/[\w./-]+\.(ts|tsx)\b/.exec(text);
      if (m) offenders.push(`${file}: ${m[0]}`);
      // /work/ appears only as the admin-unit data's cited sources (/work/shared/…), never as a path the code opens.
      for (const w of text.matchAll(/\/work\/[\w.-]+/g))
        if (!w[0].startsWith('/work/shared')) offenders.push(`${file}: ${w[0]}`);
    }
    expect(offenders).toEqual([]);
  });

  it('declares every command the host, the launchers and the maintainer scripts run', () => {
    const declared = new Set([...RUNTIME_DEPENDS, ...RUNTIME_RECOMMENDS].flatMap((d) => d.commands));
    for (const r of RUNTIME_RECOMMENDS) expect(field('Recommends')).toContain(r.pkg);
    const demoOnly = new Set<string>(DEMO_ONLY_COMMANDS);
    const used = new Set<string>();
    // The host's own child processes, as the code names them.
    const sources = ['host', 'native', 'scripts/dist']
      .flatMap((d) => walk(path.join(REPO, d)))
      .filter((f) => /\.ts$/.test(f) && !/\.test\.ts$|\/testing\/|\/simulator\/|\/portal\/mock\//.test(f))
      // the build itself (npm, electron-builder) is not in the package
      .filter((f) => !/scripts\/dist\/(dist|build-deb|bundle|node-modules|debian)\.ts$/.test(f));
    const patterns = [
      /(?:execFile|execFileSync|spawn|spawnSync)\(\s*'([\w.-]+)'/g,
      /Command \?\? '([\w.-]+)'/g,
      /command: '([\w.-]+)'/g,
      /\brun\(\s*'([\w.-]+)'/g,
      /\b(\w+) = '\1'/g,
      /'\/usr\/s?bin\/([\w.-]+)'/g,
    ];
    for (const f of sources) {
      const text = readFileSync(f, 'utf8');
      for (const re of patterns) for (const m of text.matchAll(re)) used.add(m[1]!);
    }
    // The units' and scripts' programs.
    const scripts = [
      ...['postinst', 'prerm', 'postrm'].map((s) => path.join(REPO, 'deploy/debian', s)),
      ...readdirSync(path.join(REPO, 'deploy/debian/bin')).map((s) =>
        path.join(REPO, 'deploy/debian/bin', s),
      ),
    ];
    for (const s of scripts)
      for (const m of shellCode(readFileSync(s, 'utf8')).matchAll(
        /(?:^|[;|&!(]\s*|\bthen\s+|\bif\s+!?\s*)([a-z][\w.-]+)/gm,
      ))
        used.add(m[1]!);
    for (const unit of readdirSync(path.join(REPO, 'deploy/systemd')).filter((u) => /\.service$/.test(u)))
      for (const m of readFileSync(path.join(REPO, 'deploy/systemd', unit), 'utf8').matchAll(
        /^Exec\w+=\S*\/([\w.-]+)/gm,
      ))
        used.add(m[1]!);
    expect([...used]).toEqual(
      expect.arrayContaining(['aplay', 'pdftoppm', 'lp', 'lpstat', 'scanimage', 'cage']),
    );
    const undeclared: string[] = [];
    for (const c of used) {
      if (declared.has(c) || demoOnly.has(c) || c.startsWith('kiosk-')) continue;
      const found = providerOf(c);
      if (found === null) {
        // Not a program on this machine: a shell word (for, case, set, exit …), or a command we must declare.
        if (
          /^(for|case|set|exit|done|esac|fi|do|if|then|else|in|export|exec|echo|cd|umask|command|continue|break|return|shift|made)$/.test(
            c,
          )
        )
          continue;
        undeclared.push(`${c} (not installed here and not declared)`);
      } else if (!found.essential) undeclared.push(`${c} (${found.pkg})`);
    }
    expect(undeclared).toEqual([]);
  });
});

describe('the Electron variant (electron-builder.yml)', () => {
  // electron-builder's own JSON schema (app-builder-lib), read with the YAML and JSON-schema libraries it uses.
  const req = createRequire(path.join(REPO, 'node_modules/app-builder-lib/package.json'));
  const yaml = req('js-yaml') as { load(text: string): unknown };
  const Ajv = req('ajv') as new (o: object) => {
    compile(schema: unknown): ((data: unknown) => boolean) & { errors?: unknown };
  };
  const config = yaml.load(readFileSync(path.join(REPO, 'electron-builder.yml'), 'utf8')) as {
    files: string[];
    deb: { depends: string[]; fpm: string[] };
    linux: { target: Array<{ target: string }> };
  };

  it('is valid for electron-builder, builds deb and AppImage, packages no fixtures, declares the runtime packages', () => {
    const validate = new Ajv({ strict: false, allErrors: true }).compile(
      JSON.parse(readFileSync(path.join(REPO, 'node_modules/app-builder-lib/scheme.json'), 'utf8')),
    );
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
    expect(config.linux.target.map((t) => t.target).sort()).toEqual(['AppImage', 'deb']);
    expect(config.files).toContain('!fixtures/**');
    expect(config.files.filter((f) => f.startsWith('fixtures'))).toEqual([]);
    const electronBrings = [
      'chromium',
      'libc6',
      'libstdc++6',
      'systemd',
      'udev',
      'adduser',
      'init-system-helpers',
    ];
    for (const d of RUNTIME_DEPENDS.map((x) => x.pkg.split(' ')[0]!).filter(
      (p) => !electronBrings.includes(p),
    ))
      expect(config.deb.depends).toContain(d);
    expect(config.deb.fpm.join(' ')).toContain('--conflicts vsmartcard-vpcd');
  });
});
