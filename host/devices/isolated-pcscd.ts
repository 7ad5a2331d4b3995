/**
 * A pcscd whose vpcd (virtual reader) driver is reachable from THIS machine only — demo mode's reader stack
 * and the tests'.
 *
 * Why: vsmartcard's vpcd (Debian's vsmartcard-vpcd 3.3) binds its TCP port on INADDR_ANY, whatever
 * reader.conf says (`DEVICENAME /dev/null:PORT`). Its only other form, `DEVICENAME host:port`, makes the
 * driver dial OUT to a card server ("reverse" mode) — but in that version, when no card server is listening,
 * the presence poll passes fd -1 to select() and glibc aborts pcscd ("*** bit out of range 0 - FD_SETSIZE on
 * fd_set ***: terminated", seen on this machine with `DEVICENAME 127.0.0.1:47999`), so it cannot serve a
 * simulator that comes and goes. A firewall rule would depend on the machine's firewall set-up.
 * So the driver keeps its default form, but its pcscd runs in a network namespace of its own that has only a
 * loopback interface: 0.0.0.0 there is unreachable from any network. The simulator reaches each vpcd slot
 * through a Unix socket that `socat` (inside the namespace) bridges to the slot's port on the namespace's
 * loopback. PC/SC clients reach pcscd through its own Unix socket (PCSCLITE_CSOCK_NAME) as usual: Unix
 * sockets with a path belong to the filesystem, not to a network namespace.
 *
 * Namespaces (`unshare`, root):
 * - network: only `lo` (brought up, with a quick-ACK route for 127.0.0.2: see native/simulator/vpcd-loopback.ts);
 * - mount: a private /run/pcscd (pcscd's pid file and socket) and an empty USB driver folder, so this pcscd
 *   never claims a real reader that the system pcscd serves;
 * - pid: pcscd and the bridges die together when `unshare` (our child, `--kill-child`) is stopped.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { CodedError } from '../../common/errors';

const run = promisify(execFile);
export const VPCD_DRIVER = '/usr/lib/pcsc/drivers/serial/libifdvpcd.so';
const USB_DRIVERS = '/usr/lib/pcsc/drivers';
/** vpcd's own default port; free to use inside the namespace, whatever runs on the machine. */
export const ISOLATED_VPCD_BASE_PORT = 35963;

export interface IsolatedPcscd {
  /** vpcd port of slot 0 inside the namespace ("Virtual PCD 00 00"); slot 1 is basePort + 1. */
  basePort: number;
  readerNames: [string, string];
  /** pcscd's client socket: PCSCLITE_CSOCK_NAME. */
  socketPath: string;
  /** The Unix sockets bridged to vpcd slot 0 and slot 1. */
  vpcdSockets: [string, string];
  /** The folder of everything above (vpcd-0.sock, vpcd-1.sock, run/pcscd.comm). */
  dir: string;
  env: NodeJS.ProcessEnv;
  pid: number;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `vpcd-<slot>.sock` in `dir`: the simulator's way into slot `slot`. */
export function vpcdSocketPath(dir: string, slot: number): string {
  return path.join(dir, `vpcd-${slot}.sock`);
}

const SCRIPT = `set -e
ip link set lo up
ip route add local 127.0.0.2/32 dev lo table local quickack 1 2>/dev/null || true
mount --bind "$1" /run/pcscd
mount --bind "$2" ${USB_DRIVERS}
socat UNIX-LISTEN:"$3",fork,mode=600,unlink-early TCP:127.0.0.2:$5,nodelay &
socat UNIX-LISTEN:"$4",fork,mode=600,unlink-early TCP:127.0.0.2:$(($5 + 1)),nodelay &
exec pcscd --foreground -c "$6"`;

async function readersListed(env: NodeJS.ProcessEnv): Promise<boolean> {
  try {
    const { stdout } = await run('pcsc_scan', ['-r'], { env, timeout: 5000 });
    return /Virtual PCD 00 00/.test(stdout);
  } catch {
    return false;
  }
}

export async function startIsolatedPcscd(options: { timeoutMs?: number } = {}): Promise<IsolatedPcscd> {
  if (process.getuid?.() !== 0)
    throw new CodedError(
      'pcscd.isolation-unavailable',
      'an isolated pcscd needs root (network and mount namespaces)',
    );
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-pcscd-'));
  const basePort = ISOLATED_VPCD_BASE_PORT;
  const runDir = path.join(dir, 'run');
  const noUsb = path.join(dir, 'no-usb-drivers');
  mkdirSync(runDir, { recursive: true });
  mkdirSync(noUsb, { recursive: true });
  // The driver is copied out of the folder that gets hidden (the USB drivers live beside it).
  const driver = path.join(dir, 'libifdvpcd.so');
  copyFileSync(VPCD_DRIVER, driver);
  const conf = path.join(dir, 'reader.conf');
  writeFileSync(
    conf,
    `FRIENDLYNAME "Virtual PCD"\nDEVICENAME   /dev/null:${basePort}\nLIBPATH      ${driver}\nCHANNELID    ${basePort}\n`,
  );
  const sockets: [string, string] = [vpcdSocketPath(dir, 0), vpcdSocketPath(dir, 1)];
  const child: ChildProcess = spawn(
    'unshare',
    [
      '--net',
      '--mount',
      '--pid',
      '--fork',
      '--kill-child',
      '--propagation',
      'private',
      'sh',
      '-c',
      SCRIPT,
      'isolated-pcscd',
      runDir,
      noUsb,
      sockets[0],
      sockets[1],
      String(basePort),
      conf,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const socketPath = path.join(runDir, 'pcscd.comm');
  const env = { ...process.env, PCSCLITE_CSOCK_NAME: socketPath };
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(3000)]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`isolated pcscd exited (${child.exitCode}): ${stderr.slice(-500)}`);
    }
    if (existsSync(sockets[0]) && existsSync(sockets[1]) && (await readersListed(env))) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`isolated pcscd did not list its vpcd readers in time: ${stderr.slice(-500)}`);
    }
    await sleep(200);
  }
  return {
    basePort,
    readerNames: ['Virtual PCD 00 00', 'Virtual PCD 00 01'],
    socketPath,
    vpcdSockets: sockets,
    dir,
    env,
    pid: child.pid!,
    stop,
  };
}

/**
 * True when the system pcscd is already running and lists a reader that is not virtual (`pcsc_scan -r` in a
 * child process, so this process's PC/SC client is not bound to the system socket before it chooses one).
 */
export async function systemPcscdHasRealReader(): Promise<boolean> {
  if (!existsSync('/run/pcscd/pcscd.comm')) return false;
  const env = { ...process.env };
  delete env.PCSCLITE_CSOCK_NAME;
  try {
    const { stdout } = await run('pcsc_scan', ['-r'], { env, timeout: 5000 });
    return stdout
      .split('\n')
      .map((l) => /^\d+: (.+)$/.exec(l.trim())?.[1])
      .some((name) => name !== undefined && !/^Virtual PCD/.test(name));
  } catch {
    return false;
  }
}
