/**
 * A penalty decision number (số quyết định xử phạt) as typed, or read from a QR: `12345/QĐ-XPHC`.
 *
 * The exact pattern of decision numbers is not in the project's sources; what is checked is the shape every
 * Vietnamese administrative decision number shares: a number, a slash, then a symbol of letters (Đ allowed),
 * digits and dashes that starts with "QĐ". A QR may hold the number alone or a link whose `so` parameter or
 * last path segment is the number (the kiosk's own e-receipt link shape; a real system's QR is to be mapped).
 */
export type DecisionError = 'decision-empty' | 'decision-too-long' | 'decision-bad-shape';

const SHAPE = /^(\d{1,10})\/(QĐ(?:-[0-9A-ZĐ]{1,12}){0,3})$/u;

export function parseDecisionNumber(
  input: string,
): { ok: true; number: string } | { ok: false; error: DecisionError } {
  let raw = input.normalize('NFC').trim();
  if (raw.length === 0) return { ok: false, error: 'decision-empty' };
  if (raw.length > 300) return { ok: false, error: 'decision-too-long' };
  if (/^https?:\/\//i.test(raw)) {
    try {
      const u = new URL(raw);
      raw = u.searchParams.get('so') ?? decodeURIComponent(u.pathname.split('/').filter(Boolean).pop() ?? '');
    } catch {
      return { ok: false, error: 'decision-bad-shape' };
    }
    raw = raw.normalize('NFC').trim();
  }
  const compact = raw.replace(/\s+/g, '').toUpperCase().replace(/^SỐ:?/u, '').replace(/QD/g, 'QĐ');
  if (compact.length > 40) return { ok: false, error: 'decision-too-long' };
  const m = SHAPE.exec(compact);
  if (!m) return { ok: false, error: 'decision-bad-shape' };
  return { ok: true, number: compact };
}
