export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerPolicy {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** How long the circuit stays open before one trial request is let through. */
  openMs: number;
}

export const DEFAULT_BREAKER: BreakerPolicy = { failureThreshold: 3, openMs: 30_000 };

/**
 * closed → (N consecutive failures) → open → (openMs elapsed) → half-open: one trial request;
 * success → closed, failure → open again. `onChange` fires on every transition.
 */
export class CircuitBreaker {
  private _state: BreakerState = 'closed';
  private failures = 0;
  private openedAt = 0;
  private trialInFlight = false;

  constructor(
    private readonly policy: BreakerPolicy,
    private readonly now: () => number = Date.now,
    private readonly onChange: (s: BreakerState) => void = () => {},
  ) {}

  get state(): BreakerState {
    if (this._state === 'open' && this.now() - this.openedAt >= this.policy.openMs) this.set('half-open');
    return this._state;
  }

  /** When an open circuit will let a trial through (epoch ms), or 0 if requests may go now. */
  get retryAt(): number {
    return this.state === 'open' ? this.openedAt + this.policy.openMs : 0;
  }

  /** True if a request may be sent now; in half-open only one trial at a time. */
  allow(): boolean {
    const s = this.state;
    if (s === 'closed') return true;
    if (s === 'half-open' && !this.trialInFlight) {
      this.trialInFlight = true;
      return true;
    }
    return false;
  }

  success(): void {
    this.failures = 0;
    this.trialInFlight = false;
    if (this._state !== 'closed') this.set('closed');
  }

  failure(): void {
    this.trialInFlight = false;
    this.failures += 1;
    if (
      this._state === 'half-open' ||
      (this._state === 'closed' && this.failures >= this.policy.failureThreshold)
    ) {
      this.openedAt = this.now();
      this.set('open');
    }
  }

  private set(s: BreakerState): void {
    if (s === this._state) return;
    this._state = s;
    this.onChange(s);
  }
}
