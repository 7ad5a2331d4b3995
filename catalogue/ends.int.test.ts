/**
 * Issue #16's acceptance, read from `npm run -s catalogue -- list --json`: every one of the 25 services has a flow
 * that ends in something the citizen takes away — a dossier code, a payment receipt, a booked appointment, a
 * registration number or an agency's request number — and none is info-only.
 *
 * 23 (unemployment benefit: no source gives its procedure code, data/procedures/README.md row 23) goes to the
 * employment service centre's system and 24/25 (EVN's customer services, not administrative procedures) to EVN's,
 * each ending in that agency's own number (host/agencies/forms); no code is invented. The test names the
 * info-only services (none now) so that opening one changes it.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from './index';

type Ends = 'dossier-code' | 'payment-receipt' | 'appointment' | 'registration-number' | 'request-number';
const ENDS: readonly Ends[] = [
  'dossier-code',
  'payment-receipt',
  'appointment',
  'registration-number',
  'request-number',
];

interface Listed {
  number: number;
  id: string;
  procedureCodes: { code: string }[] | { unknown: true };
  kioskSupport:
    | { mode: 'full' }
    | { mode: 'info-only'; reason: { vi: string; en: string } }
    | { mode: 'agency'; agency: string; ends: string };
}

/** The known gaps: none since 23/24/25 went to their agencies' systems. */
const STILL_INFO_ONLY: number[] = [];

const root = join(import.meta.dirname, '..');
const listed = JSON.parse(
  execFileSync(join(root, 'node_modules', '.bin', 'tsx'), ['scripts/catalogue.ts', 'list', '--json'], {
    cwd: root,
    encoding: 'utf8',
  }),
) as Listed[];
const the25 = listed.filter((s) => s.number >= 1 && s.number <= 25);

/** What a flow ends in, or null when it ends in nothing the citizen can take away. */
function endOf(s: Listed): Ends | null {
  const k = s.kioskSupport;
  if (k.mode === 'agency') return (ENDS as readonly string[]).includes(k.ends) ? (k.ends as Ends) : null;
  if (k.mode === 'info-only') return null;
  // Filed through the portal: a dossier code, if there is a national code to file under (the service's own,
  // or every component's for a linked service such as 16).
  if (Array.isArray(s.procedureCodes) && s.procedureCodes.length > 0) return 'dossier-code';
  const linked = loadCatalogue().services.find((x) => x.id === s.id)?.linkedServices ?? [];
  return linked.length > 0 && linked.every((c) => (c.procedureCodes ?? []).length > 0)
    ? 'dossier-code'
    : null;
}

describe('the 25 services end in something the citizen takes away (issue #16)', () => {
  it('lists all 25', () => {
    expect(the25.map((s) => s.number)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });

  it('every service but the named gaps has a flow ending in a dossier code, payment receipt, appointment or registration number', () => {
    const ends = Object.fromEntries(the25.map((s) => [s.number, endOf(s)]));
    for (const s of the25) {
      if (STILL_INFO_ONLY.includes(s.number)) continue;
      expect([s.number, s.kioskSupport.mode === 'info-only'], s.id).toEqual([s.number, false]);
      expect(ENDS, `${s.number} ${s.id}`).toContain(ends[s.number]);
    }
    // The agency flows end where the issue says: 7 appointment, 8 payment receipt, 21 registration number,
    // 23/24/25 the employment centre's and EVN's request numbers.
    expect([ends[7], ends[8], ends[13], ends[14], ends[21], ends[23], ends[24], ends[25]]).toEqual([
      'appointment',
      'payment-receipt',
      'dossier-code',
      'dossier-code',
      'registration-number',
      'request-number',
      'request-number',
      'request-number',
    ]);
    // No code invented for them: 23's stays unknown; 24/25 are not administrative procedures.
    for (const n of [23, 24, 25])
      expect(the25.find((s) => s.number === n)!.procedureCodes).toMatchObject({ unknown: true });
  });

  it('info-only are exactly the named gaps, each telling the citizen why and where to go', () => {
    const infoOnly = the25.filter((s) => s.kioskSupport.mode === 'info-only');
    expect(infoOnly.map((s) => s.number)).toEqual(STILL_INFO_ONLY);
    for (const s of infoOnly) {
      const k = s.kioskSupport as { reason: { vi: string; en: string } };
      expect(k.reason.vi.length, s.id).toBeGreaterThan(20);
      expect(k.reason.en.length, s.id).toBeGreaterThan(20);
    }
  });
});
