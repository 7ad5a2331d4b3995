/**
 * A BAC-protected session with the chip: applet selection, access-key trial, SM wrapping of every command,
 * APDU counting, and transparent re-authentication after the chip drops the SM session.
 */
import { encodeApdu, splitResponse, swHex, type CommandApdu } from './apdu';
import { performBac } from './bac';
import { ChipError } from './errors';
import type { BacKey } from './keys';
import type { SecureMessaging } from './sm';
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

export class ChipSession {
  apdus = 0;
  bacRuns = 0;
  private sm: SecureMessaging | null = null;
  private key: BacKey | null = null;

  constructor(
    readonly transport: CardTransport,
    private readonly signal?: AbortSignal,
  ) {}

  get keyUsed(): BacKey | null {
    return this.key;
  }

  get authenticated(): boolean {
    return this.sm !== null;
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

  /** Tries `keys` in order; stops at the first MUTUAL AUTHENTICATE 9000. A 6300 (wrong key) moves on. */
  async open(keys: BacKey[]): Promise<BacKey> {
    if (keys.length === 0) throw new ChipError('chip-bac-invalid-key', 'no access key given');
    await this.selectApplet();
    let lastSw: number | undefined;
    for (const key of keys) {
      try {
        this.sm = await performBac(this.counting, key);
        this.bacRuns++;
        this.key = key;
        return key;
      } catch (e) {
        if (e instanceof ChipError && (e.code === 'chip-bac-failed' || e.code === 'chip-bac-invalid-key')) {
          lastSw = e.details.sw;
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

  /** Forgets the SM session (the chip and we may disagree on the SSC): the next `send` re-runs BAC. */
  invalidate(): void {
    this.sm = null;
  }

  /** Re-runs BAC with the key that worked, after an SM error or a plain error status. */
  async reauthenticate(): Promise<void> {
    if (!this.key) throw new ChipError('chip-sm-session-lost', 'no key to re-authenticate with');
    this.sm = null;
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
