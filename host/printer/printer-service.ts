/**
 * PrinterService: the configured printer, its state for the status strip, and printing a receipt.
 *
 * States (`common/api/contract.ts` PrinterState): `file` (no printer: receipts are written to
 * `<dataDir>/receipts/<code>.pdf`), `ready`, `absent` (cannot be reached), `out-of-paper`.
 * A paper-near-end answer is `ready` with `paperNearEnd: true` (the strip does not alarm a citizen; staff see it).
 *
 * Operations are serialised: a status poll never opens the serial port while a receipt is being written.
 */
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import type { DeviceStatus } from '../../common/api/contract';
import { PrinterError } from '../../native/printer/errors';
import {
  CupsPrinter,
  EscPosPrinter,
  FilePrinter,
  type Printer,
  type PrinterCondition,
  type PrintResult,
} from '../../native/printer/printer';
import { receiptToEscPos } from '../receipt';
import { DEFAULT_PRINTER_CONFIG, PrinterConfig, type PrinterConfigInput } from './printer-config';
import { logger, swallowed } from '../log/logger';

const log = logger('printer');

/** `ready` | `absent` | `out-of-paper` | `file`, as in the KioskApi contract. */
export type PrinterStateValue = DeviceStatus['printer']['state'];

export interface PrinterServiceStatus {
  state: PrinterStateValue;
  kind: Printer['kind'];
  condition: PrinterCondition;
  paperNearEnd: boolean;
}

export interface PrinterServiceOptions {
  config?: PrinterConfigInput | undefined;
  /** The kiosk data directory; file mode writes to `<dataDir>/receipts`. */
  dataDir: string;
  /** Status poll interval for real printers after `start()`. Default 15 s. */
  pollMs?: number;
  /** ESC/POS: how long to wait for the paper-status answer. Default 800 ms. */
  statusTimeoutMs?: number;
  /** Seam for tests: use this printer instead of building one from the config. */
  printer?: Printer;
}

export interface PrinterServiceEvents {
  state: [state: PrinterStateValue];
  error: [error: PrinterError];
}

export function createPrinter(config: PrinterConfig, dataDir: string, statusTimeoutMs?: number): Printer {
  switch (config.kind) {
    case 'file':
      return new FilePrinter(join(dataDir, 'receipts'));
    case 'cups':
      return new CupsPrinter({ queue: config.queue });
    case 'escpos':
      return new EscPosPrinter(
        statusTimeoutMs === undefined
          ? { transport: config.transport }
          : { transport: config.transport, statusTimeoutMs },
      );
  }
}

export class PrinterService extends EventEmitter<PrinterServiceEvents> {
  readonly printer: Printer;
  private readonly pollMs: number;
  private stateValue: PrinterStateValue;
  private chain: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;

  constructor(options: PrinterServiceOptions) {
    super();
    const config = PrinterConfig.parse(options.config ?? DEFAULT_PRINTER_CONFIG);
    this.printer = options.printer ?? createPrinter(config, options.dataDir, options.statusTimeoutMs);
    this.pollMs = options.pollMs ?? 15_000;
    this.stateValue = this.printer.kind === 'file' ? 'file' : 'absent';
  }

  get state(): PrinterStateValue {
    return this.stateValue;
  }

  /** Which receipt PDF to render for this printer: 80 mm for a thermal printer, A4 otherwise. */
  get paper(): 'a4' | '80mm' {
    return this.printer.kind === 'escpos' ? '80mm' : 'a4';
  }

  /** Asks the printer now (serialised with printing) and updates the state. */
  status(): Promise<PrinterServiceStatus> {
    return this.serial(async () => {
      const s = await this.printer.status();
      const state = this.stateFor(s.condition);
      this.setState(state);
      return { state, kind: s.kind, condition: s.condition, paperNearEnd: s.condition === 'near-end' };
    });
  }

  /**
   * Prints a receipt. `receiptPdf` is the PDF for `paper` (A4, or 80 mm for a thermal printer); `escposBytes`
   * are `receiptToEscPos(pdf80mm)` — computed here from `receiptPdf` when null and the printer is thermal.
   * `code` (dossier code or local reference) names the file in file mode.
   * Throws `PrinterError`; the state follows (`out-of-paper`, `absent`).
   */
  print(receiptPdf: Buffer, escposBytes: Buffer | null, options: { code: string }): Promise<PrintResult> {
    return this.serial(async () => {
      try {
        const escpos =
          this.printer.kind === 'escpos' ? (escposBytes ?? (await receiptToEscPos(receiptPdf))) : escposBytes;
        const result = await this.printer.print({ pdf: receiptPdf, escpos, code: options.code });
        this.setState(this.printer.kind === 'file' ? 'file' : 'ready');
        return result;
      } catch (err) {
        const e =
          err instanceof PrinterError
            ? err
            : new PrinterError('printer-failed', `printing failed (${(err as Error)?.name ?? 'error'})`, {
                cause: err,
              });
        if (e.code === 'printer-out-of-paper') this.setState('out-of-paper');
        if (e.code === 'printer-offline') this.setState('absent');
        if (this.listenerCount('error') > 0) this.emit('error', e);
        throw e;
      }
    });
  }

  /** Polls a real printer's status until `stop()`. File mode has nothing to poll. */
  start(): void {
    if (this.timer || this.printer.kind === 'file') return;
    const tick = (): void => {
      void this.status()
        .catch(swallowed(log, 'debug', 'printer status poll failed', undefined))
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, this.pollMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private stateFor(condition: PrinterCondition): PrinterStateValue {
    if (this.printer.kind === 'file') return 'file';
    if (condition === 'offline') return 'absent';
    if (condition === 'out-of-paper') return 'out-of-paper';
    return 'ready';
  }

  private setState(state: PrinterStateValue): void {
    if (state === this.stateValue) return;
    this.stateValue = state;
    this.emit('state', state);
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn, fn);
    this.chain = next.catch(() => undefined); // the caller gets `next`'s error; the chain only keeps order
    return next;
  }
}
