/**
 * A QR scanner on a serial line (USB-CDC / virtual COM port, or RS-232), host side.
 *
 * Events (typed EventEmitter):
 * - `scan(payload)`: one framed line that passed the cheap checks (`precheckPayload`): trimmed, NFC, no CR/LF.
 *   The host then calls `parseCccdQr(payload)`.
 * - `error(err)`: `QrPayloadError` (`qr-junk`, `qr-garbled`, `qr-too-long`) for garbage on the line,
 *   `QrScannerError` (`qr-scanner-unavailable`) when the device cannot be opened (reported once per outage).
 *   Emitted only when someone listens: garbage never crashes the process.
 * - `status('connected' | 'disconnected')`, on every change; a scanner absent at start reports 'disconnected'.
 *
 * The port is the configured `path`, or the first USB-CDC scanner found (known scanner vendor IDs first,
 * then any /dev/ttyACM*). After an unplug (or a failed open) it retries with exponential backoff. An unplug is
 * seen from the port's error or close, and — since a port with no read or write pending may report neither
 * (serialport/node-serialport#2043) — from its device node disappearing, checked every `presenceCheckMs`.
 * A payload equal to one seen within `duplicateWindowMs` (default 2 s, sliding) is ignored: scanners in
 * continuous mode read the same card many times per second.
 */
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { SerialPort } from 'serialport';
import { QrPayloadError, QrScannerError } from './errors';
import { DEFAULT_MAX_LINE_LENGTH, LineFramer, type FrameEvent } from './line-framer';
import { precheckPayload } from './payload';

export type ScannerStatus = 'connected' | 'disconnected';

export interface SerialScannerEvents {
  scan: [payload: string];
  error: [error: QrPayloadError | QrScannerError];
  status: [status: ScannerStatus];
}

/** The part of a serial port the scanner uses (a `SerialPort` satisfies it). */
export interface ScannerPort {
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  close(callback?: (error?: Error | null) => void): void;
  readonly isOpen: boolean;
}

export interface PortSummary {
  path: string;
  vendorId?: string | undefined;
  productId?: string | undefined;
}

export interface SerialScannerOptions {
  /** Device path (e.g. /dev/ttyACM0, /dev/serial/by-id/…). Omit to auto-detect. */
  path?: string | undefined;
  /** Default 9600 (ignored by USB-CDC devices, needed by RS-232 ones). */
  baudRate?: number | undefined;
  /** Same payload within this many ms of its last sighting is ignored. Default 2000; 0 disables. */
  duplicateWindowMs?: number;
  /** A pending line with no end of line after this many ms of silence is taken as complete. Default 500; 0 disables. */
  idleFlushMs?: number;
  /** Characters a line may reach before it is discarded as `qr-junk`. Default 4096. */
  maxLineLength?: number;
  /** Reconnect backoff: first delay, factor 2, capped. Defaults 250 ms and 5000 ms. */
  reconnectInitialMs?: number;
  reconnectMaxMs?: number;
  /** While connected, how often the device node is checked to still exist (an unplug). Default 1000; 0 disables. */
  presenceCheckMs?: number;
  /** USB vendor IDs (lower-case hex) to prefer during auto-detection. Defaults to KNOWN_SCANNER_VENDOR_IDS. */
  vendorIds?: readonly string[];
  /** Seams for tests. */
  listPorts?: () => Promise<PortSummary[]>;
  openPort?: (path: string, baudRate: number) => Promise<ScannerPort>;
  pathExists?: (path: string) => boolean;
  now?: () => number;
}

/** USB vendor IDs of common 2D scanner makers whose devices offer a USB-CDC (virtual COM) mode. */
export const KNOWN_SCANNER_VENDOR_IDS: readonly string[] = [
  '0c2e', // Honeywell (Metrologic)
  '0536', // Hand Held Products (Honeywell)
  '05e0', // Zebra / Symbol
  '05f9', // Datalogic
  '1eab', // Newland
];

/** Pick the scanner among serial ports: a known vendor first, then any USB-CDC ACM device. */
export function pickScannerPort(
  ports: readonly PortSummary[],
  vendorIds = KNOWN_SCANNER_VENDOR_IDS,
): string | null {
  const known = ports.find((p) => p.vendorId !== undefined && vendorIds.includes(p.vendorId.toLowerCase()));
  if (known) return known.path;
  const acm = ports
    .map((p) => p.path)
    .filter((path) => /^\/dev\/ttyACM\d+$/.test(path))
    .sort();
  return acm[0] ?? null;
}

/** Opens a serial port as the scanner does by default (exported so a test can count the attempts). */
export function openSerialPort(path: string, baudRate: number): Promise<ScannerPort> {
  return new Promise((resolve, reject) => {
    const port = new SerialPort({ path, baudRate, autoOpen: false });
    port.open((error) => (error ? reject(error) : resolve(port)));
  });
}

async function listSerialPorts(): Promise<PortSummary[]> {
  return (await SerialPort.list()).map((p) => ({
    path: p.path,
    vendorId: p.vendorId,
    productId: p.productId,
  }));
}

export class SerialScanner extends EventEmitter<SerialScannerEvents> {
  private readonly options: Required<
    Omit<
      SerialScannerOptions,
      'path' | 'baudRate' | 'listPorts' | 'openPort' | 'pathExists' | 'now' | 'vendorIds'
    >
  >;
  private readonly framer: LineFramer;
  private port: ScannerPort | null = null;
  private running = false;
  private connected = false;
  private lastStatus: ScannerStatus | null = null;
  private outageReported = false;
  private backoffMs: number;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private presenceTimer: NodeJS.Timeout | null = null;
  private readonly lastSeen = new Map<string, number>();
  private currentPath: string | null = null;

  constructor(private readonly config: SerialScannerOptions = {}) {
    super();
    this.options = {
      duplicateWindowMs: config.duplicateWindowMs ?? 2000,
      idleFlushMs: config.idleFlushMs ?? 500,
      maxLineLength: config.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH,
      reconnectInitialMs: config.reconnectInitialMs ?? 250,
      reconnectMaxMs: config.reconnectMaxMs ?? 5000,
      presenceCheckMs: config.presenceCheckMs ?? 1000,
    };
    this.backoffMs = this.options.reconnectInitialMs;
    this.framer = new LineFramer({ maxLineLength: this.options.maxLineLength });
  }

  /** The device path in use, or null while disconnected. */
  get path(): string | null {
    return this.connected ? this.currentPath : null;
  }

  get isConnected(): boolean {
    return this.connected;
  }

  /** Open the port (and keep it open across unplugs) until `stop()`. */
  start(): void {
    if (this.running) return;
    this.running = true;
    void this.connect();
  }

  /** Close the port and stop reconnecting. */
  async stop(): Promise<void> {
    this.running = false;
    this.clearTimers();
    const port = this.port;
    this.port = null;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    this.setDisconnected();
  }

  /** Feed bytes as if they came from the device (used by the port handler; public for tests and the simulator). */
  receive(chunk: Uint8Array): void {
    try {
      this.handleFrames(this.framer.push(chunk));
      this.armIdleFlush();
    } catch {
      this.emitError(new QrPayloadError('qr-junk', 'unreadable data from the scanner'));
    }
  }

  private async connect(): Promise<void> {
    if (!this.running) return;
    try {
      const path = this.config.path ?? pickScannerPort(await this.list(), this.config.vendorIds);
      if (path === null) throw new Error('no serial QR scanner found');
      const open = this.config.openPort ?? openSerialPort;
      const port = await open(path, this.config.baudRate ?? 9600);
      if (!this.running) {
        port.close();
        return;
      }
      this.attach(port, path);
    } catch (error) {
      this.setStatus('disconnected');
      if (!this.outageReported) {
        this.outageReported = true;
        const reason = error instanceof Error ? error.message : 'unknown error';
        this.emitError(new QrScannerError('qr-scanner-unavailable', `cannot open the QR scanner: ${reason}`));
      }
      this.scheduleReconnect();
    }
  }

  private list(): Promise<PortSummary[]> {
    return (this.config.listPorts ?? listSerialPorts)();
  }

  private attach(port: ScannerPort, path: string): void {
    this.port = port;
    this.currentPath = path;
    this.framer.reset();
    this.backoffMs = this.options.reconnectInitialMs;
    this.outageReported = false;
    port.on('data', (chunk) => this.receive(chunk));
    port.on('error', () => {
      // An I/O error on a pty or an unplugged USB device; 'close' follows or we force it.
      if (port.isOpen) port.close();
      else this.onClosed(port);
    });
    port.on('close', () => this.onClosed(port));
    this.watchPresence(port, path);
    this.connected = true;
    this.setStatus('connected');
  }

  /** The device node gone while the port says nothing: taken as the unplug it is. */
  private watchPresence(port: ScannerPort, path: string): void {
    if (this.options.presenceCheckMs <= 0) return;
    const exists = this.config.pathExists ?? existsSync;
    this.presenceTimer = setInterval(() => {
      if (this.port !== port || exists(path)) return;
      if (port.isOpen) port.close();
      this.onClosed(port);
    }, this.options.presenceCheckMs);
    this.presenceTimer.unref();
  }

  private onClosed(port: ScannerPort): void {
    if (this.port !== port) return;
    this.port = null;
    this.clearPresenceTimer();
    this.handleFrames(this.framer.flush());
    this.clearIdleTimer();
    this.setDisconnected();
    this.scheduleReconnect();
  }

  private setDisconnected(): void {
    this.connected = false;
    this.setStatus('disconnected');
  }

  /** Emit a status only when it changes (the first failed open reports 'disconnected' too). */
  private setStatus(status: ScannerStatus): void {
    if (this.lastStatus === status) return;
    this.lastStatus = status;
    this.emit('status', status);
  }

  private scheduleReconnect(): void {
    if (!this.running || this.reconnectTimer) return;
    const delay = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, this.options.reconnectMaxMs);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.connect();
    }, delay);
  }

  private armIdleFlush(): void {
    this.clearIdleTimer();
    if (this.options.idleFlushMs <= 0 || !this.framer.hasPartialLine) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      this.handleFrames(this.framer.flush());
    }, this.options.idleFlushMs);
  }

  private clearIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private clearPresenceTimer(): void {
    if (this.presenceTimer) clearInterval(this.presenceTimer);
    this.presenceTimer = null;
  }

  private clearTimers(): void {
    this.clearIdleTimer();
    this.clearPresenceTimer();
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
  }

  private handleFrames(events: FrameEvent[]): void {
    for (const event of events) {
      if (event.kind === 'overflow') {
        this.emitError(
          new QrPayloadError('qr-junk', 'a line longer than the cap arrived without an end of line'),
        );
        continue;
      }
      let payload: string;
      try {
        payload = precheckPayload(event.text);
      } catch (error) {
        this.emitError(
          error instanceof QrPayloadError
            ? error
            : new QrPayloadError('qr-junk', 'unreadable line from the scanner'),
        );
        continue;
      }
      if (payload === '' || this.isDuplicate(payload)) continue;
      this.emit('scan', payload);
    }
  }

  private isDuplicate(payload: string): boolean {
    const window = this.options.duplicateWindowMs;
    if (window <= 0) return false;
    const now = (this.config.now ?? Date.now)();
    for (const [seen, at] of this.lastSeen) if (now - at > window) this.lastSeen.delete(seen);
    const last = this.lastSeen.get(payload);
    this.lastSeen.set(payload, now);
    return last !== undefined && now - last <= window;
  }

  private emitError(error: QrPayloadError | QrScannerError): void {
    if (this.listenerCount('error') > 0) this.emit('error', error);
  }
}
