/**
 * The vpcd wire protocol (vsmartcard's virtual PC/SC reader driver inside pcscd), virtual-card side.
 * pcscd's driver LISTENS on TCP (default 35963 for slot 0, +1 for slot 1); the virtual card connects.
 * Every message is a 2-byte big-endian length + payload. A 1-byte payload from pcscd is a control
 * message: 00 power off, 01 power on, 02 reset, 04 ATR request (answered with the ATR); anything else is
 * a command APDU, answered with the response APDU. The card is "present" while the connection is up.
 */
import net from 'node:net';

export const VPCD_DEFAULT_PORT = 35963;
export const VPCD_CTRL = { OFF: 0x00, ON: 0x01, RESET: 0x02, ATR: 0x04 } as const;

/**
 * While the card is being taken away, each APDU answer waits this long, like a card sliding out of the field.
 * With quick-ACK loopback an APDU takes ~0.3 ms, so a whole file would be read between two presence polls
 * of pcscd (every ~400 ms) and a removal asked for mid-read would never interrupt it; at this pace the poll
 * (and so the removal) lands within a few APDUs, as it does with a real reader and a real hand.
 */
export const VPCD_REMOVING_APDU_DELAY_MS = 50;

export interface VpcdHandler {
  atr(): Uint8Array;
  /** Power on / reset: the chip starts fresh. */
  powerOn(): void;
  powerOff(): void;
  /** Response APDU; `vanish` when the card leaves the field after this exchange. */
  apdu(command: Uint8Array): Promise<{ response: Uint8Array; vanish: boolean }>;
}

export function frame(payload: Uint8Array): Buffer {
  const header = Buffer.alloc(2);
  header.writeUInt16BE(payload.length);
  return Buffer.concat([header, Buffer.from(payload)]);
}

/** Splits a byte stream into vpcd frames (keeps the incomplete tail). */
export class FrameReader {
  private buffer = Buffer.alloc(0);
  push(chunk: Buffer): Uint8Array[] {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    const frames: Uint8Array[] = [];
    while (this.buffer.length >= 2) {
      const len = this.buffer.readUInt16BE(0);
      if (this.buffer.length < 2 + len) break;
      frames.push(new Uint8Array(this.buffer.subarray(2, 2 + len)));
      this.buffer = this.buffer.subarray(2 + len);
    }
    return frames;
  }
}

export interface VpcdLinkEvents {
  /** pcscd has powered the card and read its ATR on this connection (clients now see it). */
  onSeen?: () => void;
  onConnectError?: (error: Error) => void;
}

/**
 * One connection attempt loop to pcscd's vpcd port (or, when `host` is an absolute path, to the Unix socket
 * bridged to it: host/devices/isolated-pcscd.ts); reconnects while `wanted` (pcscd restarts).
 */
export class VpcdLink {
  private socket: net.Socket | null = null;
  private wanted = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private chain: Promise<void> = Promise.resolve();
  private readonly powered = new WeakSet<net.Socket>();
  private readonly removing = new WeakSet<net.Socket>();

  constructor(
    private readonly host: string,
    private readonly port: number,
    private handler: VpcdHandler,
    private readonly events: VpcdLinkEvents = {},
    private readonly retryMs = 300,
  ) {}

  setHandler(handler: VpcdHandler): void {
    this.handler = handler;
  }

  get connected(): boolean {
    return this.socket !== null;
  }

  start(): void {
    this.wanted = true;
    this.connect();
  }

  /**
   * Takes the card away cleanly. pcscd serialises presence polls and transmits per reader, so the card
   * answers APDUs until pcscd's next presence poll (an ATR request), answers that poll with an empty ATR
   * ("no card") and only then closes the link: no APDU is ever cut off mid-way (vpcd would hand the client
   * an empty response), and clients get pcscd's own "card removed" errors afterwards. Resolves true once pcscd
   * has been told (or no link was up), false when it did not poll within `timeoutMs` and the link was cut.
   */
  removeAtNextPoll(timeoutMs = 3000): Promise<boolean> {
    this.wanted = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const socket = this.socket;
    if (!socket) return Promise.resolve(true);
    this.removing.add(socket);
    return new Promise((resolve) => {
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        socket.destroy();
      }, timeoutMs);
      socket.once('close', () => {
        clearTimeout(timer);
        resolve(!timedOut);
      });
    });
  }

  stop(): void {
    this.wanted = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.socket?.destroy();
    this.socket = null;
  }

  private scheduleRetry(): void {
    if (!this.wanted || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, this.retryMs);
  }

  private connect(): void {
    if (!this.wanted || this.socket) return;
    // A path is a Unix socket: the loopback-only bridge into an isolated pcscd's network namespace.
    const socket = this.host.startsWith('/')
      ? net.connect({ path: this.host })
      : net.connect({ host: this.host, port: this.port });
    socket.setNoDelay(true);
    const reader = new FrameReader();
    let seen = false;
    socket.on('connect', () => {
      this.socket = socket;
    });
    socket.on('data', (chunk: Buffer) => {
      for (const f of reader.push(chunk)) {
        this.chain = this.chain
          .then(() =>
            this.handle(socket, f, () => {
              if (!seen) {
                seen = true;
                this.events.onSeen?.();
              }
            }),
          )
          .catch((e: unknown) => {
            // Never let one bad exchange wedge the link: report and drop the connection (pcscd sees a removal).
            this.events.onConnectError?.(e instanceof Error ? e : new Error(String(e)));
            socket.destroy();
          });
      }
    });
    socket.on('error', (e) => this.events.onConnectError?.(e));
    socket.on('close', () => {
      if (this.socket === socket) this.socket = null;
      this.scheduleRetry();
    });
  }

  private async handle(socket: net.Socket, f: Uint8Array, markSeen: () => void): Promise<void> {
    if (socket.destroyed) return;
    if (process.env.VPCD_DEBUG)
      process.stderr.write(`vpcd ${this.port} < ${Buffer.from(f).toString('hex')}\n`);
    if (f.length === 1) {
      switch (f[0]) {
        case VPCD_CTRL.OFF:
          this.handler.powerOff();
          return;
        case VPCD_CTRL.ON:
        case VPCD_CTRL.RESET:
          this.handler.powerOn();
          this.powered.add(socket);
          return;
        case VPCD_CTRL.ATR:
          if (this.removing.has(socket)) {
            socket.end(frame(new Uint8Array(0)));
            socket.destroySoon();
            return;
          }
          socket.write(frame(this.handler.atr()));
          // pcscd reads the ATR right after powering the card, then publishes "present" to its clients.
          if (this.powered.has(socket)) setTimeout(markSeen, 150);
          return;
        default:
          return;
      }
    }
    if (this.removing.has(socket)) await new Promise((r) => setTimeout(r, VPCD_REMOVING_APDU_DELAY_MS));
    if (socket.destroyed) return;
    const { response, vanish } = await this.handler.apdu(f);
    if (!socket.destroyed) socket.write(frame(response));
    // The card leaves the field (fault remove-after): gone at pcscd's next presence poll, until insert().
    if (vanish) void this.removeAtNextPoll();
  }
}
