import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dropInOrder, readServiceExec, splitCommand, timespanUsec } from './unit-file';

describe('readServiceExec', () => {
  it('reads the repository kiosk-host.service as systemd would start it', () => {
    const unit = readFileSync(new URL('../../deploy/systemd/kiosk-host.service', import.meta.url), 'utf8');
    const exec = readServiceExec(unit);
    expect(exec.unsupported).toEqual([]);
    expect(exec.user).toBe('kiosk');
    expect(exec.group).toBe('kiosk');
    expect(exec.workingDirectory).toBe('/usr/lib/vn-public-service-kiosk');
    expect(exec.execStart).toEqual(['/usr/lib/vn-public-service-kiosk/bin/kiosk-host', '--port', '8731']);
    expect(exec.environment.NODE_ENV).toBe('production');
    expect(exec.stateDirectoryMode).toBe(0o700);
    expect(exec.stateDirectories.length).toBeGreaterThan(0);
    expect(exec.credentials.map((c) => c.name)).toEqual(['kiosk-data-kek', 'kiosk-audit-key']);
    expect(exec.credentials.every((c) => c.encrypted)).toBe(true);
    expect(exec.type).toBe('notify');
    expect(exec.watchdogUsec).toBe(30_000_000);
  });

  it('later Environment= assignments win, quotes and continuation lines as systemd reads them', () => {
    const exec = readServiceExec(
      [
        '[Unit]',
        'Environment=IGNORED=1',
        '[Service]',
        'Environment=A=1 "B=two words"',
        'Environment=A=3',
        '# ExecStart=/not/this',
        'ExecStart=-/usr/bin/prog \\',
        '  --name \'x y\' "a\\"b"',
        'User=kiosk',
      ].join('\n'),
    );
    expect(exec.environment).toEqual({ A: '3', B: 'two words' });
    expect(exec.execStart).toEqual(['/usr/bin/prog', '--name', 'x y', 'a"b']);
    expect(exec.group).toBe('kiosk');
    expect(exec.unsupported).toEqual([]);
  });

  it('refuses what it cannot start like systemd: specifiers, EnvironmentFile=, privileged prefixes, no ExecStart', () => {
    expect(readServiceExec('[Service]\nExecStart=/bin/x %i').unsupported).toHaveLength(1);
    expect(readServiceExec('[Service]\nEnvironmentFile=/etc/x\nExecStart=/bin/x').unsupported).toHaveLength(
      1,
    );
    expect(readServiceExec('[Service]\nExecStart=+/bin/x').unsupported).toHaveLength(1);
    expect(readServiceExec('[Service]\nUser=x').unsupported).toEqual(['no ExecStart=']);
  });
});

describe('drop-ins', () => {
  it("an empty LoadCredentialEncrypted= in a drop-in drops every credential (the package's no-credentials fallback)", () => {
    const unit =
      '[Service]\nExecStart=/bin/x\nLoadCredentialEncrypted=a:/etc/a.cred\nLoadCredential=b:/etc/b\nRuntimeDirectory=k\nRuntimeDirectoryMode=0700';
    const exec = readServiceExec(unit, '[Service]\nLoadCredentialEncrypted=\n');
    expect(exec.credentials).toEqual([]);
    expect(exec.runtimeDirectories).toEqual(['k']);
    expect(exec.runtimeDirectoryMode).toBe(0o700);
  });

  it('are applied by file name across folders, /etc winning over /usr/lib for the same name', () => {
    expect(
      dropInOrder([
        { dir: 'lib', name: '20-b.conf', path: '/usr/lib/x.d/20-b.conf' },
        { dir: 'etc', name: '10-a.conf', path: '/etc/x.d/10-a.conf' },
        { dir: 'lib', name: '10-a.conf', path: '/usr/lib/x.d/10-a.conf' },
        { dir: 'run', name: 'notes.txt', path: '/run/x.d/notes.txt' },
      ]),
    ).toEqual(['/etc/x.d/10-a.conf', '/usr/lib/x.d/20-b.conf']);
  });
});

describe('timespanUsec', () => {
  it('reads systemd time spans', () => {
    expect(timespanUsec('30s')).toBe(30_000_000);
    expect(timespanUsec('30')).toBe(30_000_000);
    expect(timespanUsec('1min 30s')).toBe(90_000_000);
    expect(timespanUsec('500ms')).toBe(500_000);
    expect(timespanUsec('soon')).toBeNull();
  });
});

describe('splitCommand', () => {
  it('splits words, keeps quoted spaces, refuses an open quote', () => {
    expect(splitCommand('  a  "b c"  d\\ e ')).toEqual(['a', 'b c', 'd e']);
    expect(() => splitCommand('a "b')).toThrow(/unterminated/);
  });
});
