/**
 * Contributions a service collects that are not fees (service 17: household health insurance).
 *
 * Luật Bảo hiểm y tế Art. 13 (as summarised in shared/domain/dossier-rules.md §6): in a household that
 * joins together, the 1st member pays 4.5 % of the base salary (mức lương cơ sở) a month; the 2nd, 3rd
 * and 4th pay 70 %, 60 % and 50 % of the 1st member's amount; the 5th and each one after pay 40 %.
 * The base salary in force is NOT in the project's sources: it is configuration (`dossier.baseSalaryVnd`),
 * null = unknown (the kiosk then says staff will tell the amount). Verify it before a release.
 */
import { z } from 'zod';

export const Contribution = z
  .object({
    kind: z.literal('household-health-insurance'),
    /** The table field listing the OTHER household members (the card holder is the first member). */
    membersField: z.string().regex(/^([a-z0-9-]+\.)?[a-z][A-Za-z0-9]*$/),
    source: z.string().min(1),
  })
  .strict();
export type Contribution = z.infer<typeof Contribution>;

/** Share of the first member's amount paid by the n-th member (1-based). */
export function householdShare(n: number): number {
  if (n <= 1) return 1;
  return n === 2 ? 0.7 : n === 3 ? 0.6 : n === 4 ? 0.5 : 0.4;
}

export interface HouseholdContribution {
  members: number;
  months: number;
  /** Per member and month, in đồng (rounded to the đồng). */
  perMember: number[];
  monthlyVnd: number;
  totalVnd: number;
}

/** The household's contribution for `months` months. */
export function householdHealthInsurance(o: {
  baseSalaryVnd: number;
  members: number;
  months: number;
}): HouseholdContribution {
  if (!Number.isInteger(o.members) || o.members < 1) throw new RangeError('members must be ≥ 1');
  if (!Number.isInteger(o.months) || o.months < 1) throw new RangeError('months must be ≥ 1');
  const first = o.baseSalaryVnd * 0.045;
  const perMember = Array.from({ length: o.members }, (_, i) => Math.round(first * householdShare(i + 1)));
  const monthlyVnd = perMember.reduce((s, x) => s + x, 0);
  return { members: o.members, months: o.months, perMember, monthlyVnd, totalVnd: monthlyVnd * o.months };
}
