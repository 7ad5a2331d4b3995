/**
 * Does in a chroot what systemd does before it starts a service, for the directives of `unit-file.ts`: creates the
 * StateDirectory= folders (owned by the unit's user, StateDirectoryMode=), decrypts LoadCredentialEncrypted= files
 * with the root's own `systemd-creds` into a credentials folder only that user can read, and writes a launch
 * script that runs ExecStart= in WorkingDirectory= with exactly the unit's Environment= (plus
 * CREDENTIALS_DIRECTORY and the PATH systemd gives services). What it cannot do is the sandbox (ProtectSystem=,
 * namespaces, capabilities): the install test says so.
 */
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { dropInOrder, readServiceExec, type ServiceExec } from './unit-file';

/** systemd's default PATH for services (Debian 12, systemd 252). */
export const SERVICE_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

function idOf(root: string, file: 'passwd' | 'group', name: string): number {
  const line = readFileSync(path.join(root, 'etc', file), 'utf8')
    .split('\n')
    .find((l) => l.split(':')[0] === name);
  if (!line) throw new Error(`no ${file === 'passwd' ? 'user' : 'group'} "${name}" in the root`);
  return Number(line.split(':')[2]);
}

/** Single-quoted for sh. */
function sh(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export interface Prepared {
  exec: ServiceExec;
  /** The launch script's path inside the root. */
  script: string;
  userspec: string;
  port: number | null;
}

/**
 * `notifySocket`: a datagram socket (a path inside the root) given as NOTIFY_SOCKET when the unit is Type=notify,
 * with WATCHDOG_USEC and WATCHDOG_PID (the launch script execs all the way down, so its PID is the service's).
 */
export async function prepareService(
  root: string,
  unitPath: string,
  unitName: string,
  notifySocket: string | null = null,
): Promise<Prepared> {
  const dirs = {
    lib: ['usr/lib/systemd/system', 'lib/systemd/system'],
    run: ['run/systemd/system'],
    etc: ['etc/systemd/system'],
  };
  const found = Object.entries(dirs).flatMap(([dir, paths]) =>
    paths.flatMap((p) => {
      const d = path.join(root, p, `${unitName}.d`);
      return existsSync(d)
        ? readdirSync(d).map((name) => ({
            dir: dir as 'etc' | 'run' | 'lib',
            name,
            path: path.join(d, name),
          }))
        : [];
    }),
  );
  const dropIns = dropInOrder(found);
  const exec = readServiceExec(
    readFileSync(path.join(root, unitPath), 'utf8'),
    ...dropIns.map((f) => readFileSync(f, 'utf8')),
  );
  for (const f of dropIns) process.stderr.write(`note: drop-in ${path.relative(root, f)} applied\n`);
  if (exec.unsupported.length > 0)
    throw new Error(`cannot start like systemd: ${exec.unsupported.join('; ')}`);
  const uid = idOf(root, 'passwd', exec.user);
  const gid = idOf(root, 'group', exec.group);

  for (const dir of exec.stateDirectories) {
    const abs = path.join(root, 'var/lib', dir);
    mkdirSync(abs, { recursive: true });
    chownSync(abs, uid, gid);
    chmodSync(abs, exec.stateDirectoryMode);
  }

  for (const dir of exec.runtimeDirectories) {
    const abs = path.join(root, 'run', dir);
    mkdirSync(abs, { recursive: true });
    chownSync(abs, uid, gid);
    chmodSync(abs, exec.runtimeDirectoryMode);
  }

  const env: Record<string, string> = { PATH: SERVICE_PATH, ...exec.environment };
  if (exec.credentials.length > 0) {
    const credDir = `/run/credentials/${unitName}`;
    const abs = path.join(root, credDir);
    mkdirSync(abs, { recursive: true });
    for (const c of exec.credentials) {
      const out = path.join(abs, c.name);
      const secret = c.encrypted
        ? execFileSync('chroot', [root, 'systemd-creds', 'decrypt', `--name=${c.name}`, c.path, '-'])
        : readFileSync(path.join(root, c.path));
      writeFileSync(out, secret, { mode: 0o400 });
      chownSync(out, uid, gid);
    }
    chownSync(abs, uid, gid);
    chmodSync(abs, 0o500);
    env.CREDENTIALS_DIRECTORY = credDir;
  }

  // The installed host listens on loopback in the machine's own network namespace (chroot shares it): if the
  // unit's port is taken by something else on this shared machine, another free port is used and said so.
  const argv = [...exec.execStart];
  let port: number | null = null;
  const p = argv.indexOf('--port');
  if (p >= 0 && argv[p + 1]) {
    port = Number(argv[p + 1]);
    if (!(await portFree(port))) {
      const other = await freePort();
      process.stderr.write(`note: port ${port} is in use on this machine; the host gets --port ${other}\n`);
      argv[p + 1] = String(other);
      port = other;
    }
  }

  const envExtra: string[] = [];
  if (notifySocket && exec.type === 'notify') {
    env.NOTIFY_SOCKET = notifySocket;
    if (exec.watchdogUsec > 0) {
      env.WATCHDOG_USEC = String(exec.watchdogUsec);
      envExtra.push('"WATCHDOG_PID=$$"');
    }
  }

  const script = `/run/install-test/${unitName}.sh`;
  mkdirSync(path.join(root, path.dirname(script)), { recursive: true });
  const envWords = Object.entries(env).map(([k, v]) => sh(`${k}=${v}`));
  writeFileSync(
    path.join(root, script),
    [
      '#!/bin/sh',
      `# ${unitName} as its unit starts it (written by scripts/install-test/prepare-service.ts)`,
      `cd ${sh(exec.workingDirectory ?? '/')} || exit 200`,
      `exec /usr/bin/env -i ${[...envWords, ...envExtra].join(' ')} ${argv.map(sh).join(' ')}`,
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  return { exec, script, userspec: `${exec.user}:${exec.group}`, port };
}

// CLI: prepare-service.ts ROOT UNIT-PATH UNIT-NAME [NOTIFY-SOCKET] → one JSON line {script, userspec, port, type}
if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const [root, unitPath, unitName, notify] = process.argv.slice(2);
  if (!root || !unitPath || !unitName) {
    process.stderr.write('usage: prepare-service.ts ROOT UNIT-PATH UNIT-NAME\n');
    process.exit(2);
  }
  try {
    const p = await prepareService(root, unitPath, unitName, notify ?? null);
    process.stdout.write(
      JSON.stringify({ script: p.script, userspec: p.userspec, port: p.port, type: p.exec.type }) + '\n',
    );
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(1);
  }
}
