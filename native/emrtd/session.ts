/**
 * A protected session with the chip: access control (PACE when EF.CardAccess offers it, else BAC), access-key
 * trial, SM wrapping of every command, APDU counting, and transparent re-authentication (same protocol,
 * same key) after the chip drops the SM session. Chip Authentication may replace the SM keys (`rekey`).
 */
import { encodeApdu, splitResponse, swHex, type CommandApdu } from './apdu';
import { performBac } from './bac';
import { ChipError } from './errors';
import type { BacKey } from './keys';
import { parseCardAccess, type PaceInfo } from './lds/card-access';
import type { PacePassword } from './pace/kdf';
import { isSupportedPace, performPace } from './pace/pace';
import type { SecureMessaging } from './sm';
import { readTlvHeader } from './tlv';
import { PcscError, toPcscError } from '../pcsc/errors';
import type { CardTransport } from '../pcsc/card-transport';

export const SELECT_LDS1_APPLET: CommandApdu = {
  cla: 0x00,
  ins: 0xa4,
  p1: 0x04,
  p2: 0x0c,
  data: Uint8Array.of(0xa0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01),
};

/** SELECT MF (3F00) by file identifier, no response data. */
export const SELECT_MASTER_FILE: CommandApdu = {
  cla: 0x00,
  ins: 0xa4,
  p1: 0x00,
  p2: 0x0c,
  data: Uint8Array.of(0x3f, 0x00),
};

export interface Response {
  data: Uint8Array;
  sw: number;
}

export type AccessProtocol = 'pace' | 'bac';

export interface OpenOptions {
  /** Card Access Number (6 digits printed on the card): tried first with PACE. */
  can?: string;
  /** Try PACE when the chip offers it (default true). */
  pace?: boolean;
}

export class ChipSession {
  apdus = 0;
  /** Authentications run (BAC or PACE, re-authentications included); file selections die with each. */
  bacRuns = 0;
  private sm: SecureMessaging | null = null;
  private key: BacKey | null = null;
  private password: PacePassword | null = null;
  private paceInfo: PaceInfo | null = null;
  /** The chip's ephemeral PACE key (PK_DH,IC), kept for Chip Authentication diagnostics. */
  paceChipKey: Uint8Array | null = null;
  protocol: AccessProtocol | null = null;

  constructor(
    readonly transport: CardTransport,
    private readonly signal?: AbortSignal,
  ) {}

  /** The MRZ key that opened the chip (null when the CAN did). */
  get keyUsed(): BacKey | null {
    return this.key;
  }

  /** The CAN that opened the chip, if it was the CAN. */
  get canUsed(): string | null {
    return this.password?.kind === 'can' ? this.password.can : null;
  }

  get authenticated(): boolean {
    return this.sm !== null;
  }

  /** Largest plaintext per short protected READ BINARY (231 under 3DES, 223 under AES). */
  get maxShortBlock(): number {
    return this.sm?.maxShortBlock ?? 231;
  }

  /** Chip Authentication: continue under new SM keys (the next command uses them). */
  rekey(sm: SecureMessaging): void {
    this.sm = sm;
    this.bacRuns++; // file selections are gone with the old keys
  }

  /** Raw transmit with counting, abort check and PC/SC error mapping. */
  async transmitRaw(apdu: Uint8Array): Promise<Uint8Array> {
    if (this.signal?.aborted) throw new ChipError('chip-aborted', 'read aborted');
    this.apdus++;
    try {
      return await this.transport.transmit(apdu);
    } catch (e) {
      if (e instanceof ChipError || e instanceof PcscError) throw e;
      throw toPcscError(e);
    }
  }

  private readonly counting: CardTransport = {
    transmit: (apdu) => this.transmitRaw(apdu),
    get extendedLength() {
      return false;
    },
    readerName: '',
  };

  private async selectApplet(): Promise<void> {
    let r = splitResponse(await this.transmitRaw(encodeApdu(SELECT_LDS1_APPLET)));
    if (r.sw !== 0x9000) {
      // Some chips select applications only from the master file: SELECT MF, then the applet again.
      const mf = splitResponse(await this.transmitRaw(encodeApdu(SELECT_MASTER_FILE)));
      if (mf.sw === 0x9000) r = splitResponse(await this.transmitRaw(encodeApdu(SELECT_LDS1_APPLET)));
    }
    if (r.sw !== 0x9000)
      throw new ChipError('chip-file-not-found', `eMRTD applet not found (SW ${swHex(r.sw)})`, { sw: r.sw });
  }

  /**
   * EF.CardAccess (011C), read in plain before the applet is selected: short-file-ID READ BINARY first, then
   * SELECT + READ BINARY. null when the chip has none (a BAC-only chip) or it does not parse.
   */
  async readCardAccess(): Promise<Uint8Array | null> {
    let r = splitResponse(await this.transmitRaw(Uint8Array.of(0x00, 0xb0, 0x9c, 0x00, 0x00)));
    // 6A82: no EF.CardAccess (a BAC-only chip). Other errors may mean "no short file IDs here": SELECT it.
    if (r.sw === 0x6a82) return null;
    if (r.sw !== 0x9000 || r.data.length === 0) {
      const sel = splitResponse(
        await this.transmitRaw(Uint8Array.of(0x00, 0xa4, 0x02, 0x0c, 0x02, 0x01, 0x1c)),
      );
      if (sel.sw !== 0x9000) return null;
      r = splitResponse(await this.transmitRaw(Uint8Array.of(0x00, 0xb0, 0x00, 0x00, 0x00)));
      if (r.sw !== 0x9000 || r.data.length === 0) return null;
    }
    let bytes = r.data;
    try {
      const h = readTlvHeader(bytes, 0);
      const total = h.headerLength + h.length;
      while (bytes.length < total && total <= 0x7fff) {
        const off = bytes.length;
        const more = splitResponse(
          await this.transmitRaw(
            Uint8Array.of(0x00, 0xb0, off >> 8, off & 0xff, Math.min(total - off, 256) & 0xff),
          ),
        );
        if (more.sw !== 0x9000 || more.data.length === 0) return null;
        bytes = Uint8Array.from([...bytes, ...more.data]);
      }
      return bytes.subarray(0, total);
    } catch {
      return null;
    }
  }

  private async paceInfoOf(): Promise<PaceInfo | null> {
    const bytes = await this.readCardAccess();
    if (!bytes) return null;
    try {
      return parseCardAccess(bytes).pace.find(isSupportedPace) ?? null;
    } catch {
      return null;
    }
  }

  private async runPace(info: PaceInfo, password: PacePassword): Promise<void> {
    const r = await performPace({ transmit: (a) => this.transmitRaw(a) }, password, info);
    this.sm = r.sm;
    this.paceChipKey = r.chipEphemeralKey;
    const sel = await this.send(SELECT_LDS1_APPLET);
    if (sel.sw !== 0x9000)
      throw new ChipError('chip-file-not-found', `eMRTD applet not found (SW ${swHex(sel.sw)})`, {
        sw: sel.sw,
      });
  }

  /**
   * Opens the chip. PACE first when EF.CardAccess offers a supported variant (the CAN, then each MRZ key);
   * else — or when no password opened it — BAC with each MRZ key (a 6300 moves on, the first 9000 wins).
   * A PACE chip that refuses BAC and took none of the passwords gives `chip-can-required` (no CAN given) or
   * `chip-pace-failed` (the CAN was wrong).
   */
  async open(keys: BacKey[], opts: OpenOptions = {}): Promise<BacKey | null> {
    if (keys.length === 0 && !opts.can) throw new ChipError('chip-bac-invalid-key', 'no access key given');
    const info = opts.pace === false ? null : await this.paceInfoOf();
    let paceError: ChipError | null = null;
    if (info) {
      const passwords: PacePassword[] = [
        ...(opts.can ? [{ kind: 'can', can: opts.can } as const] : []),
        ...keys.map((key) => ({ kind: 'mrz', key }) as const),
      ];
      for (const password of passwords) {
        try {
          await this.runPace(info, password);
          this.bacRuns++;
          this.paceInfo = info;
          this.password = password;
          this.key = password.kind === 'mrz' ? password.key : null;
          this.protocol = 'pace';
          return this.key;
        } catch (e) {
          if (e instanceof ChipError && (e.code === 'chip-pace-failed' || e.code.startsWith('chip-sm-'))) {
            this.sm = null;
            paceError = e;
            continue;
          }
          throw e;
        }
      }
    }
    if (keys.length === 0)
      throw paceError ?? new ChipError('chip-pace-failed', 'the CAN did not open the chip');
    await this.selectApplet();
    let lastSw: number | undefined;
    for (const key of keys) {
      try {
        this.sm = await performBac(this.counting, key);
        this.bacRuns++;
        this.key = key;
        this.protocol = 'bac';
        return key;
      } catch (e) {
        if (e instanceof ChipError && (e.code === 'chip-bac-failed' || e.code === 'chip-bac-invalid-key')) {
          lastSw = e.details.sw;
          if (info && lastSw !== undefined && lastSw !== 0x6300) {
            // A PACE-only chip: BAC is not there to fall back to.
            if (opts.can)
              throw paceError ?? new ChipError('chip-pace-failed', 'the CAN did not open the chip');
            throw new ChipError('chip-can-required', 'the chip needs its Card Access Number (PACE only)', {
              sw: lastSw,
            });
          }
          // Some chips leave the applet after a failed authentication: select it again (cheap, plain).
          if (e.details.sw !== undefined && e.details.sw !== 0x6300) await this.selectApplet();
          continue;
        }
        throw e;
      }
    }
    throw new ChipError(
      'chip-bac-no-key-matched',
      `no access key opened the chip (last SW ${lastSw === undefined ? '-' : swHex(lastSw)})`,
      {
        sw: lastSw,
      },
    );
  }

  /** Forgets the SM session (the chip and we may disagree on the SSC): the next `send` re-authenticates. */
  invalidate(): void {
    this.sm = null;
  }

  /** Re-runs the protocol that worked (PACE or BAC) with the same password, after an SM error. */
  async reauthenticate(): Promise<void> {
    this.sm = null;
    if (this.protocol === 'pace' && this.paceInfo && this.password) {
      await this.runPace(this.paceInfo, this.password);
      this.bacRuns++;
      return;
    }
    if (!this.key) throw new ChipError('chip-sm-session-lost', 'no key to re-authenticate with');
    await this.selectApplet();
    this.sm = await performBac(this.counting, this.key);
    this.bacRuns++;
  }

  /**
   * Sends one command under SM. A plain (unprotected) error status means the chip closed the SM session:
   * the status is returned and the next `send` re-authenticates first. MAC failures throw.
   */
  async send(cmd: CommandApdu): Promise<Response> {
    if (!this.sm) await this.reauthenticate();
    const sm = this.sm!;
    const raw = await this.transmitRaw(sm.wrap(cmd));
    let r;
    try {
      r = sm.unwrap(raw);
    } catch (e) {
      this.sm = null;
      throw e;
    }
    if (r.plain) this.sm = null;
    return { data: r.data, sw: r.sw };
  }
}
