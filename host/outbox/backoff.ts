export interface BackoffPolicy {
  /** First retry waits up to this. */
  baseMs: number;
  /** No wait exceeds this. */
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, capMs: 10 * 60_000 };

/**
 * "Full jitter" exponential backoff (AWS Architecture Blog, 2015): a uniform wait in
 * [0, min(cap, base · 2^attempt)). Spreads retries of many kiosks after an outage.
 */
export function fullJitterDelay(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const exp = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(Math.max(attempt, 0), 30));
  return Math.floor(random() * exp);
}
