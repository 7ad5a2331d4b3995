/**
 * PC/SC through the N-API `smartcard` binding: reader discovery and hot-plug, card inserted/removed events,
 * exclusive connect, transmit with large receive buffers, and every PC/SC failure as a typed PcscError.
 */
import { EventEmitter } from 'node:events';
import * as smartcard from 'smartcard';
import type {
  CardInterface,
  ContextInterface,
  MonitorEvent,
  ReaderInterface,
  ReaderMonitorInterface,
} from 'smartcard';
import type { CardTransport } from './card-transport';
import { PcscError, toPcscError } from './errors';

export interface ReaderInfo {
  name: string;
  cardPresent: boolean;
  /** Hex ATR of the card in the reader, if any. */
  atr: string | null;
}

export type PcscEvent =
  | { type: 'reader-attached'; reader: string }
  | { type: 'reader-detached'; reader: string }
  | { type: 'card-inserted'; reader: string; atr: string | null }
  | { type: 'card-removed'; reader: string }
  | { type: 'error'; error: PcscError };

export interface ConnectOptions {
  /** Exclusive by default: no other process may talk to the card during a read. */
  shared?: boolean;
  /** Whether this reader passes extended-length APDUs. Default: true for vpcd (virtual) readers, false otherwise. */
  extendedLength?: boolean;
  /** Receive buffer in bytes (default 65538: a full extended response plus SW). */
  maxRecvLength?: number;
}

/** Readers known to pass extended APDUs; real readers are opt-in (ACR122U/ACR1281 drivers do not). */
const EXTENDED_BY_DEFAULT = /virtual pcd|vpcd|simulated/i;

/** The smartcard binding surface used here (injectable for tests). */
export interface SmartcardBinding {
  Context: new () => ContextInterface;
  ReaderMonitor: new () => ReaderMonitorInterface;
  SCARD_SHARE_EXCLUSIVE: number;
  SCARD_SHARE_SHARED: number;
  SCARD_PROTOCOL_T0: number;
  SCARD_PROTOCOL_T1: number;
  SCARD_STATE_PRESENT: number;
  SCARD_LEAVE_CARD: number;
}

const hexOf = (b: Buffer | null | undefined): string | null =>
  b && b.length > 0 ? b.toString('hex').toUpperCase() : null;

/** A connected card: the CardTransport the eMRTD stack reads through. */
export class PcscCardTransport implements CardTransport {
  constructor(
    private readonly card: CardInterface,
    readonly readerName: string,
    readonly extendedLength: boolean,
    private readonly maxRecvLength: number,
    /** Asks pcscd whether a card is still in this reader (used to classify vague transmit failures). */
    private readonly cardPresent: () => boolean = () => true,
  ) {}

  get atr(): string | null {
    return hexOf(this.card.atr);
  }

  async transmit(apdu: Uint8Array): Promise<Uint8Array> {
    try {
      const r = await this.card.transmit(Buffer.from(apdu), { maxRecvLength: this.maxRecvLength });
      return new Uint8Array(r);
    } catch (e) {
      const err = toPcscError(e);
      if (err.code !== 'pcsc-failed') throw err;
      // Drivers report a card leaving mid-exchange vaguely ("Transaction failed", comm error): ask pcscd.
      for (let i = 0; i < 6; i++) {
        let present: boolean;
        try {
          present = this.cardPresent();
        } catch {
          present = false;
        }
        if (!present)
          throw new PcscError(
            'pcsc-card-removed',
            `card removed during transmit (${err.message})`,
            err.scardCode,
          );
        await new Promise((r) => setTimeout(r, 50));
      }
      throw err;
    }
  }

  disconnect(): void {
    try {
      this.card.disconnect(smartcard.SCARD_LEAVE_CARD);
    } catch {
      /* already gone */
    }
  }
}

export class PcscService extends EventEmitter<{ event: [PcscEvent] }> {
  private context: ContextInterface | null = null;
  private monitor: ReaderMonitorInterface | null = null;
  private readonly binding: SmartcardBinding;

  constructor(binding?: SmartcardBinding) {
    super();
    this.binding = binding ?? (smartcard as unknown as SmartcardBinding);
  }

  private ctx(): ContextInterface {
    if (this.context?.isValid) return this.context;
    try {
      this.context = new this.binding.Context();
      return this.context;
    } catch (e) {
      throw toPcscError(e);
    }
  }

  private rawReaders(): ReaderInterface[] {
    try {
      return this.ctx().listReaders();
    } catch (e) {
      const err = toPcscError(e);
      if (err.code === 'pcsc-no-reader') return [];
      this.context = null; // pcscd restarted or stopped: a fresh context next time
      throw err;
    }
  }

  /** Readers and whether a card is present. Throws `pcsc-no-service` when pcscd is not running. */
  listReaders(): ReaderInfo[] {
    return this.rawReaders().map((r) => ({
      name: r.name,
      cardPresent: (r.state & this.binding.SCARD_STATE_PRESENT) !== 0,
      atr: hexOf(r.atr),
    }));
  }

  /** Starts hot-plug monitoring; events arrive as `service.on('event', …)`. */
  start(): void {
    if (this.monitor?.isRunning) return;
    try {
      this.monitor = new this.binding.ReaderMonitor();
      this.monitor.start((ev: MonitorEvent) => {
        switch (ev.type) {
          case 'reader-attached':
          case 'reader-detached':
            this.emit('event', { type: ev.type, reader: ev.reader });
            break;
          case 'card-inserted':
            this.emit('event', { type: 'card-inserted', reader: ev.reader, atr: hexOf(ev.atr) });
            break;
          case 'card-removed':
            this.emit('event', { type: 'card-removed', reader: ev.reader });
            break;
          default:
            this.emit('event', {
              type: 'error',
              error: toPcscError(new Error(`monitor error on ${ev.reader}`)),
            });
        }
      });
    } catch (e) {
      throw toPcscError(e);
    }
  }

  stop(): void {
    try {
      this.monitor?.stop();
    } catch {
      /* ignore */
    }
    this.monitor = null;
  }

  /** Connects to the card in `readerName` (default: the first reader with a card). */
  async connect(readerName?: string, opts: ConnectOptions = {}): Promise<PcscCardTransport> {
    const readers = this.rawReaders();
    if (readers.length === 0) throw new PcscError('pcsc-no-reader', 'no PC/SC reader attached');
    const reader = readerName
      ? (readers.find((r) => r.name === readerName) ?? readers.find((r) => r.name.startsWith(readerName)))
      : readers.find((r) => (r.state & this.binding.SCARD_STATE_PRESENT) !== 0);
    if (!reader) {
      if (readerName) throw new PcscError('pcsc-reader-gone', `reader not found: ${readerName}`);
      throw new PcscError('pcsc-no-card', 'no card in any reader');
    }
    try {
      const card = await reader.connect(
        opts.shared ? this.binding.SCARD_SHARE_SHARED : this.binding.SCARD_SHARE_EXCLUSIVE,
        this.binding.SCARD_PROTOCOL_T0 | this.binding.SCARD_PROTOCOL_T1,
      );
      const extended = opts.extendedLength ?? EXTENDED_BY_DEFAULT.test(reader.name);
      const name = reader.name;
      const present = () => this.listReaders().some((r) => r.name === name && r.cardPresent);
      return new PcscCardTransport(card, name, extended, opts.maxRecvLength ?? 65538, present);
    } catch (e) {
      throw toPcscError(e);
    }
  }

  /** Resolves with the reader name once a card is present (polls pcscd's state change API). */
  async waitForCard(readerName?: string, timeoutMs = 30_000, signal?: AbortSignal): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (signal?.aborted) throw new PcscError('pcsc-timeout', 'wait for card aborted');
      const readers = this.listReaders();
      const hit = readers.find(
        (r) => r.cardPresent && (!readerName || r.name === readerName || r.name.startsWith(readerName)),
      );
      if (hit) return hit.name;
      const left = deadline - Date.now();
      if (left <= 0) throw new PcscError('pcsc-timeout', 'no card presented in time');
      await new Promise((r) => setTimeout(r, Math.min(150, left)));
    }
  }

  close(): void {
    this.stop();
    try {
      this.context?.close();
    } catch {
      /* ignore */
    }
    this.context = null;
  }
}
