/**
 * Public API of the eMRTD stack: `readCard` (BAC → read → parse → verify → Identity) and `bacKeysFromQr`.
 * Pure Node, no Electron.
 */
import type { ActiveVerdict, ChipAuthVerdict, ChipVerification, Identity } from '../../common/identity';
import { candidateExpiryDates } from '../qr/expiry-candidates';
import { PcscError } from '../pcsc/errors';
import type { CardTransport } from '../pcsc/card-transport';
import { tolerantTransport, type ApduTimeouts } from '../pcsc/tolerant-transport';
import { verifyActiveAuthentication, newChallenge, INTERNAL_AUTHENTICATE } from './active-auth';
import { performChipAuthentication } from './ca/chip-auth';
import { ChipError } from './errors';
import { identityFromDg13, identityFromMrz } from './identity';
import type { BacKey } from './keys';
import { parseCom } from './lds/com';
import { parseDg1, type Mrz } from './lds/dg1';
import { parseDg13 } from './lds/dg13';
import { parseDg14 } from './lds/dg14';
import { parseDg15 } from './lds/dg15';
import { parseDg2 } from './lds/dg2';
import { isLdsFileName, type LdsFileName } from './lds/files';
import { parseSod } from './lds/sod';
import { passiveAuthenticate } from './passive-auth';
import { FileReader, type PartialFile, type ReadProgress, type ReadStrategyOptions } from './read-strategy';
import { ChipSession } from './session';
import { defaultTrustStore, type TrustStore } from './trust-store';

export type { BacKey } from './keys';
export type { LdsFileName } from './lds/files';
export type { ReadProgress, PartialFile } from './read-strategy';
export type { TrustStore } from './trust-store';
export { ChipError } from './errors';
export { defaultTrustStore, loadTrustStore, trustStoreFromPem } from './trust-store';

export interface CardPhoto {
  mime: string;
  bytes: Uint8Array;
  width: number;
  height: number;
}

export interface CardReadResult {
  files: Partial<Record<LdsFileName, Uint8Array>>;
  identity: Identity | null;
  photo: CardPhoto | null;
  verification: ChipVerification;
  apdus: number;
  /** The MRZ key that opened the chip; null when the CAN did. */
  keyUsed: BacKey | null;
  /** How the read went (for benchmarks and diagnostics; no personal data). */
  stats: ReadStats;
}

export interface ReadStats {
  /** Final READ BINARY block size (bytes of plaintext per APDU). */
  blockSize: number;
  extendedLength: boolean;
  /** Authentications (BAC or PACE), including re-authentications after SM errors. */
  bacRuns: number;
  /** How the chip was opened. */
  access: 'pace' | 'bac';
  /** Bytes of LDS files read in this session. */
  bytes: number;
}

/** Where a read stopped (dropped card): pass it back as `opts.resume` to continue on the next session. */
export interface ResumeState {
  keyUsed: BacKey | null;
  /** The CAN, when it opened the chip. */
  can?: string;
  files: Partial<Record<LdsFileName, Uint8Array>>;
  partial: PartialFile | null;
}

/** Error thrown by readCard when the card or reader went away; carries the resume state. */
export class CardReadInterrupted extends ChipError {
  constructor(
    override readonly cause: ChipError | PcscError,
    readonly resume: ResumeState | null,
  ) {
    super(
      cause.code === 'pcsc-reader-gone' ? 'chip-reader-gone' : 'chip-card-removed',
      `read interrupted: ${cause.message}`,
    );
  }
}

export interface ReadCardOptions {
  /** MRZ keys (BAC, or the PACE MRZ password), tried in order. */
  keys: BacKey[];
  /** Card Access Number (6 digits on the card): PACE with it first. */
  can?: string;
  /** Use PACE when EF.CardAccess offers it (default true); false forces BAC. */
  pace?: boolean;
  /** Default: COM, DG1, DG13, SOD, DG14, DG2, DG15 (those EF.COM or the SOD lists; never DG3). */
  files?: LdsFileName[];
  /** Default: the bundled CSCA store (native/emrtd/trust). */
  trustStore?: TrustStore;
  onProgress?: (p: ReadProgress) => void;
  /** Called as soon as DG1, DG13 and SOD are in (before DG2), with the identity and a provisional verdict. */
  onIdentity?: (identity: Identity | null, verification: ChipVerification) => void;
  signal?: AbortSignal;
  /** Continue a read interrupted by CardReadInterrupted. */
  resume?: ResumeState;
  strategy?: Omit<ReadStrategyOptions, 'onProgress'>;
  /** Checking time for the certificate chain (default now). */
  now?: Date;
  /** Per-APDU-class timeouts in ms (default: 5 s reads, 10 s authentication, 15 s Active Authentication). */
  timeouts?: Partial<ApduTimeouts>;
}

/** DG14 before DG2: Chip Authentication runs as soon as DG14 is in, so the photo and AA use the new keys. */
export const DEFAULT_FILES: LdsFileName[] = ['COM', 'DG1', 'DG13', 'SOD', 'DG14', 'DG2', 'DG15'];
/** Chip/Active Authentication attempts before `failed` stands (each after a fresh PACE/BAC). */
const CA_ATTEMPTS = 3;
const AA_ATTEMPTS = 3;
/** Files that make up "identity shown": after these, onIdentity fires. */
const IDENTITY_FILES: LdsFileName[] = ['COM', 'DG1', 'DG13', 'SOD'];

function order(files: LdsFileName[]): LdsFileName[] {
  const wanted = new Set(files);
  const out = DEFAULT_FILES.filter((f) => wanted.has(f));
  for (const f of files) if (!out.includes(f)) out.push(f);
  return out;
}

function isTransportLoss(e: unknown): e is ChipError | PcscError {
  if (e instanceof PcscError)
    return ['pcsc-card-removed', 'pcsc-reader-gone', 'pcsc-no-card', 'pcsc-timeout'].includes(e.code);
  return false;
}

function identityOf(files: Partial<Record<LdsFileName, Uint8Array>>): Identity | null {
  let mrz: Mrz | null = null;
  try {
    if (files.DG1) mrz = parseDg1(files.DG1);
  } catch {
    mrz = null;
  }
  if (files.DG13) {
    try {
      return identityFromDg13(parseDg13(files.DG13), mrz);
    } catch {
      /* fall back to DG1 */
    }
  }
  return mrz ? identityFromMrz(mrz) : null;
}

/** Data groups the SOD signs (as file names this reader knows), or null when the SOD is absent/unreadable. */
const sodListCache = new WeakMap<Uint8Array, Set<LdsFileName> | null>();

function sodListedFiles(sod: Uint8Array | undefined): Set<LdsFileName> | null {
  if (!sod) return null;
  if (sodListCache.has(sod)) return sodListCache.get(sod)!;
  const listed = parseSodList(sod);
  sodListCache.set(sod, listed);
  return listed;
}

function parseSodList(sod: Uint8Array): Set<LdsFileName> | null {
  try {
    const out = new Set<LdsFileName>();
    for (const n of parseSod(sod).lso.hashes.keys()) {
      const name = `DG${n}`;
      if (isLdsFileName(name)) out.add(name);
    }
    return out;
  } catch {
    return null;
  }
}

/**
 * Active Authentication. Not downgradable: when the SOD lists DG15 and DG15 was asked for, a chip that does
 * not give DG15, gives an unreadable key or answers INTERNAL AUTHENTICATE with an error is `failed` (a copy
 * of the signed files without the private key).
 */
async function activeAuthentication(
  session: ChipSession,
  files: Partial<Record<LdsFileName, Uint8Array>>,
  sodListed: Set<LdsFileName> | null,
  requested: LdsFileName[],
): Promise<ActiveVerdict> {
  const listedBySod = sodListed?.has('DG15') ?? false;
  if (!files.DG15) {
    if (listedBySod) return requested.includes('DG15') ? 'failed' : 'not-checked';
    return sodListed ? 'unsupported' : 'not-checked';
  }
  let key;
  try {
    key = parseDg15(files.DG15);
  } catch {
    return listedBySod ? 'failed' : 'unsupported';
  }
  let aaOid: string | null = null;
  try {
    if (files.DG14) aaOid = parseDg14(files.DG14).activeAuthenticationSignatureOid;
  } catch {
    aaOid = null;
  }
  // A lost SM session (bad MAC, 6987/6988) may be the link: re-authenticate and ask again, a few times.
  // Only then is it a failed proof; any other refusal or a wrong signature is one at once.
  for (let attempt = 1; ; attempt++) {
    const challenge = newChallenge();
    let r;
    try {
      r = await session.send({ ...INTERNAL_AUTHENTICATE, data: challenge, le: 256 });
    } catch (e) {
      if (!(e instanceof ChipError && e.code.startsWith('chip-sm-'))) throw e;
      if (attempt === AA_ATTEMPTS) return 'failed';
      session.invalidate();
      continue;
    }
    if ((r.sw === 0x6987 || r.sw === 0x6988) && attempt < AA_ATTEMPTS) continue;
    if (r.sw !== 0x9000 || r.data.length === 0) return 'failed';
    return verifyActiveAuthentication(key, challenge, r.data, aaOid);
  }
}

/** Does the SOD make Chip Authentication mandatory? DG14 listed and either withheld or offering a CA key. */
function chipAuthenticationRequired(
  files: Partial<Record<LdsFileName, Uint8Array>>,
  sodListed: Set<LdsFileName> | null,
): boolean {
  if (!sodListed?.has('DG14')) return false;
  if (!files.DG14) return true;
  try {
    return parseDg14(files.DG14).chipAuthenticationPublicKeys.length > 0;
  } catch {
    return true;
  }
}

/** Reads and verifies an eMRTD through any CardTransport. */
export async function readCard(transport: CardTransport, opts: ReadCardOptions): Promise<CardReadResult> {
  // 61xx / 6Cxx handling and per-class timeouts below secure messaging (native/pcsc/tolerant-transport).
  const session = new ChipSession(tolerantTransport(transport, opts.timeouts), opts.signal);
  const files: Partial<Record<LdsFileName, Uint8Array>> = { ...(opts.resume?.files ?? {}) };
  const reader = new FileReader(session, { ...opts.strategy, onProgress: opts.onProgress });
  const trustStore = opts.trustStore ?? defaultTrustStore();
  let keyUsed: BacKey | null = null;
  let opened = false;
  let caVerdict: ChipAuthVerdict | null = null;
  let partial = opts.resume?.partial ?? null;
  try {
    const first = opts.resume?.keyUsed;
    const keys = first ? [first, ...opts.keys.filter((k) => k !== first)] : opts.keys;
    keyUsed = await session.open(keys, { can: opts.resume?.can ?? opts.can, pace: opts.pace });
    opened = true;
    const requested = order(opts.files ?? DEFAULT_FILES);
    let listed: LdsFileName[] | null = null;
    // EF.COM is always read (it says which DGs exist), and dropped from the result if not requested.
    if (!files.COM) {
      const com = await reader.readFile('COM', partial);
      if (com) files.COM = com;
      partial = null;
    }
    if (files.COM) {
      try {
        listed = parseCom(files.COM).files;
      } catch {
        listed = null;
      }
    }
    let identitySent = false;
    const attempted = new Set<LdsFileName>(['COM', ...(Object.keys(files) as LdsFileName[])]);
    for (const name of requested) {
      if (!identitySent && IDENTITY_FILES.every((f) => !requested.includes(f) || attempted.has(f))) {
        identitySent = true;
        emitIdentity();
      }
      attempted.add(name);
      await maybeChipAuthentication();
      if (name === 'COM' || files[name]) continue;
      // EF.COM is not signed: a file the SOD signs is asked for even when EF.COM leaves it out.
      if (listed && name !== 'SOD' && !listed.includes(name) && !sodListedFiles(files.SOD)?.has(name))
        continue;
      const bytes = await reader.readFile(name, partial?.file === name ? partial : null);
      if (partial?.file === name) partial = null;
      if (bytes) files[name] = bytes;
      await maybeChipAuthentication();
    }
    if (!identitySent) emitIdentity();
    const pa = passiveAuthenticate(files, trustStore, opts.now);
    const sodListed = sodListedFiles(files.SOD);
    const active = await activeAuthentication(session, files, sodListed, requested);
    const caRequired = chipAuthenticationRequired(files, sodListed);
    const chipAuthentication: ChipAuthVerdict =
      sodListed?.has('DG14') && !files.DG14 && requested.includes('DG14')
        ? 'failed'
        : (caVerdict ?? (caRequired ? 'not-checked' : 'unsupported'));
    const verification: ChipVerification = {
      passive: pa.verdict,
      active,
      chipAuthentication,
      requires: { activeAuthentication: sodListed?.has('DG15') ?? false, chipAuthentication: caRequired },
      notRead: pa.notRead,
    };
    if (!requested.includes('COM')) delete files.COM;
    let photo: CardPhoto | null = null;
    if (files.DG2) {
      try {
        photo = parseDg2(files.DG2);
      } catch {
        photo = null;
      }
    }
    let bytes = 0;
    for (const f of Object.values(files)) bytes += f?.length ?? 0;
    return {
      files,
      identity: identityOf(files),
      photo,
      verification,
      apdus: session.apdus,
      keyUsed,
      stats: {
        blockSize: reader.extended ? reader.blockSize : Math.min(reader.blockSize, session.maxShortBlock),
        extendedLength: reader.extended,
        bacRuns: session.bacRuns,
        access: session.protocol ?? 'bac',
        bytes,
      },
    };
  } catch (e) {
    if (isTransportLoss(e)) {
      const can = session.canUsed;
      const resume: ResumeState | null = opened
        ? { keyUsed, ...(can ? { can } : {}), files: { ...files }, partial: reader.current ?? partial }
        : null;
      throw new CardReadInterrupted(e, resume);
    }
    throw e;
  }

  /** Chip Authentication once DG14 is in (read now or before an interruption). */
  async function maybeChipAuthentication(): Promise<void> {
    if (caVerdict !== null || !files.DG14) return;
    let dg14;
    try {
      dg14 = parseDg14(files.DG14);
    } catch {
      caVerdict = 'failed';
      return;
    }
    if (dg14.chipAuthenticationPublicKeys.length === 0) {
      caVerdict = 'unsupported';
      return;
    }
    // A copy answers the first command under the new keys with 6988 or a bad MAC — so may a genuine chip on
    // a bad link. Re-authenticate and try again: only a chip that fails every attempt has failed.
    for (let attempt = 1; ; attempt++) {
      caVerdict = await performChipAuthentication(session, dg14);
      if (caVerdict !== 'failed' || attempt === CA_ATTEMPTS) return;
      session.invalidate();
    }
  }

  function emitIdentity(): void {
    if (!opts.onIdentity) return;
    const identity = identityOf(files);
    const pa = passiveAuthenticate(files, trustStore, opts.now);
    opts.onIdentity(identity, {
      passive: pa.verdict,
      active: 'not-checked',
      chipAuthentication: 'not-checked',
      requires: { activeAuthentication: false, chipAuthentication: false },
      notRead: pa.notRead,
    });
  }
}

/**
 * BAC keys from a QR identity: docNo = last 9 digits of the 12-digit ID, DOB, and each candidate expiry
 * (most likely first, `991231` among them). Dates are ISO `YYYY-MM-DD` (`ddMMyyyy` is accepted too).
 */
export function bacKeysFromQr(qr: {
  dateOfBirth: string;
  issueDate: string | null;
  idNumber: string;
}): BacKey[] {
  const iso = (d: string | null): string | null => {
    if (d === null) return null;
    const m = /^(\d{2})(\d{2})(\d{4})$/.exec(d);
    return m ? `${m[3]}-${m[2]}-${m[1]}` : d;
  };
  const digits = qr.idNumber.replace(/\D/g, '');
  if (digits.length < 9) throw new ChipError('chip-bac-invalid-key', 'ID number must have at least 9 digits');
  const documentNumber = digits.slice(-9);
  const dob = iso(qr.dateOfBirth)!;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dob);
  if (!m) throw new ChipError('chip-bac-invalid-key', 'a full date of birth is needed for the chip key');
  const dateOfBirth = `${m[1]!.slice(2)}${m[2]}${m[3]}`;
  return candidateExpiryDates({ dateOfBirth: dob, issueDate: iso(qr.issueDate) }).map((dateOfExpiry) => ({
    documentNumber,
    dateOfBirth,
    dateOfExpiry,
  }));
}
