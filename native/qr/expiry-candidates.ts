/**
 * Candidate card expiry dates when only the QR (date of birth + issue date) is known.
 *
 * The printed QR carries no expiry date, but the BAC key needs it. Rules
 * (docs: /work/shared/domain/cccd-chip-and-qr.md §2 "Expiry when only the QR is known"):
 * - Law 2014 (cards issued before 2024-07-01): renew at ages 25, 40, 60.
 * - Law 26/2023 (cards issued from 2024-07-01): renew at ages 14, 25, 40, 60.
 * - A card issued within 2 years before a milestone stays valid to the next one.
 * - From 60 (or issued within 2 years before 60) the card does not expire: MRZ `991231`.
 * - Expiry day-month = birth day-month.
 *
 * The result is ordered most likely first: the rule-derived date, then `991231`, then the other milestones
 * (the ones after the issue date nearest first, then the ones before it). Each wrong guess costs the chip reader
 * one failed MUTUAL AUTHENTICATE, so the list is short and has no duplicates.
 */
import { todayInVietnam } from '../../common/text/format';

export const NO_EXPIRY_MRZ = '991231';

/** The date from which Law 26/2023 (Căn cước) applies to newly issued cards. */
export const LAW_2023_EFFECTIVE = '2024-07-01';

const MILESTONES_2014 = [25, 40, 60] as const;
const MILESTONES_2023 = [14, 25, 40, 60] as const;
const ALL_MILESTONES = [14, 25, 40, 60] as const;

export interface ExpiryCandidateInput {
  /** ISO `YYYY-MM-DD`. A partial date (`YYYY`, `YYYY-MM`) gives only `991231`: the day-month is unknown. */
  dateOfBirth: string;
  /** ISO `YYYY-MM-DD`, or null when unknown. */
  issueDate: string | null;
  /** ISO `YYYY-MM-DD`; only used when `issueDate` is null (a card in use most likely has not expired yet). Defaults to today in Vietnam. */
  today?: string;
}

interface Ymd {
  y: number;
  m: number;
  d: number;
}

function parseIsoDay(iso: string): Ymd | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return { y, m, d };
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function iso(date: Ymd): string {
  return `${pad(date.y, 4)}-${pad(date.m, 2)}-${pad(date.d, 2)}`;
}

/** The day a person born on `dob` reaches `years` of age (29 February → 28 February in common years). */
function birthdayAt(dob: Ymd, years: number): Ymd {
  const y = dob.y + years;
  return { y, m: dob.m, d: Math.min(dob.d, daysInMonth(y, dob.m)) };
}

/** MRZ YYMMDD of the milestone; for 29 February births in a common year, every plausible spelling. */
function mrzSpellings(dob: Ymd, years: number): string[] {
  const y = dob.y + years;
  const yy = pad(y % 100, 2);
  if (dob.m === 2 && dob.d === 29 && !isLeapYear(y)) {
    // Unverified: how the issuing system writes an anniversary of 29 February in a common year.
    return [`${yy}0228`, `${yy}0301`, `${yy}0229`];
  }
  return [`${yy}${pad(dob.m, 2)}${pad(dob.d, 2)}`];
}

function addYears(date: Ymd, years: number): Ymd {
  const y = date.y + years;
  return { y, m: date.m, d: Math.min(date.d, daysInMonth(y, date.m)) };
}

function milestoneAge(dob: Ymd, issue: Ymd): number | null {
  const issueIso = iso(issue);
  const milestones = issueIso >= LAW_2023_EFFECTIVE ? MILESTONES_2023 : MILESTONES_2014;
  for (const age of milestones) {
    const windowStart = iso(addYears(birthdayAt(dob, age), -2));
    if (issueIso < windowStart) return age;
    // Issued within 2 years before this milestone, or after it: valid to a later one.
  }
  return null;
}

/**
 * The age at which a card issued on `issueDate` (ISO) to a person born on `dateOfBirth` (ISO) expires by the
 * rules above, or null when it never expires (or a date is not a full valid ISO day).
 */
export function expiryMilestoneAge(dateOfBirth: string, issueDate: string): number | null {
  const dob = parseIsoDay(dateOfBirth);
  const issue = parseIsoDay(issueDate);
  return dob && issue ? milestoneAge(dob, issue) : null;
}

/**
 * Candidate MRZ expiry dates (YYMMDD), most likely first, no duplicates.
 * The chip reader tries them in order when it builds a BAC key from a QR identity.
 */
export function candidateExpiryDates(input: ExpiryCandidateInput): string[] {
  const dob = parseIsoDay(input.dateOfBirth);
  if (!dob) return [NO_EXPIRY_MRZ];
  const issue = input.issueDate === null ? null : parseIsoDay(input.issueDate);

  const out: string[] = [];
  const push = (values: string[]): void => {
    for (const v of values) if (!out.includes(v)) out.push(v);
  };

  // The reference day: the issue date when known, else today (a card in use most likely has not expired).
  let reference: Ymd;
  if (issue) {
    reference = issue;
    const age = milestoneAge(dob, issue);
    push(age === null ? [NO_EXPIRY_MRZ] : mrzSpellings(dob, age));
  } else {
    const today = (input.today && parseIsoDay(input.today)) || parseIsoDay(todayInVietnam());
    reference = today ?? { y: 2000, m: 1, d: 1 };
    const next = ALL_MILESTONES.find((age) => iso(birthdayAt(dob, age)) > iso(reference));
    push(next === undefined ? [NO_EXPIRY_MRZ] : mrzSpellings(dob, next));
  }
  push([NO_EXPIRY_MRZ]);

  const refIso = iso(reference);
  const after = ALL_MILESTONES.filter((age) => iso(birthdayAt(dob, age)) > refIso);
  const before = ALL_MILESTONES.filter((age) => iso(birthdayAt(dob, age)) <= refIso).reverse();
  for (const age of [...after, ...before]) push(mrzSpellings(dob, age));
  return out;
}
