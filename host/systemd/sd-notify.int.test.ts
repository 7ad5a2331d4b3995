/**
 * The host's sd_notify through the real `systemd-notify`, received on a unix datagram socket by a small
 * receiver that behaves like systemd's (it reads each message and closes the barrier's file descriptor,
 * which is what lets systemd-notify return).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sdNotifier, watchdogIntervalMs } from './sd-notify';

const RECEIVER = `
import array, os, socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
print("listening", flush=True)
while True:
    msg, anc, _, _ = s.recvmsg(4096, socket.CMSG_SPACE(64))
    for level, kind, data in anc:
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            fds = array.array("i")
            fds.frombytes(data[: len(data) - len(data) % fds.itemsize])
            for fd in fds:
                os.close(fd)
    print(msg.decode().replace("\\n", " ").strip(), flush=True)
`;

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let receiver: ChildProcess;
let socketPath: string;
const messages: string[] = [];
let waiters: (() => void)[] = [];

beforeAll(async () => {
  socketPath = path.join(mkdtempSync(path.join(tmpdir(), 'kiosk-notify-')), 'notify.sock');
  receiver = spawn('python3', ['-c', RECEIVER, socketPath], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: receiver.stdout! });
  await new Promise<void>((resolve) =>
    lines.on('line', (l) => {
      if (l === 'listening') return resolve();
      messages.push(l);
      for (const w of waiters) w();
      waiters = [];
    }),
  );
});
afterAll(() => {
  receiver?.kill('SIGTERM');
});

const until = async (pred: () => boolean): Promise<void> => {
  while (!pred()) await new Promise<void>((r) => waiters.push(r));
};

describe('sd_notify', () => {
  it('does nothing outside systemd', () => {
    expect(sdNotifier({})).toBeNull();
  });

  it('reads the watchdog period for this process only', () => {
    expect(watchdogIntervalMs({ WATCHDOG_USEC: '30000000' })).toBe(15_000);
    expect(watchdogIntervalMs({ WATCHDOG_USEC: '30000000', WATCHDOG_PID: String(process.pid) })).toBe(15_000);
    expect(watchdogIntervalMs({ WATCHDOG_USEC: '30000000', WATCHDOG_PID: '1' })).toBeNull();
    expect(watchdogIntervalMs({ WATCHDOG_USEC: 'x' })).toBeNull();
  });

  it('sends READY=1 with the main PID, feeds the watchdog, and says STOPPING=1', async () => {
    const errors: Error[] = [];
    const n = sdNotifier(
      { ...process.env, NOTIFY_SOCKET: socketPath, WATCHDOG_USEC: '200000' },
      undefined,
      (e) => errors.push(e),
    )!;
    expect(n.watchdogMs).toBe(100);
    await n.ready('serving');
    // systemd-notify sends the state, then the barrier (answered by the receiver closing its descriptor).
    expect(messages.slice(0, 2)).toEqual([`MAINPID=${process.pid} READY=1 STATUS=serving`, 'BARRIER=1']);
    await until(() => messages.filter((m) => m.startsWith('WATCHDOG=1')).length >= 2);
    await n.stopping();
    await until(() => messages.some((m) => m.startsWith('STOPPING=1')));
    expect(errors).toEqual([]);
  });

  it('stops feeding the watchdog once stopping (fake timers, a recording runner)', async () => {
    vi.useFakeTimers();
    try {
      const sent: string[][] = [];
      const n = sdNotifier(
        { NOTIFY_SOCKET: '/x', WATCHDOG_USEC: '10000000' },
        async (a) => void sent.push(a),
      )!;
      await n.ready();
      await vi.advanceTimersByTimeAsync(15_000);
      expect(sent.filter((a) => a[0] === 'WATCHDOG=1')).toHaveLength(3);
      await n.stopping();
      await vi.advanceTimersByTimeAsync(60_000);
      expect(sent.slice(-1)).toEqual([['STOPPING=1']]);
      expect(sent.filter((a) => a[0] === 'WATCHDOG=1')).toHaveLength(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it('the host (host/main.ts) says READY=1 once it serves, feeds the watchdog, and STOPPING=1 on SIGTERM', async () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'kiosk-notify-host-')), 'data');
    const env: NodeJS.ProcessEnv = { ...process.env, NOTIFY_SOCKET: socketPath, WATCHDOG_USEC: '400000' };
    delete env.KIOSK_CONFIG;
    delete env.KIOSK_DATA_DIR;
    const host = spawn(
      process.execPath,
      ['--import', 'tsx', 'host/main.ts', '--no-devices', '--data-dir', dataDir, '--port', '0'],
      { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    const exited = new Promise<number | null>((r) => host.once('exit', (code) => r(code)));
    const from = messages.length;
    const mine = () => messages.slice(from);
    await until(() =>
      mine().some((m) => m.startsWith(`MAINPID=${host.pid} READY=1 STATUS=serving on 127.0.0.1:`)),
    );
    const ready = mine().findIndex((m) => m.includes('READY=1'));
    await until(
      () =>
        mine()
          .slice(ready)
          .filter((m) => m === 'WATCHDOG=1').length >= 2,
    );
    host.kill('SIGTERM');
    await until(() => mine().includes('STOPPING=1'));
    expect(await exited).toBe(0);
  }, 60_000);
});
