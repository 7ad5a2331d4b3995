/**
 * The printers the kiosk can drive, behind one interface:
 * - `EscPosPrinter`: a thermal receipt printer fed the raster bytes from host/receipt (`receiptToEscPos`),
 *   with the paper sensor read by `DLE EOT 4` where the transport answers;
 * - `CupsPrinter`: a CUPS queue fed the A4 PDF (`lp -d NAME`, the PDF on stdin);
 * - `FilePrinter`: browser/dev mode, the PDF written to `<dir>/<code>.pdf`.
 */
import { spawn } from 'node:child_process';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PrinterError } from './errors';
import { DLE_EOT_PAPER, parsePaperStatus, type PaperStatus } from './escpos-status';
import { describeTransport, openTransport, type TransportConfig } from './transports';

/** What the printer says about itself. `unknown`: reachable but it cannot tell (write-only, no answer). */
export type PrinterCondition = PaperStatus | 'offline' | 'unknown';

export interface PrinterStatus {
  kind: 'escpos' | 'cups' | 'file';
  condition: PrinterCondition;
}

export interface PrintJob {
  /** The receipt PDF: A4 for CUPS and file mode. */
  pdf: Buffer;
  /** ESC/POS bytes (`receiptToEscPos` of the 80 mm PDF) for a thermal printer. */
  escpos?: Buffer | null;
  /** Dossier code or local reference: names the file in file mode. */
  code: string;
}

export interface PrintResult {
  kind: PrinterStatus['kind'];
  /** File mode: where the PDF went. CUPS: the request id. */
  detail?: string;
}

export interface Printer {
  readonly kind: PrinterStatus['kind'];
  status(): Promise<PrinterStatus>;
  /** Throws `PrinterError` (`printer-out-of-paper`, `printer-offline`, `printer-failed`). */
  print(job: PrintJob): Promise<PrintResult>;
}

// ---------------------------------------------------------------------------------------------

export interface EscPosPrinterOptions {
  transport: TransportConfig;
  /** How long to wait for the DLE EOT 4 answer. Default 800 ms. */
  statusTimeoutMs?: number;
  connectTimeoutMs?: number;
}

export class EscPosPrinter implements Printer {
  readonly kind = 'escpos' as const;
  private readonly statusTimeoutMs: number;
  constructor(private readonly options: EscPosPrinterOptions) {
    this.statusTimeoutMs = options.statusTimeoutMs ?? 800;
  }

  get description(): string {
    return describeTransport(this.options.transport);
  }

  async status(): Promise<PrinterStatus> {
    let conn;
    try {
      conn = await openTransport(this.options.transport, this.options.connectTimeoutMs);
    } catch {
      return { kind: this.kind, condition: 'offline' };
    }
    try {
      return { kind: this.kind, condition: await this.paper(conn) };
    } catch {
      return { kind: this.kind, condition: 'offline' };
    } finally {
      await conn.close().catch(() => undefined);
    }
  }

  async print(job: PrintJob): Promise<PrintResult> {
    if (!job.escpos?.length)
      throw new PrinterError('printer-failed', 'no ESC/POS bytes for a thermal printer');
    const conn = await openTransport(this.options.transport, this.options.connectTimeoutMs);
    try {
      if ((await this.paper(conn)) === 'out-of-paper')
        throw new PrinterError('printer-out-of-paper', `${this.description} reports no paper`);
      await conn.write(job.escpos);
      return { kind: this.kind };
    } finally {
      await conn.close().catch(() => undefined);
    }
  }

  private async paper(conn: Awaited<ReturnType<typeof openTransport>>): Promise<PrinterCondition> {
    if (!conn.bidirectional) return 'unknown';
    const byte = await conn.query(DLE_EOT_PAPER, this.statusTimeoutMs);
    return (byte === null ? null : parsePaperStatus(byte)) ?? 'unknown';
  }
}

// ---------------------------------------------------------------------------------------------

export interface CupsPrinterOptions {
  /** CUPS queue name (`lp -d NAME`). */
  queue: string;
  lpCommand?: string;
  lpstatCommand?: string;
  timeoutMs?: number;
}

export class CupsPrinter implements Printer {
  readonly kind = 'cups' as const;
  constructor(private readonly options: CupsPrinterOptions) {}

  async status(): Promise<PrinterStatus> {
    try {
      const { code, stdout } = await run(
        this.options.lpstatCommand ?? 'lpstat',
        ['-p', this.options.queue],
        null,
        5000,
      );
      if (code !== 0 || /disabled/i.test(stdout)) return { kind: this.kind, condition: 'offline' };
      return { kind: this.kind, condition: /idle|printing|enabled/i.test(stdout) ? 'ok' : 'unknown' };
    } catch {
      return { kind: this.kind, condition: 'offline' };
    }
  }

  async print(job: PrintJob): Promise<PrintResult> {
    let result;
    try {
      result = await run(
        this.options.lpCommand ?? 'lp',
        ['-d', this.options.queue, '-t', 'receipt', '-o', 'media=A4', '-o', 'fit-to-page'],
        job.pdf,
        this.options.timeoutMs ?? 30_000,
      );
    } catch (err) {
      throw new PrinterError(
        'printer-offline',
        `lp could not be run (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
        {
          cause: err,
        },
      );
    }
    if (result.code !== 0) {
      const offline = /does not exist|not accepting|unable to connect|scheduler is not running/i.test(
        result.stderr,
      );
      throw new PrinterError(offline ? 'printer-offline' : 'printer-failed', `lp exited with ${result.code}`);
    }
    const id = /request id is (\S+)/.exec(result.stdout)?.[1];
    return id ? { kind: this.kind, detail: id } : { kind: this.kind };
  }
}

function run(
  command: string,
  args: string[],
  input: Buffer | null,
  timeoutMs: number,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], timeout: timeoutMs });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.stdin.on('error', () => undefined);
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? undefined);
  });
}

// ---------------------------------------------------------------------------------------------

export class FilePrinter implements Printer {
  readonly kind = 'file' as const;
  /** `dir` is `<dataDir>/receipts`. */
  constructor(readonly dir: string) {}

  async status(): Promise<PrinterStatus> {
    return { kind: this.kind, condition: 'ok' };
  }

  async print(job: PrintJob): Promise<PrintResult> {
    const name = safeFileName(job.code);
    const target = join(this.dir, `${name}.pdf`);
    try {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      const tmp = `${target}.${process.pid}.tmp`;
      await writeFile(tmp, job.pdf, { mode: 0o600 }); // it holds the applicant's name
      await rename(tmp, target);
    } catch (err) {
      throw new PrinterError(
        'printer-failed',
        `cannot write the receipt file (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
        {
          cause: err,
        },
      );
    }
    return { kind: this.kind, detail: target };
  }
}

/** Dossier codes are `[0-9A-Z.-]`; anything else (a path separator…) becomes `_`. */
export function safeFileName(code: string): string {
  const cleaned = code
    .normalize('NFC')
    .replace(/[^0-9A-Za-z.-]/g, '_')
    .replace(/^\.+/, '_');
  return cleaned.slice(0, 100) || 'receipt';
}
