/**
 * The files of a virtual card, built deterministically from a profile and the test PKI, cached in memory.
 * File identifiers as on Vietnamese chips: COM 011E, DG1 0101, DG2 0102, DG3 0103 (EAC, never readable),
 * DG13 010D, DG14 010E, DG15 010F, SOD 011D; EF.CardAccess 011C (in the master file) only for PACE profiles.
 */
import { createHash } from 'node:crypto';
import { tlv } from './tlv';
import { CITIZENS_DIR, type CitizenProfile } from './profile';
import type { FaultConfig } from './faults';
import { vietnameseTd1, td3 } from './mrz';
import { buildCom } from './lds/com';
import { buildDg1 } from './lds/dg1';
import { buildDg2, portraitJp2 } from './lds/dg2';
import { buildDg13 } from './lds/dg13';
import { buildDg14, buildDg15 } from './lds/dg14-15';
import { buildSod } from './lds/sod';
import { portraitJpegOfSize } from './lds/portrait';
import { deriveAaKey, type AaKey } from './lds/aa-key';
import { loadSigner } from './pki';
import { caSecurityInfos, deriveCaKey, type CaKey } from './chip-auth';
import { buildCardAccess } from './pace';

export const FID = {
  CardAccess: 0x011c,
  COM: 0x011e,
  DG1: 0x0101,
  DG2: 0x0102,
  DG3: 0x0103,
  DG13: 0x010d,
  DG14: 0x010e,
  DG15: 0x010f,
  SOD: 0x011d,
} as const;

/** Short file identifiers (P1 = 0x80 | SFI in READ BINARY). */
export const SFI_TO_FID: ReadonlyMap<number, number> = new Map([
  [0x1c, FID.CardAccess],
  [0x1e, FID.COM],
  [0x01, FID.DG1],
  [0x02, FID.DG2],
  [0x03, FID.DG3],
  [0x0d, FID.DG13],
  [0x0e, FID.DG14],
  [0x0f, FID.DG15],
  [0x1d, FID.SOD],
]);

export interface CardFiles {
  files: ReadonlyMap<number, Uint8Array>;
  /** The key the card signs INTERNAL AUTHENTICATE with (differs from DG15 under `aa-fail`). */
  aaKey: AaKey;
  atr: Uint8Array;
  /** The Chip Authentication key the card holds (null: no CA); differs from DG14's under `ca-fail`. */
  caKey: CaKey | null;
}

function seedOf(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0);
}

/** PC/SC-style contactless ATR: 3B 8n 80 01 + historical bytes (80, card capabilities 73 xx xx xx) + TCK. */
/** A T=0-only ATR (no interface bytes, so no TCK) with the same historical bytes. */
export function buildT0Atr(): Uint8Array {
  return new Uint8Array([0x3b, 0x05, 0x80, 0x73, 0x00, 0x00, 0x00]);
}

export function buildAtr(extendedLength: boolean): Uint8Array {
  const historical = [0x80, 0x73, 0x00, 0x00, extendedLength ? 0x40 : 0x00];
  const body = [0x80 | historical.length, 0x80, 0x01, ...historical];
  const tck = body.reduce((x, b) => x ^ b, 0);
  return new Uint8Array([0x3b, ...body, tck]);
}

const cache = new Map<string, CardFiles>();

export function cardFilesKey(profile: CitizenProfile, f: FaultConfig): string {
  return JSON.stringify([
    profile,
    f.forgedDg,
    f.badSodSignature,
    f.unknownCsca,
    f.expiredChain,
    f.aaFail,
    f.noExtendedLength,
    f.t0,
    f.cloneNoDg15,
    f.caFail,
  ]);
}

/** Sex letter for the MRZ. */
function mrzSex(p: CitizenProfile): 'M' | 'F' | '<' {
  return p.sex === 'male' ? 'M' : p.sex === 'female' ? 'F' : '<';
}

function forge(profile: CitizenProfile): CitizenProfile {
  // Change one letter of the name after signing: what a forger editing DG13 would do.
  const name = profile.fullName.replace(/[a-y]/, (ch) => String.fromCharCode(ch.charCodeAt(0) + 1));
  return { ...profile, fullName: name };
}

export function buildCardFiles(profile: CitizenProfile, f: FaultConfig): CardFiles {
  const key = cardFilesKey(profile, f);
  const hit = cache.get(key);
  if (hit) return hit;

  const isPassport = profile.cardType === 'passport';
  const sex = mrzSex(profile);
  const mrz = isPassport
    ? td3({
        documentCode: 'P<',
        issuingState: profile.passport?.issuingState ?? 'UTO',
        nationality: profile.passport?.nationality ?? 'UTO',
        bac: profile.bac,
        sex,
        surname: profile.passport?.surname ?? profile.fullName,
        givenNames: profile.passport?.givenNames ?? '',
        personalNumber: profile.passport?.personalNumber ?? '',
      })
    : vietnameseTd1({ idNumber: profile.idNumber, bac: profile.bac, sex, fullName: profile.fullName });

  const seed = seedOf(profile.id);
  const dg: Map<number, Uint8Array> = new Map();
  dg.set(1, buildDg1(mrz));
  const portrait = profile.portrait ?? { format: 'jpeg', record: 'iso19794-5' };
  const image =
    portrait.format === 'jp2'
      ? portraitJp2(CITIZENS_DIR)
      : portraitJpegOfSize(seed, ...(profile.portraitBytes ?? []));
  dg.set(2, buildDg2(image, sex === '<' ? null : sex, portrait));
  if (!isPassport) {
    dg.set(3, tlv(0x63, tlv(0x02, new Uint8Array([0x00])))); // placeholder: EAC-protected, never served
    dg.set(13, buildDg13(profile));
  }
  const aaKey = deriveAaKey(profile.id);
  const ca = profile.chip?.chipAuthentication;
  const caKey = ca ? deriveCaKey(profile.id, ca.curve) : null;
  dg.set(14, buildDg14(ca && caKey ? caSecurityInfos(ca, caKey) : []));
  dg.set(15, buildDg15(aaKey));

  const signer = loadSigner(f.unknownCsca ? 'rogue-ds' : f.expiredChain ? 'ds-expired' : 'ds');
  const signingTime = new Date(
    f.expiredChain
      ? '2018-06-01T08:00:00Z'
      : `${profile.issueDate && profile.issueDate.length === 10 ? profile.issueDate : '2021-01-04'}T08:00:00Z`,
  );
  const sod = buildSod(dg, { signer, signingTime, corruptSignature: f.badSodSignature });
  if (f.forgedDg) {
    if (isPassport) dg.set(1, buildDg1(mrz.map((l) => l.replace('ANNA', 'ANNE'))));
    else dg.set(13, buildDg13(forge(profile)));
  }
  // A clone keeps the signed SOD (it cannot re-sign) but has no AA private key: it leaves DG15 out.
  if (f.cloneNoDg15) dg.delete(15);

  const dgTag: Record<number, number> = { 1: 0x61, 2: 0x75, 3: 0x63, 13: 0x6d, 14: 0x6e, 15: 0x6f };
  const dgFid: Record<number, number> = {
    1: FID.DG1,
    2: FID.DG2,
    3: FID.DG3,
    13: FID.DG13,
    14: FID.DG14,
    15: FID.DG15,
  };
  const files = new Map<number, Uint8Array>();
  const present = [...dg.keys()].sort((a, b) => a - b);
  files.set(FID.COM, buildCom(present.map((n) => dgTag[n] ?? 0)));
  for (const n of present) files.set(dgFid[n] ?? 0, dg.get(n) ?? new Uint8Array(0));
  files.set(FID.SOD, sod);
  if (profile.chip?.pace) files.set(FID.CardAccess, buildCardAccess(profile.chip.pace));

  const result: CardFiles = {
    files,
    aaKey: f.aaFail ? deriveAaKey(`${profile.id}:clone`) : aaKey,
    atr: f.t0 ? buildT0Atr() : buildAtr(!f.noExtendedLength),
    caKey: ca && f.caFail ? deriveCaKey(`${profile.id}:clone`, ca.curve) : caKey,
  };
  cache.set(key, result);
  return result;
}
