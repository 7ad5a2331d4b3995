/**
 * Makes sure pcscd is running before the host opens PC/SC. On a kiosk it is a system service (socket
 * activated by systemd); on a bare machine or a container `npm start` starts it (as root) in the
 * background. When PCSCLITE_CSOCK_NAME points at a private pcscd (tests), that one is used as it is.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const SOCKET = '/run/pcscd/pcscd.comm';

function running(): boolean {
  try {
    const pid = Number.parseInt(readFileSync('/run/pcscd/pcscd.pid', 'utf8'), 10); // pcscd ends the file with a NUL
    process.kill(pid, 0);
    return existsSync(SOCKET);
  } catch {
    return false;
  }
}

/** The pcscd this process started (none when it was already running or systemd runs it). */
let started: ChildProcess | null = null;

/** Stops the pcscd this process started, if any (`npm start` must leave nothing running). */
export async function stopStartedPcscd(timeoutMs = 3000): Promise<void> {
  const child = started;
  started = null;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, timeoutMs))]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

export async function ensurePcscdRunning(timeoutMs = 5000): Promise<'running' | 'started' | 'unavailable'> {
  if (process.env.PCSCLITE_CSOCK_NAME)
    return existsSync(process.env.PCSCLITE_CSOCK_NAME) ? 'running' : 'unavailable';
  if (running()) return 'running';
  if (process.getuid?.() !== 0) return 'unavailable';
  try {
    const child = spawn('pcscd', ['--foreground'], { detached: true, stdio: 'ignore' });
    child.on('error', () => undefined);
    child.unref();
    started = child;
  } catch {
    return 'unavailable';
  }
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (running()) return 'started';
    await new Promise((r) => setTimeout(r, 100));
  }
  return 'unavailable';
}
