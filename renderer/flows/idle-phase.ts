/** The pure timing of the idle watch (useIdleTimeout): where a session stands, given the clock. */
export interface IdleClock {
  now: number;
  /** Last touch or key, or the last "keep going". */
  lastActivity: number;
  idleSeconds: number;
  warningSeconds: number;
  /** Extra quiet time granted by "I need more time" (until the next touch). */
  bonusSeconds: number;
}

export interface IdlePhase {
  warning: boolean;
  expired: boolean;
  /** Seconds until the session ends (shown in the warning). */
  secondsLeft: number;
}

export function idlePhase(c: IdleClock): IdlePhase {
  const idle = c.idleSeconds + c.bonusSeconds;
  const idleMs = Math.max(0, c.now - c.lastActivity);
  const expired = idleMs >= (idle + c.warningSeconds) * 1000;
  const warning = !expired && idleMs >= idle * 1000;
  const secondsLeft = Math.max(0, Math.ceil(idle + c.warningSeconds - idleMs / 1000));
  return { warning, expired, secondsLeft };
}
