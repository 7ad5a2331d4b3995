import { useCallback, useEffect, useRef, useState } from 'react';
import { MORE_TIME_SECONDS } from '../../common/idle-timing';
import { idlePhase } from './idle-phase';

/**
 * Inactivity watch for a citizen session (WCAG 2.2.1): after `idleSeconds` without a touch or key, a
 * warning counts down `warningSeconds` (≥ 20 s) and one tap extends — as often as the citizen wants.
 * `idleSeconds` may change from screen to screen (longer on long form steps: common/idle-timing.ts).
 * `moreTime()` ("I need more time to look something up") grants MORE_TIME_SECONDS of quiet once per session;
 * the warning still comes before the end. When the countdown ends, `onTimeout` runs (everything is wiped).
 */
export function useIdleTimeout(opts: {
  enabled: boolean;
  idleSeconds: number;
  warningSeconds: number;
  onTimeout(): void;
}): {
  warning: boolean;
  secondsLeft: number;
  extend(): void;
  moreTime(): void;
  moreTimeAvailable: boolean;
} {
  const { enabled, idleSeconds, warningSeconds } = opts;
  const onTimeout = useRef(opts.onTimeout);
  onTimeout.current = opts.onTimeout;
  const lastActivity = useRef(Date.now());
  const wasEnabled = useRef(false);
  const warningRef = useRef(false);
  const bonus = useRef(0);
  const [moreTimeUsed, setMoreTimeUsed] = useState(false);
  const [now, setNow] = useState(() => Date.now());

  // The clock starts afresh whenever the watch is switched on (a new session, a screen after the attract).
  if (enabled && !wasEnabled.current) {
    lastActivity.current = Date.now();
    bonus.current = 0;
    if (moreTimeUsed) setMoreTimeUsed(false);
  }
  wasEnabled.current = enabled;

  const extend = useCallback(() => {
    lastActivity.current = Date.now();
    setNow(lastActivity.current);
  }, []);

  const moreTime = useCallback(() => {
    if (moreTimeUsed) return;
    setMoreTimeUsed(true);
    bonus.current = MORE_TIME_SECONDS;
    lastActivity.current = Date.now();
    setNow(lastActivity.current);
  }, [moreTimeUsed]);

  useEffect(() => {
    if (!enabled) return;
    const activity = (): void => {
      // While the warning shows, only its buttons extend (a stray touch elsewhere must not hide it).
      if (warningRef.current) return;
      lastActivity.current = Date.now();
      // Back at the kiosk: the extra quiet time is over.
      bonus.current = 0;
    };
    window.addEventListener('pointerdown', activity, true);
    window.addEventListener('keydown', activity, true);
    const tick = window.setInterval(() => setNow(Date.now()), 250);
    return () => {
      window.removeEventListener('pointerdown', activity, true);
      window.removeEventListener('keydown', activity, true);
      window.clearInterval(tick);
    };
  }, [enabled]);

  const phase = idlePhase({
    now,
    lastActivity: lastActivity.current,
    idleSeconds,
    warningSeconds,
    bonusSeconds: bonus.current,
  });
  const warning = enabled && phase.warning;
  warningRef.current = warning;
  const expired = enabled && phase.expired;

  useEffect(() => {
    if (expired) onTimeout.current();
  }, [expired]);

  return { warning, secondsLeft: phase.secondsLeft, extend, moreTime, moreTimeAvailable: !moreTimeUsed };
}

/** Input fields of the current screen (the adaptive idle time grows with them). */
export function countFields(
  root: ParentNode | null = typeof document === 'undefined' ? null : document,
): number {
  if (!root) return 0;
  const fields = root.querySelectorAll(
    'main input:not([type="hidden"]):not([type="radio"]):not([type="checkbox"]), main select, main textarea, main fieldset',
  );
  return fields.length;
}
