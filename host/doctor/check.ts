/** What a check returns before timing, and the runner's guard: a check never throws and never hangs. */
import type { CheckId, CheckResult, CheckStatus } from './schema';

export interface Verdict {
  status: CheckStatus;
  detail: string;
  data?: Record<string, unknown>;
}

export const pass = (detail: string, data?: Record<string, unknown>): Verdict => ({
  status: 'pass',
  detail,
  data,
});
export const warn = (detail: string, data?: Record<string, unknown>): Verdict => ({
  status: 'warn',
  detail,
  data,
});
export const fail = (detail: string, data?: Record<string, unknown>): Verdict => ({
  status: 'fail',
  detail,
  data,
});
export const skip = (detail: string, data?: Record<string, unknown>): Verdict => ({
  status: 'skip',
  detail,
  data,
});

/** Runs one check with a time limit; an exception or a timeout becomes a `fail` with its message. */
export async function runCheck(
  id: CheckId,
  fn: () => Promise<Verdict> | Verdict,
  timeoutMs: number,
): Promise<CheckResult> {
  const t0 = performance.now();
  let timer: NodeJS.Timeout | undefined;
  let v: Verdict;
  try {
    v = await Promise.race([
      Promise.resolve().then(fn),
      new Promise<Verdict>((resolve) => {
        timer = setTimeout(
          () => resolve(fail(`no answer within ${Math.round(timeoutMs / 1000)} s`)),
          timeoutMs,
        );
      }),
    ]);
  } catch (e) {
    v = fail(`check failed: ${(e as Error).message ?? String(e)}`);
  } finally {
    clearTimeout(timer);
  }
  return {
    id,
    status: v.status,
    detail: v.detail,
    durationMs: Math.round(performance.now() - t0),
    data: v.data ?? {},
  };
}
