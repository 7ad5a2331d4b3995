import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Inactivity watch for a citizen session (WCAG 2.2.1): after `idleSeconds` without a touch or key, a
 * warning counts down `warningSeconds` (≥ 20 s) and one tap extends — as often as the citizen wants.
 * When the countdown ends, `onTimeout` runs (the session and everything in it is wiped).
 */
export function useIdleTimeout(opts: {
  enabled: boolean;
  idleSeconds: number;
  warningSeconds: number;
  onTimeout(): void;
}): { warning: boolean; secondsLeft: number; extend(): void } {
  const { enabled, idleSeconds, warningSeconds } = opts;
  const onTimeout = useRef(opts.onTimeout);
  onTimeout.current = opts.onTimeout;
  const lastActivity = useRef(Date.now());
  const wasEnabled = useRef(false);
  const warningRef = useRef(false);
  const [now, setNow] = useState(() => Date.now());

  // The clock starts afresh whenever the watch is switched on (a new session, a screen after the attract).
  if (enabled && !wasEnabled.current) lastActivity.current = Date.now();
  wasEnabled.current = enabled;

  const extend = useCallback(() => {
    lastActivity.current = Date.now();
    setNow(lastActivity.current);
  }, []);

  useEffect(() => {
    if (!enabled) return;
    const activity = (): void => {
      // While the warning shows, only its button extends (a stray touch elsewhere must not hide it).
      if (!warningRef.current) lastActivity.current = Date.now();
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

  const idleMs = Math.max(0, now - lastActivity.current);
  const warning = enabled && idleMs >= idleSeconds * 1000;
  warningRef.current = warning;
  const secondsLeft = Math.max(0, Math.ceil(idleSeconds + warningSeconds - idleMs / 1000));
  const expired = enabled && idleMs >= (idleSeconds + warningSeconds) * 1000;

  useEffect(() => {
    if (expired) onTimeout.current();
  }, [expired]);

  return { warning: warning && !expired, secondsLeft, extend };
}
