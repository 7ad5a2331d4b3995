/**
 * The report as CSV (RFC 4180, UTF-8 with a BOM so spreadsheet programs show Vietnamese; CRLF). One row per
 * service and channel; maps (abandoned at, errors, ratings, reasons) as `key=count` lists separated by `;`.
 */
import type { Report } from './report';

export const CSV_COLUMNS = [
  'period',
  'service_id',
  'channel',
  'started',
  'completed',
  'abandoned',
  'abandoned_at',
  'refused',
  'median_seconds',
  'fees_vnd',
  'errors',
  'ratings',
  'rating_mean',
  'rating_reasons',
] as const;

function cell(v: string | number | null): string {
  const s = v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function pairs(m: Record<string, number>): string {
  return Object.entries(m)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => `${k}=${n}`)
    .join(';');
}

export function reportCsv(r: Report): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const s of r.services)
    lines.push(
      [
        r.label,
        s.serviceId,
        s.channel,
        s.started,
        s.completed,
        s.abandoned,
        pairs(s.abandonedAt),
        s.refused,
        s.medianSeconds,
        s.feesVnd,
        pairs(s.errors),
        pairs(s.ratings),
        s.ratingMean,
        pairs(s.reasons),
      ]
        .map(cell)
        .join(','),
    );
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
