/**
 * Adaptive idle timing (issue #18 item 4, WCAG 2.2.1 "Timing Adjustable": warned before, extendable with one
 * tap, at least 20 s to answer). Shared by the renderer (the watch) and the host (its watchdog must never end a
 * session the renderer still keeps).
 *
 * - A step with many fields gets longer: the configured idle time grows by `FIELD_SCALE` of itself for every field
 *   beyond `FREE_FIELDS` (90 s → +18 s a field), at most `MAX_SCALE` times the configured time.
 * - "I need more time to look something up": `MORE_TIME_SECONDS` more, once per session, e.g. while the citizen
 *   finds a relative's ID number. The warning still comes before the end, and still extends.
 */
export const FREE_FIELDS = 2;
export const FIELD_SCALE = 0.2;
export const MAX_SCALE = 4;
export const MORE_TIME_SECONDS = 300;

/** Idle seconds before the warning on a screen with `fields` input fields. */
export function idleSecondsForStep(baseSeconds: number, fields: number): number {
  const n = Math.max(0, Math.floor(Number.isFinite(fields) ? fields : 0));
  const scale = Math.min(MAX_SCALE, 1 + Math.max(0, n - FREE_FIELDS) * FIELD_SCALE);
  return Math.round(baseSeconds * scale);
}

/** The longest a session can be idle in the renderer: the host's watchdog waits at least this long (+ a margin). */
export function longestIdleSeconds(baseSeconds: number, warningSeconds: number): number {
  return baseSeconds * MAX_SCALE + MORE_TIME_SECONDS + warningSeconds;
}
