/**
 * Waiting in tests without sleeping: for a condition that another process makes true (a file, a reader
 * listed by pcscd, bytes through a pseudo-terminal), for a child process to exit, or for the promise
 * continuations already queued in this process. Code under test that runs in this process is driven with
 * fake timers instead (vi.useFakeTimers / vi.advanceTimersByTimeAsync).
 *
 * May import: node built-ins only (the benchmarks under scripts/bench use it outside vitest).
 */
import type { ChildProcess } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';

export interface WaitOptions {
  /** Gives up after this long (default 15 s) with "timed out waiting for <what>". */
  timeoutMs?: number;
  /** How often the condition is checked (default 20 ms). */
  intervalMs?: number;
}

/**
 * Resolves as soon as `condition` holds (checked at once, then every `intervalMs`); rejects after `timeoutMs`.
 * For conditions another process makes true, which this process cannot be told about by an event.
 */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  what: string,
  { timeoutMs = 15_000, intervalMs = 20 }: WaitOptions = {},
): Promise<void> {
  await waitForValue(async () => ((await condition()) ? true : null), what, { timeoutMs, intervalMs });
}

/** Like waitUntil, for a value: resolves with the first non-null result of `probe`. */
export async function waitForValue<T>(
  probe: () => T | null | Promise<T | null>,
  what: string,
  { timeoutMs = 15_000, intervalMs = 20 }: WaitOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== null) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await delay(intervalMs);
  }
}

/** True if `p` settles within `ms`, false otherwise (it keeps running). */
export async function settlesWithin(p: Promise<unknown>, ms: number): Promise<boolean> {
  const ac = new AbortController();
  const settled = p.then(
    () => true,
    () => true,
  );
  const late = delay(ms, false, { signal: ac.signal }).catch(() => false);
  try {
    return await Promise.race([settled, late]);
  } finally {
    ac.abort();
  }
}

/**
 * Stops a child process: SIGTERM, then SIGKILL if it has not exited after `graceMs` (default 5 s).
 * Resolves once it has exited.
 */
export async function stopProcess(child: ChildProcess, graceMs = 5000): Promise<void> {
  const running = (): boolean => child.exitCode === null && child.signalCode === null;
  if (!running()) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  if (!(await settlesWithin(exited, graceMs)) && running()) {
    child.kill('SIGKILL');
    await exited;
  }
}

/**
 * One turn of the event loop: every promise continuation already queued in this process runs (and timers
 * already due fire). For code under test that hands work to a `void promise` or `queueMicrotask`.
 */
export function flushMicrotasks(): Promise<void> {
  return new Promise((r) => setImmediate(r));
}
