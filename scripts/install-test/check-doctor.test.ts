import { describe, expect, it } from 'vitest';
import { CHECK_IDS, type CheckStatus } from '../../host/doctor/schema';
import { doctorFindings } from './check-doctor';

/** A report as the doctor writes it, every check passing unless given. */
function report(
  statuses: Partial<Record<(typeof CHECK_IDS)[number], CheckStatus>>,
  extra: object = {},
): string {
  const checks = CHECK_IDS.map((id) => ({
    id,
    status: statuses[id] ?? 'pass',
    detail: `${id} looked at`,
    durationMs: 1,
    data: {},
  }));
  const count = (s: CheckStatus) => checks.filter((c) => c.status === s).length;
  return JSON.stringify({
    tool: 'kiosk-doctor',
    version: '1.2.3',
    mode: 'production',
    startedAt: '2026-11-30T23:00:00.000Z',
    checks,
    summary: { pass: count('pass'), warn: count('warn'), fail: count('fail'), skip: count('skip') },
    ok: count('fail') === 0,
    ...extra,
  });
}

describe('doctorFindings (the installed kiosk-doctor --json on a kiosk without reader and printer)', () => {
  it('accepts no reader and no printer reported as failures, exit 1, the package version', () => {
    expect(doctorFindings(report({ pcscd: 'fail', readers: 'fail', printer: 'fail' }), 1, '1.2.3-1')).toEqual(
      [],
    );
  });

  it('finds a crash, a demo kiosk, a wrong version, a reader or printer said to be fine', () => {
    expect(doctorFindings('TypeError: x is undefined\n    at main', 1, '1.2.3')[0]).toMatch(/not JSON/);
    expect(doctorFindings(report({ printer: 'fail' }), 1, '1.2.3')).toEqual([
      'no reader, yet pcscd/readers are pass/pass',
    ]);
    expect(doctorFindings(report({ readers: 'fail' }), 1, '1.2.3')).toEqual([
      'no printer, yet printer is pass',
    ]);
    const demo = report({ readers: 'fail', printer: 'fail' }, { mode: 'demo', version: '9.9.9' });
    expect(doctorFindings(demo, 1, '1.2.3')).toEqual([
      'mode demo, expected production',
      'version 9.9.9, package is 1.2.3',
    ]);
    expect(doctorFindings(report({ readers: 'fail', printer: 'fail' }), 0, '1.2.3')).toEqual([
      'exit status 0, expected 1 (a check failed)',
    ]);
  });

  it('refuses a report missing a check (the schema: every check exactly once)', () => {
    const r = JSON.parse(report({ readers: 'fail', printer: 'fail' })) as { checks: unknown[] };
    r.checks.pop();
    expect(doctorFindings(JSON.stringify(r), 1, '1.2.3')[0]).toMatch(/not a doctor report/);
  });
});
