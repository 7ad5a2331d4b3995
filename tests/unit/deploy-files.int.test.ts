/**
 * The system files in deploy/: every systemd unit passes `systemd-analyze verify` (with no warning at all),
 * the sandbox the issue asks for is there, the polkit rule allows the kiosk user pcscd and nothing else, and
 * the udev rules are well-formed and name the kiosk's devices.
 *
 * `systemd-analyze verify` also checks that every ExecStart= program exists. The kiosk's own programs are
 * installed by the package later and cage is not installed on build machines, so the verification runs
 * against a temporary root (`--root`): a copy of this machine's /usr/lib/systemd/system (the targets and
 * pcscd.service the units refer to), the units under its /etc/systemd/system, and an empty executable at each
 * program path the units name — and only those. Everything else (directive names and values, dependencies,
 * credentials, the timer's calendar) is verified by systemd itself.
 */
import { execFile, spawn } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../support/wait';

const run = promisify(execFile);
const DEPLOY = fileURLToPath(new URL('../../deploy/', import.meta.url));
const SYSTEMD = path.join(DEPLOY, 'systemd');
const UNITS = readdirSync(SYSTEMD).filter((f) => /\.(service|timer)$/.test(f));

/** `Key=value` lines of a unit file (continuation lines are not used in ours). */
function directives(text: string): [string, string][] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#') && !l.startsWith('['))
    .map((l) => {
      const i = l.indexOf('=');
      return [l.slice(0, i), l.slice(i + 1)] as [string, string];
    });
}
const unit = (name: string) => directives(readFileSync(path.join(SYSTEMD, name), 'utf8'));
const values = (name: string, key: string) =>
  unit(name)
    .filter(([k]) => k === key)
    .map(([, v]) => v);

/** Absolute program paths of ExecStart= lines (after systemd's prefixes). */
function programs(text: string): string[] {
  return directives(text)
    .filter(([k, v]) => k.startsWith('Exec') && v !== '')
    .map(([, v]) => v.replace(/^[-@:+!]+/, '').split(/\s+/)[0]!);
}

let root: string;
let stubs: string[];

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'kiosk-units-'));
  mkdirSync(path.join(root, 'usr/lib/systemd'), { recursive: true });
  cpSync('/usr/lib/systemd/system', path.join(root, 'usr/lib/systemd/system'), { recursive: true });
  cpSync(SYSTEMD, path.join(root, 'etc/systemd/system'), { recursive: true });
  const texts = [
    ...UNITS.map((u) => readFileSync(path.join(SYSTEMD, u), 'utf8')),
    readFileSync(path.join(SYSTEMD, 'pcscd.service.d/kiosk-no-virtual-readers.conf'), 'utf8'),
  ];
  stubs = [...new Set(texts.flatMap(programs))].sort();
  for (const p of stubs) {
    mkdirSync(path.join(root, path.dirname(p)), { recursive: true });
    writeFileSync(path.join(root, p), '#!/bin/sh\nexit 0\n');
    chmodSync(path.join(root, p), 0o755);
  }
});

async function verify(...names: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run('systemd-analyze', [
      'verify',
      '--man=no',
      `--root=${root}`,
      ...names,
    ]);
    return { code: 0, output: stdout + stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, output: err.stdout + err.stderr };
  }
}

describe('systemd units', () => {
  it('stubs exactly the programs the package or Debian installs', () => {
    expect(stubs).toEqual([
      '/usr/bin/cage',
      '/usr/bin/systemctl',
      '/usr/lib/vn-public-service-kiosk/bin/kiosk-host',
      '/usr/sbin/pcscd',
    ]);
  });

  it.each(UNITS)('%s passes systemd-analyze verify without a warning', async (name) => {
    expect(await verify(name)).toEqual({ code: 0, output: '' });
  });

  it('pcscd.service with the kiosk drop-in passes too, and reads no reader.conf.d of /etc', async () => {
    expect(await verify('pcscd.service')).toEqual({ code: 0, output: '' });
    const { stdout } = await run('systemctl', [`--root=${root}`, 'cat', 'pcscd.service']).catch(() => ({
      stdout: '',
    }));
    // `systemctl --root cat` is not available everywhere: the drop-in's text is what counts.
    const dropIn = directives(
      readFileSync(path.join(SYSTEMD, 'pcscd.service.d/kiosk-no-virtual-readers.conf'), 'utf8'),
    );
    expect(dropIn).toEqual([
      ['ExecStart', ''],
      [
        'ExecStart',
        '/usr/sbin/pcscd --foreground --auto-exit --config /usr/lib/vn-public-service-kiosk/reader.conf.d',
      ],
    ]);
    if (stdout) expect(stdout).toContain('kiosk-no-virtual-readers.conf');
  });

  it('the verification catches mistakes: an unknown directive and a missing program', async () => {
    writeFileSync(
      path.join(root, 'etc/systemd/system/broken-a.service'),
      '[Service]\nExecStart=/usr/bin/cage\nProtectSytem=strict\n',
    );
    writeFileSync(
      path.join(root, 'etc/systemd/system/broken-b.service'),
      '[Service]\nExecStart=/usr/bin/not-there\n',
    );
    expect((await verify('broken-a.service')).output).toMatch(
      /Unknown key 'ProtectSytem' in section \[Service\]/,
    );
    const b = await verify('broken-b.service');
    expect(b.code).not.toBe(0);
    expect(b.output).toContain('/usr/bin/not-there is not executable');
  });

  it('kiosk-host.service: the sandbox, the watchdog and the credentials', () => {
    const host = Object.fromEntries(unit('kiosk-host.service'));
    expect(host).toMatchObject({
      Type: 'notify',
      ProtectSystem: 'strict',
      ProtectHome: 'yes',
      PrivateTmp: 'yes',
      NoNewPrivileges: 'yes',
      CapabilityBoundingSet: '',
      RestrictAddressFamilies: 'AF_UNIX AF_INET AF_INET6 AF_NETLINK',
      ReadWritePaths: '/var/lib/vn-public-service-kiosk',
      User: 'kiosk',
    });
    expect(host.WatchdogSec).toMatch(/^\d+s$/);
    expect(values('kiosk-host.service', 'LoadCredentialEncrypted')).toEqual([
      'kiosk-data-kek:/etc/vn-public-service-kiosk/kiosk-data-kek.cred',
      'kiosk-audit-key:/etc/vn-public-service-kiosk/kiosk-audit-key.cred',
    ]);
    expect(values('kiosk-host.service', 'Environment')).toContain(
      'KIOSK_DATA_DIR=/var/lib/vn-public-service-kiosk/data',
    );
  });

  it('kiosk-ui.service runs the UI as cage’s only client and always restarts; the timer restarts nightly', () => {
    expect(values('kiosk-ui.service', 'ExecStart')[0]).toMatch(
      /^\/usr\/bin\/cage .*-- \/usr\/lib\/vn-public-service-kiosk\/bin\/kiosk-ui$/,
    );
    expect(values('kiosk-ui.service', 'Restart')).toEqual(['always']);
    expect(values('kiosk-nightly-restart.timer', 'OnCalendar')).toEqual(['*-*-* 03:45:00 Asia/Ho_Chi_Minh']);
    expect(values('kiosk-nightly-restart.service', 'ExecStart')[0]).toContain(
      'try-restart kiosk-host.service kiosk-ui.service',
    );
  });

  it('the timer’s calendar is one systemd understands, at 03:45 in Vietnam', async () => {
    const { stdout } = await run('systemd-analyze', ['calendar', '*-*-* 03:45:00 Asia/Ho_Chi_Minh'], {
      env: { ...process.env, TZ: 'UTC' },
    });
    expect(stdout).toMatch(/Normalized form: \*-\*-\* 03:45:00 Asia\/Ho_Chi_Minh/);
    expect(stdout).toMatch(/Next elapse: \w{3} \d{4}-\d{2}-\d{2} 20:45:00 UTC/);
  });
});

describe('pcscd without virtual readers', () => {
  it('pcscd run as the drop-in says, with the empty reader.conf.d the package installs, lists no reader', async () => {
    const line = directives(
      readFileSync(path.join(SYSTEMD, 'pcscd.service.d/kiosk-no-virtual-readers.conf'), 'utf8'),
    ).at(-1)![1];
    const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-pcscd-conf-'));
    mkdirSync(path.join(dir, 'run'));
    mkdirSync(path.join(dir, 'reader.conf.d'));
    // The drop-in's command line, in a private mount namespace with a private /run/pcscd (as tests/support/pcscd.ts
    // does), without --auto-exit, and with the empty folder here instead of the package's.
    const args = line
      .split(/\s+/)
      .slice(1)
      .filter((a) => a !== '--auto-exit')
      .map((a) =>
        a === '/usr/lib/vn-public-service-kiosk/reader.conf.d' ? path.join(dir, 'reader.conf.d') : a,
      );
    expect(args).toEqual(['--foreground', '--config', path.join(dir, 'reader.conf.d')]);
    const pcscd = spawn(
      'unshare',
      [
        '-m',
        '--propagation',
        'private',
        'sh',
        '-c',
        `mkdir -p /run/pcscd && mount --bind "${dir}/run" /run/pcscd && exec pcscd ${args.join(' ')}`,
      ],
      { stdio: 'ignore' },
    );
    try {
      const env = { ...process.env, PCSCLITE_CSOCK_NAME: path.join(dir, 'run/pcscd.comm') };
      await waitUntil(() => existsSync(env.PCSCLITE_CSOCK_NAME), 'pcscd socket');
      const { stdout } = await run('pcsc_scan', ['-r'], { env, timeout: 10_000 });
      expect(stdout.trim()).toBe('No reader found.');
    } finally {
      pcscd.kill('SIGTERM');
    }
  });
});

describe('polkit rule', () => {
  type Rule = (action: { id: string }, subject: { user: string }) => string;
  const rules: Rule[] = [];
  vm.runInNewContext(readFileSync(path.join(DEPLOY, 'polkit/50-kiosk-pcscd.rules'), 'utf8'), {
    polkit: { addRule: (f: Rule) => rules.push(f), Result: { YES: 'yes', NO: 'no', NOT_HANDLED: null } },
  });

  it('lets the kiosk user use pcscd and cards, and nobody else', () => {
    expect(rules).toHaveLength(1);
    const rule = rules[0]!;
    expect(rule({ id: 'org.debian.pcsc-lite.access_pcsc' }, { user: 'kiosk' })).toBe('yes');
    expect(rule({ id: 'org.debian.pcsc-lite.access_card' }, { user: 'kiosk' })).toBe('yes');
    expect(rule({ id: 'org.debian.pcsc-lite.access_pcsc' }, { user: 'guest' })).toBeNull();
    expect(rule({ id: 'org.freedesktop.login1.reboot' }, { user: 'kiosk' })).toBeNull();
  });
});

describe('udev rules', () => {
  const text = readFileSync(path.join(DEPLOY, 'udev/70-kiosk-devices.rules'), 'utf8');
  const rules = text.split('\n').filter((l) => l.trim() && !l.startsWith('#'));
  const TOKEN = /^(SUBSYSTEMS?|KERNEL|ATTRS?\{\w+\}|ENV\{\w+\}|SYMLINK|GROUP|MODE)(==|\+=|=)"[^"]*"$/;

  it('every rule is well-formed: matches, then assignments, in udev’s key syntax', () => {
    expect(rules).toHaveLength(3);
    for (const r of rules) {
      const tokens = r.split(', ');
      for (const t of tokens) expect(t).toMatch(TOKEN);
      expect(tokens).toContain('GROUP="kiosk"');
      expect(tokens).toContain('MODE="0660"');
    }
  });

  it('names the QR scanner, the receipt printer and the document camera', () => {
    expect(rules.map((r) => /SYMLINK\+="([^"]+)"/.exec(r)?.[1])).toEqual([
      'kiosk-qr',
      'kiosk-printer',
      'kiosk-camera',
    ]);
    // The scanner vendors are the ones the host's auto-detection prefers.
    const serial = readFileSync(
      fileURLToPath(new URL('../../native/qr/serial-scanner.ts', import.meta.url)),
      'utf8',
    );
    const vendors = /ATTRS\{idVendor\}=="([^"]+)"/.exec(rules[0]!)![1]!.split('|');
    for (const v of vendors) expect(serial).toContain(`'${v}'`);
  });
});
