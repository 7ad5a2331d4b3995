/** The doctor's report as a table for a technician's terminal (plain text, no colours needed). */
import type { DoctorReport } from './schema';

const MARK = { pass: 'OK  ', warn: 'WARN', fail: 'FAIL', skip: '--  ' } as const;

export function formatReport(r: DoctorReport): string {
  const width = Math.max(...r.checks.map((c) => c.id.length));
  const lines = [
    `kiosk doctor ${r.version} — ${r.mode} mode — ${r.startedAt}`,
    '',
    ...r.checks.map((c) => `${MARK[c.status]}  ${c.id.padEnd(width)}  ${c.detail}`),
    '',
    `${r.summary.pass} ok, ${r.summary.warn} warning(s), ${r.summary.fail} failure(s), ${r.summary.skip} skipped` +
      (r.ok ? '' : ' — fix the FAIL lines'),
  ];
  return lines.join('\n') + '\n';
}
