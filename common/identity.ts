import { z } from 'zod';

/**
 * The one model of "who is at the kiosk", whatever the source (chip, QR, typed MRZ).
 * Every text field is NFC. Dates are ISO `YYYY-MM-DD`; partial dates (`YYYY` or `YYYY-MM`) are allowed
 * because some citizens' records only hold the year of birth.
 */
export const PartialIsoDate = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'partial ISO date');
export type PartialIsoDate = z.infer<typeof PartialIsoDate>;

export const Sex = z.enum(['male', 'female']);
export type Sex = z.infer<typeof Sex>;

export const IdentitySource = z.enum(['chip', 'qr', 'mrz']);
export type IdentitySource = z.infer<typeof IdentitySource>;

/** `cccd-2021`: chip CCCD (Law 2014); `can-cuoc-2024`: Căn cước card (Law 26/2023); `passport`: any other ICAO document. */
export const CardType = z.enum(['cccd-2021', 'can-cuoc-2024', 'passport', 'unknown']);
export type CardType = z.infer<typeof CardType>;

export const Identity = z.object({
  idNumber: z.string().regex(/^\d{12}$/, '12-digit personal ID number'),
  oldIdNumber: z
    .string()
    .regex(/^(\d{9}|\d{12})$/)
    .nullable(),
  fullName: z.string().min(1),
  dateOfBirth: PartialIsoDate,
  sex: Sex.nullable(),
  nationality: z.string().nullable(),
  ethnicity: z.string().nullable(),
  religion: z.string().nullable(),
  placeOfOrigin: z.string().nullable(),
  placeOfResidence: z.string().nullable(),
  identifyingMarks: z.string().nullable(),
  issueDate: PartialIsoDate.nullable(),
  /** null when the card does not expire (citizens over 60; MRZ `991231`) or when unknown (QR). */
  expiryDate: PartialIsoDate.nullable(),
  fatherName: z.string().nullable(),
  motherName: z.string().nullable(),
  spouseName: z.string().nullable(),
  source: IdentitySource,
  cardType: CardType,
  /** Fields the source carries that the model has no place for (2024 QR fields 8+, DG13 fields 17+). */
  extraFields: z.record(z.string(), z.string()).default({}),
});
export type Identity = z.infer<typeof Identity>;

/** Paths a form field may bind its prefill to: `identity.<key>`. */
export const IDENTITY_PATHS = Object.keys(Identity.shape).map((k) => `identity.${k}`) as readonly string[];

export const PassiveVerdict = z.enum([
  'valid',
  'hash-mismatch',
  'bad-signature',
  'unknown-csca',
  'expired-chain',
  'not-checked',
  /** The DS (or a CA on its path) is on a CSCA's revocation list. */
  'revoked',
  /** A certificate on the path breaks the ICAO profile (key usage, basic constraints, path length). */
  'invalid-chain',
  /** SHA-1 or short RSA in a document signed after the configured date. */
  'weak-algorithm',
]);
export type PassiveVerdict = z.infer<typeof PassiveVerdict>;

export const ActiveVerdict = z.enum(['valid', 'failed', 'unsupported', 'not-checked']);
export type ActiveVerdict = z.infer<typeof ActiveVerdict>;

/** Chip Authentication (ICAO 9303-11 §6.2): ECDH with the DG14 key, then secure messaging under new keys. */
export const ChipAuthVerdict = z.enum(['valid', 'failed', 'unsupported', 'not-checked']);
export type ChipAuthVerdict = z.infer<typeof ChipAuthVerdict>;

export const ChipVerification = z.object({
  passive: PassiveVerdict,
  active: ActiveVerdict,
  chipAuthentication: ChipAuthVerdict,
  /**
   * What the signed SOD makes mandatory, so a copy cannot downgrade the check by leaving files out:
   * DG15 listed → Active Authentication must succeed; DG14 listed with Chip Authentication info (or
   * withheld) → Chip Authentication must succeed.
   */
  requires: z.object({ activeAuthentication: z.boolean(), chipAuthentication: z.boolean() }),
  /** Data groups the SOD lists that were not read (DG3 always: it is never requested). */
  notRead: z.array(z.string()),
});
export type ChipVerification = z.infer<typeof ChipVerification>;
