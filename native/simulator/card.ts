/**
 * The APDU state machine of a virtual eMRTD (card side): applet selection, file selection and reading,
 * BAC, 3DES secure messaging, Active Authentication (ECDSA P-256). Transport-agnostic and synchronous:
 * `process(apdu) → response`. Status words follow Vietnamese CCCD chips (shared/domain/cccd-chip-and-qr.md).
 */
import { randomBytes } from 'node:crypto';
import { concat, equalBytes, sw } from './bytes';
import { parseCommandApdu, type CommandApdu } from './apdu';
import { answerMutualAuthenticate } from './bac';
import { CardSecureMessaging, protectedResponseLength } from './secure-messaging';
import type { BacKeys } from './crypto';
import type { CardFiles } from './card-files';
import { FID, SFI_TO_FID } from './card-files';
import type { FaultConfig } from './faults';
import { signChallenge } from './lds/aa-key';
import { CardPace, type PaceCardConfig, type PaceCardRandom } from './pace';
import { CardChipAuthentication, type CaCardConfig } from './chip-auth';
import { seededRandom } from '../../common/seeded-random';
import { encodeLength } from './tlv';

export const LDS1_AID = new Uint8Array([0xa0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01]);

export const SW = {
  OK: 0x9000,
  WRONG_KEY: 0x6300,
  WRONG_LENGTH: 0x6700,
  SECURITY_NOT_SATISFIED: 0x6982,
  NO_CURRENT_EF: 0x6986,
  SM_OBJECTS_INCORRECT: 0x6988,
  WRONG_DATA: 0x6a80,
  FILE_NOT_FOUND: 0x6a82,
  WRONG_P1P2: 0x6b00,
  FUNCTION_NOT_SUPPORTED: 0x6a81,
  END_OF_FILE: 0x6282,
  INS_NOT_SUPPORTED: 0x6d00,
  CLA_NOT_SUPPORTED: 0x6e00,
  CONDITIONS_NOT_SATISFIED: 0x6985,
} as const;

export interface CardRandom {
  /** RND.IC (8 bytes) for GET CHALLENGE. */
  challenge(): Uint8Array;
  /** K.IC (16 bytes) for MUTUAL AUTHENTICATE. */
  keyMaterial(): Uint8Array;
  /** Uniform [0, 1) for the `sm-error-rate` fault. */
  uniform(): number;
}

export function defaultCardRandom(seed = 1): CardRandom {
  const rand = seededRandom(seed);
  return {
    challenge: () => new Uint8Array(randomBytes(8)),
    keyMaterial: () => new Uint8Array(randomBytes(16)),
    uniform: rand,
  };
}

export interface CardOptions {
  files: CardFiles;
  bacKeys: BacKeys;
  faults: FaultConfig;
  random?: CardRandom;
  /** PACE, BAC and Chip Authentication options (profile `chip`); default BAC only. */
  chip?: {
    pace?: PaceCardConfig;
    bac?: boolean;
    chipAuthentication?: CaCardConfig;
    /** MRZ information (the PACE MRZ password). */
    mrzInformation: string;
    paceRandom?: PaceCardRandom;
  };
}

interface Reply {
  data: Uint8Array;
  status: number;
  /** Answer in plain and drop the SM session (DG3 access, SM errors). */
  killSession?: boolean;
  /** Runs after the answer is wrapped (Chip Authentication switches keys after answering under the old ones). */
  afterReply?: () => void;
}

const reply = (status: number, data: Uint8Array = new Uint8Array(0)): Reply => ({ status, data });

export class VirtualEmrtd {
  private readonly opts: CardOptions;
  private readonly random: CardRandom;
  private appSelected = false;
  private currentFile: number | null = null;
  private challenge: Uint8Array | null = null;
  private sm: CardSecureMessaging | null = null;
  private pace: CardPace | null = null;
  private ca: CardChipAuthentication | null = null;

  constructor(opts: CardOptions) {
    this.opts = opts;
    this.random = opts.random ?? defaultCardRandom();
  }

  get atr(): Uint8Array {
    return this.opts.files.atr;
  }

  get extendedLength(): boolean {
    return !this.opts.faults.noExtendedLength;
  }

  /** Power-on / reset: the chip forgets its selection and its SM session. */
  reset(): void {
    this.appSelected = false;
    this.currentFile = null;
    this.challenge = null;
    this.sm = null;
    this.pace = null;
    this.ca = null;
  }

  process(raw: Uint8Array): Uint8Array {
    let apdu: CommandApdu;
    try {
      apdu = parseCommandApdu(raw);
    } catch {
      return sw(SW.WRONG_LENGTH);
    }
    if (apdu.extended && !this.extendedLength) return sw(SW.WRONG_LENGTH);
    // CLA 0x10: command chaining (PACE GENERAL AUTHENTICATE).
    if ((apdu.cla & 0xe0) !== 0x00) return sw(SW.CLA_NOT_SUPPORTED);

    const isSm = (apdu.cla & 0x0c) === 0x0c;
    if (!isSm) {
      // A plain command ends any SM session (a reader starting over with SELECT AID must work).
      this.sm = null;
      const r = this.dispatch(apdu, false);
      return concat(r.data, sw(r.status));
    }
    const session = this.sm;
    if (!session) return sw(SW.SM_OBJECTS_INCORRECT);
    if (this.opts.faults.smErrorRate > 0 && this.random.uniform() < this.opts.faults.smErrorRate) {
      this.sm = null;
      return sw(SW.SM_OBJECTS_INCORRECT);
    }
    const unwrapped = session.unwrapCommand(apdu);
    if (!unwrapped.ok) {
      this.sm = null;
      return sw(SW.SM_OBJECTS_INCORRECT);
    }
    const r = this.dispatch(unwrapped.command, true);
    if (r.killSession || this.sm !== session) {
      this.sm = null;
      return concat(r.data, sw(r.status));
    }
    const odd = (apdu.ins & 1) === 1;
    // A short outer APDU cannot carry more than 256 response bytes.
    const noDo99 = this.opts.faults.noDo99;
    if (!apdu.extended && protectedResponseLength(r.data.length, odd, session.aes ? 16 : 8) > 256) {
      return session.wrapResponse(new Uint8Array(0), SW.WRONG_LENGTH, false, noDo99);
    }
    const wrapped = session.wrapResponse(r.data, r.status, odd, noDo99);
    r.afterReply?.();
    return wrapped;
  }

  private dispatch(c: CommandApdu, secured: boolean): Reply {
    switch (c.ins) {
      case 0xa4:
        return this.select(c, secured);
      case 0xb0:
      case 0xb1:
        return this.readBinary(c, secured);
      case 0x84:
        return this.getChallenge(c);
      case 0x82:
        return this.mutualAuthenticate(c, secured);
      case 0x88:
        return this.internalAuthenticate(c, secured);
      case 0x22:
        return this.manageSecurityEnvironment(c, secured);
      case 0x86:
        return this.generalAuthenticate(c, secured);
      default:
        return reply(SW.INS_NOT_SUPPORTED);
    }
  }

  /** Access rule: every LDS file needs BAC (an SM session); DG3 needs EAC and kills the session. */
  private access(fid: number, secured: boolean): Reply | null {
    if (!this.opts.files.files.has(fid)) return reply(SW.FILE_NOT_FOUND);
    if (fid === FID.DG3) return { ...reply(SW.SECURITY_NOT_SATISFIED), killSession: true };
    if (fid === FID.CardAccess) return null; // in the master file, no access control
    if (!secured) return reply(SW.SECURITY_NOT_SATISFIED);
    return null;
  }

  private select(c: CommandApdu, secured: boolean): Reply {
    if (c.p1 === 0x04) {
      if (equalBytes(c.data, LDS1_AID)) {
        this.appSelected = true;
        this.currentFile = null;
        return reply(SW.OK);
      }
      return reply(SW.FILE_NOT_FOUND);
    }
    if (c.p1 === 0x00 || c.p1 === 0x02) {
      if (c.data.length !== 2) return reply(SW.WRONG_LENGTH);
      const fid = ((c.data[0] ?? 0) << 8) | (c.data[1] ?? 0);
      if (fid === 0x3f00) return reply(SW.INS_NOT_SUPPORTED);
      if (!this.appSelected && fid !== FID.CardAccess) return reply(SW.FILE_NOT_FOUND);
      const denied = this.access(fid, secured);
      if (denied) return denied;
      this.currentFile = fid;
      return reply(SW.OK);
    }
    return reply(SW.WRONG_P1P2);
  }

  private readBinary(c: CommandApdu, secured: boolean): Reply {
    const cardAccess =
      (c.ins === 0xb0 && (c.p1 & 0x80) !== 0 && SFI_TO_FID.get(c.p1 & 0x1f) === FID.CardAccess) ||
      (c.ins === 0xb0 && (c.p1 & 0x80) === 0 && this.currentFile === FID.CardAccess);
    if (!this.appSelected && !cardAccess) return reply(SW.NO_CURRENT_EF);
    let fid = this.currentFile;
    let offset: number;
    if (c.ins === 0xb0) {
      if (c.p1 & 0x80) {
        if (this.opts.faults.noSfi) return reply(SW.FUNCTION_NOT_SUPPORTED);
        const sfiFid = SFI_TO_FID.get(c.p1 & 0x1f);
        if (sfiFid === undefined || (c.p1 & 0x60) !== 0) return reply(SW.FILE_NOT_FOUND);
        const denied = this.access(sfiFid, secured);
        if (denied) return denied;
        fid = sfiFid;
        this.currentFile = sfiFid;
        offset = c.p2;
      } else {
        offset = ((c.p1 & 0x7f) << 8) | c.p2;
      }
    } else {
      // B1: P1P2 = file identifier (0000: current EF); data = DO'54' offset.
      const p1p2 = (c.p1 << 8) | c.p2;
      if (p1p2 !== 0) {
        const denied = this.access(p1p2, secured);
        if (denied) return denied;
        fid = p1p2;
        this.currentFile = p1p2;
      }
      const d = c.data;
      if (d.length < 3 || d[0] !== 0x54 || (d[1] ?? 0) > 3 || d.length !== 2 + (d[1] ?? 0))
        return reply(SW.WRONG_DATA);
      offset = 0;
      for (let i = 2; i < d.length; i++) offset = offset * 256 + (d[i] ?? 0);
    }
    if (fid === null) return reply(SW.NO_CURRENT_EF);
    const denied = this.access(fid, secured);
    if (denied) return denied;
    const file = this.opts.files.files.get(fid) ?? new Uint8Array(0);
    const ne = c.ne ?? 256;
    const maxLe = this.opts.faults.maxLe ?? (this.extendedLength ? 65536 : 256);
    if (ne > maxLe) return reply(SW.WRONG_LENGTH);
    if (offset > file.length) return reply(SW.WRONG_P1P2);
    if (c.ins === 0xb0) {
      // `eof-6282`: the last block of a file ends with "end of file reached" instead of 9000.
      const last = this.opts.faults.eof6282 && offset + ne >= file.length;
      return reply(last ? SW.END_OF_FILE : SW.OK, file.slice(offset, offset + ne));
    }
    // Odd INS: response is DO'53' whose whole TLV fits in Ne.
    const remaining = file.length - offset;
    let n = Math.min(remaining, ne);
    while (n > 0 && 1 + encodeLength(n).length + n > ne) n--;
    const chunk = file.slice(offset, offset + n);
    return reply(SW.OK, concat(new Uint8Array([0x53]), encodeLength(chunk.length), chunk));
  }

  private getChallenge(c: CommandApdu): Reply {
    if (this.opts.chip?.bac === false) return reply(SW.INS_NOT_SUPPORTED);
    if (c.ne !== 8) return reply(SW.WRONG_LENGTH);
    this.challenge = this.random.challenge();
    return reply(SW.OK, this.challenge);
  }

  private mutualAuthenticate(c: CommandApdu, secured: boolean): Reply {
    if (this.opts.chip?.bac === false) return reply(SW.INS_NOT_SUPPORTED);
    const rndIc = this.challenge;
    this.challenge = null;
    if (secured || !this.appSelected || !rndIc) return reply(SW.CONDITIONS_NOT_SATISFIED);
    const r = answerMutualAuthenticate(this.opts.bacKeys, rndIc, this.random.keyMaterial(), c.data);
    if (!r.ok) return reply(SW.WRONG_KEY);
    this.sm = new CardSecureMessaging(r.session);
    return reply(SW.OK, r.response);
  }

  private internalAuthenticate(c: CommandApdu, secured: boolean): Reply {
    if (!secured) return reply(SW.SECURITY_NOT_SATISFIED);
    if (this.opts.faults.cloneNoDg15) return reply(SW.INS_NOT_SUPPORTED);
    if (c.data.length !== 8) return reply(SW.WRONG_DATA);
    return reply(SW.OK, signChallenge(this.opts.files.aaKey, c.data));
  }

  /** MSE:Set AT: C1A4 selects PACE (plain), 41A4 selects Chip Authentication (under SM). */
  private manageSecurityEnvironment(c: CommandApdu, secured: boolean): Reply {
    const chip = this.opts.chip;
    if (c.p1 === 0xc1 && c.p2 === 0xa4) {
      if (!chip?.pace || secured) return reply(SW.CONDITIONS_NOT_SATISFIED);
      this.pace = new CardPace(chip.pace, chip.mrzInformation, chip.paceRandom);
      const status = this.pace.setAt(c.data);
      if (status !== SW.OK) this.pace = null;
      return reply(status);
    }
    if (c.p1 === 0x41 && (c.p2 === 0xa4 || c.p2 === 0xa6)) {
      const caKey = this.opts.files.caKey;
      if (!chip?.chipAuthentication || !caKey) return reply(SW.WRONG_DATA);
      if (!secured) return reply(SW.SECURITY_NOT_SATISFIED);
      const ca = new CardChipAuthentication(chip.chipAuthentication, caKey);
      if (c.p2 === 0xa4) {
        this.ca = ca;
        return reply(ca.setAt(c.data));
      }
      const r = ca.setKat(c.data);
      const keys = r.session;
      if (r.status !== SW.OK || !keys) return reply(r.status);
      return {
        ...reply(SW.OK),
        afterReply: () => {
          this.sm = new CardSecureMessaging(keys);
        },
      };
    }
    return reply(SW.WRONG_P1P2);
  }

  /** GENERAL AUTHENTICATE: a PACE step (plain, chained with CLA 10) or Chip Authentication (under SM). */
  private generalAuthenticate(c: CommandApdu, secured: boolean): Reply {
    if (secured) {
      const ca = this.ca;
      this.ca = null;
      if (!ca) return reply(SW.CONDITIONS_NOT_SATISFIED);
      const r = ca.generalAuthenticate(c.data);
      if (r.status !== SW.OK || !r.session) return reply(r.status);
      const keys = r.session;
      return {
        ...reply(SW.OK, new Uint8Array([0x7c, 0x00])),
        afterReply: () => {
          this.sm = new CardSecureMessaging(keys);
        },
      };
    }
    if (!this.pace) return reply(SW.CONDITIONS_NOT_SATISFIED);
    const r = this.pace.generalAuthenticate(c.data, (c.cla & 0x10) === 0);
    if (r.status !== SW.OK) this.pace = null;
    if (r.session) {
      this.pace = null;
      this.sm = new CardSecureMessaging(r.session);
    }
    return reply(r.status, r.data);
  }
}
