/** Portal timestamps: `yyyyMMddHHmmss` in Asia/Ho_Chi_Minh (UTC+7 all year; no daylight saving). */
const OFFSET_MS = 7 * 3_600_000;

export function formatPortalTime(epochMs: number): string {
  const d = new Date(epochMs + OFFSET_MS);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

/** Parses `yyyyMMddHHmmss` (Asia/Ho_Chi_Minh) to epoch ms, or null if malformed. */
export function parsePortalTime(text: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s) - OFFSET_MS;
  return formatPortalTime(ms) === text ? ms : null;
}

/** `YYMMDD` of a dossier code, Asia/Ho_Chi_Minh. */
export function dossierCodeDay(epochMs: number): string {
  return formatPortalTime(epochMs).slice(2, 8);
}
