/**
 * sd_notify for the host under systemd (deploy/systemd/kiosk-host.service, Type=notify, WatchdogSec=):
 * READY=1 once the host serves, WATCHDOG=1 every half watchdog period while the event loop runs, STOPPING=1
 * on the way out. Node cannot send datagrams on unix sockets, so each message goes through `systemd-notify`
 * (a child process: the unit sets NotifyAccess=all; systemd-notify waits on sd_notify_barrier, so systemd has
 * read the message before the child exits and it is attributed to the unit). Without $NOTIFY_SOCKET (not run
 * by systemd) nothing happens.
 */
import { execFile } from 'node:child_process';
import { logger } from '../log/logger';

export type NotifyRunner = (args: string[], env: NodeJS.ProcessEnv) => Promise<void>;

const systemdNotify: NotifyRunner = (args, env) =>
  new Promise((resolve, reject) =>
    execFile('systemd-notify', args, { env, timeout: 10_000 }, (err) => (err ? reject(err) : resolve())),
  );

export interface SdNotifier {
  /** READY=1 (with MAINPID, so a wrapper script that did not `exec` is harmless) and starts the watchdog. */
  ready(status?: string): Promise<void>;
  /** STOPPING=1 and stops the watchdog. */
  stopping(): Promise<void>;
  /** Stops the watchdog timer only. */
  close(): void;
  /** The watchdog ping period in ms, or null when systemd set no watchdog for this process. */
  readonly watchdogMs: number | null;
}

/** The watchdog period for this process: half of WATCHDOG_USEC, when WATCHDOG_PID (if set) is this process. */
export function watchdogIntervalMs(env: NodeJS.ProcessEnv, pid = process.pid): number | null {
  const usec = Number(env.WATCHDOG_USEC);
  if (!Number.isInteger(usec) || usec <= 0) return null;
  if (env.WATCHDOG_PID && Number(env.WATCHDOG_PID) !== pid) return null;
  return Math.max(1, Math.floor(usec / 2000));
}

/** The notifier, or null when the process does not run under systemd's notify protocol. */
export function sdNotifier(
  env: NodeJS.ProcessEnv = process.env,
  run: NotifyRunner = systemdNotify,
  onError: (e: Error) => void = (e) => logger('systemd').warn({ err: e }, 'systemd-notify failed'),
): SdNotifier | null {
  if (!env.NOTIFY_SOCKET) return null;
  const watchdogMs = watchdogIntervalMs(env);
  let timer: NodeJS.Timeout | null = null;
  const send = (args: string[]) => run(args, env).catch((e: Error) => onError(e));
  return {
    watchdogMs,
    async ready(status) {
      await send([`--pid=${process.pid}`, 'READY=1', ...(status ? [`STATUS=${status}`] : [])]);
      if (watchdogMs !== null && !timer) {
        timer = setInterval(() => void send(['WATCHDOG=1']), watchdogMs);
        timer.unref();
      }
    },
    async stopping() {
      this.close();
      await send(['STOPPING=1']);
    },
    close() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
