/**
 * The installed `kiosk-doctor --json` on a machine with no card reader and no printer: a report that follows the
 * doctor's own schema (host/doctor/schema.ts), in production mode, with the reader and printer checks failing
 * with a reason (not a crash: exit status 1, not a stack trace), and the package's version.
 *   check-doctor.ts REPORT.json EXIT-STATUS PACKAGE-VERSION
 * Prints one line per finding and exits 1 if any is wrong.
 */
import { readFileSync } from 'node:fs';
import { DoctorReport } from '../../host/doctor/schema';

export function doctorFindings(text: string, exitStatus: number, packageVersion: string): string[] {
  const problems: string[] = [];
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return [`not JSON: ${text.slice(0, 200)}`];
  }
  const parsed = DoctorReport.safeParse(json);
  if (!parsed.success) return [`not a doctor report: ${parsed.error.message.slice(0, 300)}`];
  const r = parsed.data;
  if (exitStatus !== 1) problems.push(`exit status ${exitStatus}, expected 1 (a check failed)`);
  if (r.ok) problems.push('ok is true on a kiosk without reader and printer');
  if (r.mode !== 'production') problems.push(`mode ${r.mode}, expected production`);
  // The Debian version is the upstream version, perhaps with a revision ("1.2.3-1"): the doctor reports upstream.
  const upstream = packageVersion.replace(/-[^-]+$/, '');
  if (r.version !== packageVersion && r.version !== upstream)
    problems.push(`version ${r.version}, package is ${packageVersion}`);
  const byId = new Map(r.checks.map((c) => [c.id, c]));
  // No reader: pcscd absent (not running in the root) or no reader listed — either is a failure with a reason.
  const readerChecks = ['pcscd', 'readers'].map((id) => byId.get(id as never)!);
  if (!readerChecks.some((c) => c.status === 'fail'))
    problems.push(`no reader, yet pcscd/readers are ${readerChecks.map((c) => c.status).join('/')}`);
  const printer = byId.get('printer')!;
  if (printer.status !== 'fail') problems.push(`no printer, yet printer is ${printer.status}`);
  for (const c of r.checks) {
    if (/\n\s+at |TypeError|ReferenceError|Cannot find module|ENOENT.*\/work\//.test(c.detail))
      problems.push(`${c.id} looks like a crash: ${c.detail}`);
  }
  if (r.summary.fail !== r.checks.filter((c) => c.status === 'fail').length)
    problems.push('summary.fail does not count the failed checks');
  return problems;
}

if (process.argv[1]?.endsWith('check-doctor.ts')) {
  const [file, status, version] = process.argv.slice(2);
  if (!file || status === undefined || !version) {
    process.stderr.write('usage: check-doctor.ts REPORT.json EXIT-STATUS PACKAGE-VERSION\n');
    process.exit(2);
  }
  const text = readFileSync(file, 'utf8');
  const problems = doctorFindings(text, Number(status), version);
  try {
    const r = JSON.parse(text) as { checks?: { id: string; status: string; detail: string }[] };
    for (const c of r.checks ?? [])
      process.stdout.write(`  doctor ${c.status.padEnd(4)} ${c.id}: ${c.detail}\n`);
  } catch {
    // reported below
  }
  for (const p of problems) process.stdout.write(`  problem: ${p}\n`);
  process.exit(problems.length === 0 ? 0 : 1);
}
