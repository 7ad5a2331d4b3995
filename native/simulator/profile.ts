/** Citizen profiles: the fictional people behind the virtual cards (fixtures/citizens/*.json). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { Identity } from '../../common/identity';
import { nfc } from '../../common/text/vietnamese';
import { SimulatorError } from './errors';

const Yymmdd = z.string().regex(/^\d{6}$/);

/** The identity fields of `Identity` (common/identity.ts), as a profile writes them. */
export const CitizenProfile = Identity.omit({ source: true, extraFields: true, idNumber: true }).extend({
  /** File stem, e.g. `cccd-2021-with-cmnd`. */
  id: z.string().min(1),
  /** 12 digits for Vietnamese cards; the document number for the ICAO specimen passport. */
  idNumber: z.string().min(1),
  bac: z.object({ documentNumber: z.string().length(9), dateOfBirth: Yymmdd, dateOfExpiry: Yymmdd }),
  /** The QR printed on the card (null when the profile has none). */
  qr: z.string().nullable(),
  /** Extra DG13 fields by field number (2024 cards: 16–20). Digits/dates are PrintableString, else UTF8String. */
  dg13Extra: z.record(z.string().regex(/^\d+$/), z.string()).default({}),
  /** TD3 data for the ICAO specimen passport (no DG13). */
  passport: z
    .object({
      issuingState: z.string().length(3),
      nationality: z.string().length(3),
      surname: z.string(),
      givenNames: z.string(),
      personalNumber: z.string(),
    })
    .optional(),
  note: z.string().optional(),
  /**
   * DG2 face: image format and biometric record (default JPEG in ISO/IEC 19794-5, the CCCD layout). JPEG 2000 uses
   * fixtures/faces/simulator-portrait.jp2 (the drawn portrait, made by opj_compress).
   */
  portrait: z
    .object({
      format: z.enum(['jpeg', 'jp2']).default('jpeg'),
      record: z.enum(['iso19794-5', 'iso39794-5']).default('iso19794-5'),
    })
    .optional(),
  /** Size range of the drawn DG2 portrait JPEG, bytes (default 12–20 KiB); benchmarks ask for bigger photos. */
  portraitBytes: z.tuple([z.number().int().positive(), z.number().int().positive()]).optional(),
  /** Chip options (default: BAC only, no EF.CardAccess, no Chip Authentication — like today's CCCD readers see). */
  chip: z
    .object({
      /** PACE (EF.CardAccess with one PACEInfo, ECDH generic mapping). `can` is printed on the card. */
      pace: z
        .object({
          can: z.string().regex(/^\d{6}$/),
          curve: z.enum(['P-256', 'P-384', 'brainpoolP256r1', 'brainpoolP384r1']).default('brainpoolP256r1'),
          cipher: z.enum(['3des', 'aes-128', 'aes-192', 'aes-256']).default('aes-128'),
          /** The MRZ is accepted as a PACE password (false: the CAN only). */
          mrz: z.boolean().default(true),
        })
        .optional(),
      /** BAC (GET CHALLENGE / MUTUAL AUTHENTICATE); false: a PACE-only chip answers 6D00. */
      bac: z.boolean().default(true),
      /** Chip Authentication key and infos in DG14 (ECDH). */
      chipAuthentication: z
        .object({
          curve: z.enum(['P-256', 'P-384', 'brainpoolP256r1', 'brainpoolP384r1']).default('brainpoolP256r1'),
          cipher: z.enum(['3des', 'aes-128', 'aes-192', 'aes-256']).default('aes-128'),
          keyId: z.number().int().min(0).max(127).default(1),
          /** Only MSE:Set KAT (41A6, 3DES CA of older chips); MSE:Set AT 41A4 is refused (6A80). */
          kat: z.boolean().default(false),
        })
        .optional(),
    })
    .optional(),
});
export type CitizenProfile = z.infer<typeof CitizenProfile>;

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const CITIZENS_DIR = path.resolve(HERE, '../../fixtures/citizens');

function nfcDeep(value: unknown): unknown {
  if (typeof value === 'string') return nfc(value);
  if (Array.isArray(value)) return value.map(nfcDeep);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, nfcDeep(v)]));
  return value;
}

const cache = new Map<string, CitizenProfile>();

/** Loads a profile by file path or by id (file stem in fixtures/citizens). Text is NFC. */
export function loadProfile(pathOrId: string): CitizenProfile {
  const file =
    pathOrId.endsWith('.json') || pathOrId.includes('/')
      ? path.resolve(pathOrId)
      : path.join(CITIZENS_DIR, `${pathOrId}.json`);
  const cached = cache.get(file);
  if (cached) return cached;
  if (!existsSync(file))
    throw new SimulatorError('simulator.profile-not-found', `no citizen profile at ${file}`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new SimulatorError(
      'simulator.profile-invalid',
      `profile ${file} is not JSON: ${(e as Error).message}`,
    );
  }
  const parsed = CitizenProfile.safeParse(nfcDeep(raw));
  if (!parsed.success)
    throw new SimulatorError(
      'simulator.profile-invalid',
      `profile ${file} is invalid: ${parsed.error.message}`,
    );
  cache.set(file, parsed.data);
  return parsed.data;
}

export function listProfiles(): CitizenProfile[] {
  return readdirSync(CITIZENS_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => loadProfile(path.join(CITIZENS_DIR, f)));
}

/**
 * Expected expiry of a Vietnamese card from birth and issue dates (ISO), or null when it never expires.
 * Milestones: 25/40/60 (Law 2014), 14/25/40/60 (Law 26/2023, cards from 2024-07-01). A card issued within
 * 2 years before a milestone stays valid to the next one; none after 60. Day-month = birth day-month.
 */
export function expectedExpiry(dateOfBirth: string, issueDate: string): string | null {
  const [by, bm, bd] = dateOfBirth.split('-');
  const birthYear = Number(by);
  const milestones = issueDate >= '2024-07-01' ? [14, 25, 40, 60] : [25, 40, 60];
  const birthdayAt = (age: number): string => `${String(birthYear + age).padStart(4, '0')}-${bm}-${bd}`;
  const twoYearsAfterIssue = `${String(Number(issueDate.slice(0, 4)) + 2).padStart(4, '0')}${issueDate.slice(4)}`;
  const upcoming = milestones.filter((age) => birthdayAt(age) > issueDate);
  for (const age of upcoming) {
    if (birthdayAt(age) > twoYearsAfterIssue) return birthdayAt(age);
  }
  return null;
}
