/**
 * pcscd for integration tests.
 * - `ensurePcscd()`: the system pcscd (started `--foreground` if not running, as root) with its vpcd readers.
 * - `startPrivatePcscd()`: a pcscd of the test file's own, on its own vpcd ports and its own socket (clients
 *   find it through PCSCLITE_CSOCK_NAME), so test files never fight over a vpcd slot. It runs in a private
 *   mount namespace (`unshare -m`, a private /run/pcscd bind-mounted) so it never touches the system
 *   pcscd's pid file or socket (pcscd deletes /run/pcscd/pcscd.pid on exit, whatever its socket).
 * - `withVpcdSlot(fn)`: a cross-process lock on one slot of the SYSTEM pcscd, for code that must use it.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { stopProcess, waitForValue } from './wait';

const run = promisify(execFile);
const VPCD_DRIVER = '/usr/lib/pcsc/drivers/serial/libifdvpcd.so';
const SYSTEM_SOCKET = '/run/pcscd/pcscd.comm';

/** Reader names as `pcsc_scan -r` lists them (empty when pcscd is unreachable). */
export async function listReaders(env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  try {
    const { stdout } = await run('pcsc_scan', ['-r'], { env, timeout: 5000 });
    return stdout
      .split('\n')
      .map((l) => /^\d+: (.+)$/.exec(l.trim())?.[1])
      .filter((x): x is string => Boolean(x));
  } catch {
    return [];
  }
}

async function waitForReaders(env: NodeJS.ProcessEnv, timeoutMs = 15_000): Promise<string[]> {
  return waitForValue(
    async () => {
      const readers = (await listReaders(env)).filter((r) => r.startsWith('Virtual PCD'));
      return readers.length > 0 ? readers : null;
    },
    'pcscd to list its vpcd readers',
    { timeoutMs, intervalMs: 200 },
  );
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** True when something accepts connections on the system pcscd socket. */
function systemPcscdRunning(): Promise<boolean> {
  return new Promise((resolve) => {
    if (!existsSync(SYSTEM_SOCKET)) return resolve(false);
    const s = net.connect(SYSTEM_SOCKET);
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/** Starts the system pcscd if it is not running and waits until its vpcd readers are listed. */
export async function ensurePcscd(): Promise<void> {
  const env = { ...process.env };
  delete env.PCSCLITE_CSOCK_NAME;
  if (!(await systemPcscdRunning())) {
    if (!(await portFree(35963)))
      throw new Error(
        'nothing answers on /run/pcscd/pcscd.comm but vpcd port 35963 is taken (a pcscd that lost its socket?): ' +
          'stop that pcscd, then retry',
      );
    const child = spawn('pcscd', ['--foreground'], { detached: true, stdio: 'ignore' });
    child.unref();
  }
  await waitForReaders(env);
}

async function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '0.0.0.0', () => srv.close(() => resolve(true)));
  });
}

async function freePortPair(): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const base = 40000 + Math.floor(Math.random() * 20000);
    if ((await portFree(base)) && (await portFree(base + 1))) return base;
  }
  throw new Error('no two free consecutive TCP ports');
}

export interface PrivatePcscd {
  /** vpcd port of slot 0 ("Virtual PCD 00 00"); slot 1 is basePort + 1. */
  basePort: number;
  readerNames: [string, string];
  socketPath: string;
  /** Environment for PC/SC clients (pcsc_scan, scriptor, the smartcard module): PCSCLITE_CSOCK_NAME. */
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

/**
 * pcscd always writes (and on exit deletes) /run/pcscd/pcscd.pid, even when socket-activated, so a second
 * pcscd must get a private /run/pcscd: a new mount namespace with a private directory bind-mounted there.
 * `unshare` execs `sh`, which execs pcscd: the child's pid is pcscd's own.
 */
function spawnPrivate(runDir: string, conf: string): ChildProcess {
  return spawn(
    'unshare',
    [
      '-m',
      '--propagation',
      'private',
      'sh',
      '-c',
      // /run/pcscd exists only once a pcscd has run (or systemd made it): create the mount point first.
      `mkdir -p /run/pcscd && mount --bind "${runDir}" /run/pcscd && exec pcscd --foreground -c "${conf}"`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
}

/** A pcscd of this process's own (on `basePort`/`basePort+1`, random free ones by default); set `process.env.PCSCLITE_CSOCK_NAME = p.socketPath` before using the smartcard module. */
export async function startPrivatePcscd(options: { basePort?: number } = {}): Promise<PrivatePcscd> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-pcscd-'));
  const basePort = options.basePort ?? (await freePortPair());
  const conf = path.join(dir, 'reader.conf');
  writeFileSync(
    conf,
    `FRIENDLYNAME "Virtual PCD"\nDEVICENAME   /dev/null:${basePort}\nLIBPATH      ${VPCD_DRIVER}\nCHANNELID    ${basePort}\n`,
  );
  const runDir = path.join(dir, 'run');
  mkdirSync(runDir, { recursive: true });
  const socketPath = path.join(runDir, 'pcscd.comm');
  const child = spawnPrivate(runDir, conf);
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const env = { ...process.env, PCSCLITE_CSOCK_NAME: socketPath };
  try {
    await waitForReaders(env);
  } catch (e) {
    child.kill('SIGTERM');
    throw new Error(`private pcscd did not start: ${(e as Error).message}; ${stderr.slice(-500)}`, {
      cause: e,
    });
  }
  return {
    basePort,
    readerNames: ['Virtual PCD 00 00', 'Virtual PCD 00 01'],
    socketPath,
    env,
    async stop() {
      await stopProcess(child, 3000);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs `fn` holding a lock on one free slot of the SYSTEM pcscd's vpcd (35963 or 35964). */
export async function withVpcdSlot<T>(
  fn: (slot: { port: number; readerName: string }) => Promise<T>,
): Promise<T> {
  await ensurePcscd();
  // Another process holds both slots: wait (without end) until one is free.
  const slot = await waitForValue(takeVpcdSlot, 'a free vpcd slot', {
    timeoutMs: Number.POSITIVE_INFINITY,
    intervalMs: 250,
  });
  try {
    return await fn({ port: 35963 + slot.index, readerName: `Virtual PCD 00 0${slot.index}` });
  } finally {
    rmSync(slot.lock, { recursive: true, force: true });
  }
}

/** Takes the lock of a free slot (0 or 1) of the system pcscd's vpcd, or null if both are held. */
function takeVpcdSlot(): { index: number; lock: string } | null {
  for (const index of [0, 1]) {
    const lock = path.join(os.tmpdir(), `kiosk-vpcd-slot-${index}.lock`);
    try {
      mkdirSync(lock);
    } catch {
      const owner = Number(readFileSync(path.join(lock, 'pid'), { encoding: 'utf8', flag: 'a+' }) || '0');
      if (owner > 0 && !pidAlive(owner)) rmSync(lock, { recursive: true, force: true });
      continue;
    }
    writeFileSync(path.join(lock, 'pid'), String(process.pid));
    return { index, lock };
  }
  return null;
}
