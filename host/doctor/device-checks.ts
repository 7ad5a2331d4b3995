/**
 * Checks of the devices: pcscd, the readers (allowed or refused, as the host would see them), the card's ATR,
 * an optional test read (SELECT of the ICAO eMRTD application: a verdict and a time, nothing read from the
 * chip), the QR scanner (and an optional test scan: its length and whether it parses, never its content) and
 * the printer as the printer service reports it.
 */
import { existsSync } from 'node:fs';
import type { KioskConfig } from '../config/config';
import { readerNamesForUsbIds } from '../devices/ccid-names';
import { readerPolicy } from '../devices/reader-policy';
import { PcscService, type ReaderInfo } from '../../native/pcsc/pcsc-service';
import { parseCccdQr } from '../../native/qr/payload';
import { pickScannerPort, SerialScanner, type PortSummary } from '../../native/qr/serial-scanner';
import { createPrinter } from '../printer/printer-service';
import { fail, pass, skip, type Verdict, warn } from './check';

export const PCSCD_SOCKET = '/run/pcscd/pcscd.comm';

export function pcscdSocket(env: NodeJS.ProcessEnv = process.env): string {
  return env.PCSCLITE_CSOCK_NAME ?? PCSCD_SOCKET;
}

export interface ReaderView {
  name: string;
  cardPresent: boolean;
  atr: string | null;
  /** Why the host would not read from it (virtual, not allow-listed), or null. */
  refused: string | null;
}

/** Lazily lists readers once for all reader checks. */
export class ReaderProbe {
  private pcsc: PcscService | null = null;
  private list: ReaderView[] | null = null;
  private error: string | null = null;

  constructor(
    private readonly config: KioskConfig,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  socketPresent(): boolean {
    return existsSync(pcscdSocket(this.env));
  }

  service(): PcscService {
    this.pcsc ??= new PcscService();
    return this.pcsc;
  }

  readers(): { readers: ReaderView[] } | { error: string } {
    if (this.list) return { readers: this.list };
    if (this.error) return { error: this.error };
    if (!this.socketPresent()) {
      this.error = `pcscd is not running (no socket at ${pcscdSocket(this.env)})`;
      return { error: this.error };
    }
    try {
      const d = this.config.devices;
      const policy = readerPolicy(this.config.mode, d.allowedReaders, readerNamesForUsbIds(d.allowedUsbIds));
      this.list = this.service()
        .listReaders()
        .map((r: ReaderInfo) => ({ ...r, refused: policy.refusal(r.name) }));
      return { readers: this.list };
    } catch (e) {
      this.error = `PC/SC: ${(e as Error).message}`;
      return { error: this.error };
    }
  }

  close(): void {
    try {
      this.pcsc?.close();
    } catch {
      /* already closed */
    }
  }
}

export function pcscdCheck(probe: ReaderProbe): Verdict {
  const r = probe.readers();
  if ('error' in r) return fail(r.error);
  return pass(`pcscd answers (${r.readers.length} reader(s))`);
}

export function readersCheck(probe: ReaderProbe): Verdict {
  const r = probe.readers();
  if ('error' in r) return fail(`no readers: ${r.error}`);
  const usable = r.readers.filter((x) => x.refused === null);
  const data = { readers: r.readers.map(({ name, refused }) => ({ name, refused })) };
  if (r.readers.length === 0) return fail('no card reader attached (plug in the contactless reader)', data);
  if (usable.length === 0)
    return fail(`no usable reader: ${r.readers.map((x) => `${x.name} (${x.refused})`).join('; ')}`, data);
  return pass(`${usable.map((x) => x.name).join('; ')}`, data);
}

export function cardCheck(probe: ReaderProbe): Verdict {
  const r = probe.readers();
  if ('error' in r) return skip('no reader to look at');
  const withCard = r.readers.filter((x) => x.refused === null && x.cardPresent);
  if (withCard.length === 0) return skip('no card on the reader (place one to see its ATR)');
  const c = withCard[0]!;
  return pass(`card present on ${c.name}, ATR ${c.atr ?? 'unknown'}`, { reader: c.name, atr: c.atr });
}

/** SELECT the ICAO 9303 LDS1 eMRTD application (A0 00 00 02 47 10 01), no response data expected. */
export const SELECT_EMRTD = Uint8Array.from([
  0x00, 0xa4, 0x04, 0x0c, 0x07, 0xa0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01,
]);

export async function cardReadCheck(probe: ReaderProbe, waitMs: number): Promise<Verdict> {
  const r = probe.readers();
  if ('error' in r) return fail(`cannot test a read: ${r.error}`);
  const usable = r.readers.filter((x) => x.refused === null);
  if (usable.length === 0) return fail('cannot test a read: no usable reader');
  const pcsc = probe.service();
  const t0 = performance.now();
  const names = new Set(usable.map((u) => u.name));
  let reader: string;
  for (;;) {
    const hit = pcsc.listReaders().find((x) => x.cardPresent && names.has(x.name));
    if (hit) {
      reader = hit.name;
      break;
    }
    if (performance.now() - t0 > waitMs) return fail(`no card tapped within ${Math.round(waitMs / 1000)} s`);
    await new Promise((res) => setTimeout(res, 150));
  }
  const tConnect = performance.now();
  const card = await pcsc.connect(reader, { shared: true });
  try {
    const tApdu = performance.now();
    const resp = await card.transmit(SELECT_EMRTD);
    const done = performance.now();
    const sw = resp.length >= 2 ? (resp[resp.length - 2]! << 8) | resp[resp.length - 1]! : -1;
    const swHex = sw.toString(16).toUpperCase().padStart(4, '0');
    const data = {
      reader,
      sw: swHex,
      connectMs: Math.round(tApdu - tConnect),
      selectMs: Math.round(done - tApdu),
    };
    if (sw === 0x9000) return pass(`chip answers: eMRTD application selected in ${data.selectMs} ms`, data);
    return fail(`the card is not an ID chip or did not answer (SW ${swHex})`, data);
  } finally {
    card.disconnect();
  }
}

/** The scanner the host would use: the configured path, or a detected USB-CDC scanner with `auto`. */
export async function scannerPath(
  config: KioskConfig,
  listPorts: () => Promise<PortSummary[]>,
): Promise<{ path: string | null; how: string }> {
  const p = config.devices.scannerPath;
  if (p === null) return { path: null, how: 'devices.scannerPath is null (no scanner configured)' };
  if (p !== 'auto') return { path: existsSync(p) ? p : null, how: `configured ${p}` };
  return { path: pickScannerPort(await listPorts()), how: 'auto-detected' };
}

export async function listSerialPorts(): Promise<PortSummary[]> {
  const { SerialPort } = await import('serialport');
  return (await SerialPort.list()).map((x) => ({
    path: x.path,
    vendorId: x.vendorId,
    productId: x.productId,
  }));
}

export async function qrScannerCheck(config: KioskConfig, listPorts = listSerialPorts): Promise<Verdict> {
  const { path, how } = await scannerPath(config, listPorts);
  if (config.devices.scannerPath === null) return warn(how);
  if (!path)
    return fail(
      config.devices.scannerPath === 'auto'
        ? 'no USB-CDC QR scanner found (plug it in; keyboard-wedge scanners are not supported)'
        : `QR scanner ${config.devices.scannerPath} is absent`,
    );
  return pass(`QR scanner at ${path} (${how})`, { path });
}

/** Waits for one scan; reports its length and whether it is a CCCD QR — never the content. */
export async function qrScanCheck(
  config: KioskConfig,
  waitMs: number,
  listPorts = listSerialPorts,
): Promise<Verdict> {
  const { path } = await scannerPath(config, listPorts);
  if (!path) return fail('cannot test a scan: no QR scanner');
  const scanner = new SerialScanner({ path, duplicateWindowMs: 0 });
  const t0 = performance.now();
  try {
    // A scan, a garbled line (the scanner works: its verdict), or the port refused (the host may hold it).
    const got = await new Promise<{ payload: string } | { junk: string } | { port: string } | null>(
      (resolve) => {
        const timer = setTimeout(() => resolve(null), waitMs);
        const done = (v: { payload: string } | { junk: string } | { port: string }) => {
          clearTimeout(timer);
          resolve(v);
        };
        scanner.once('scan', (p: string) => done({ payload: p }));
        scanner.on('error', (e) =>
          done(e.code === 'qr-scanner-unavailable' ? { port: e.message } : { junk: e.code }),
        );
        scanner.start();
      },
    );
    if (got === null) return fail(`no scan within ${Math.round(waitMs / 1000)} s`);
    if ('port' in got) return fail(`${got.port} (is the kiosk host running? stop it for a test scan)`);
    const ms = Math.round(performance.now() - t0);
    if ('junk' in got)
      return warn(`the scanner sent something unreadable (${got.junk}): USB-CDC mode, not keyboard?`, {
        verdict: got.junk,
        waitedMs: ms,
      });
    let verdict = 'a CCCD QR';
    try {
      parseCccdQr(got.payload);
    } catch (e) {
      verdict = `not a CCCD QR (${(e as { code?: string }).code ?? 'unreadable'})`;
    }
    return pass(`scan received: ${got.payload.length} characters, ${verdict}`, {
      length: got.payload.length,
      verdict,
      waitedMs: ms,
    });
  } finally {
    await scanner.stop();
  }
}

export async function printerCheck(config: KioskConfig, timeoutMs = 2000): Promise<Verdict> {
  const p = config.printer;
  if (p.kind === 'file') {
    const where = `receipts go to PDF files in ${config.dataDir}`;
    return config.mode === 'production'
      ? fail(`no receipt printer configured (printer.kind is "file": ${where})`, { kind: 'file' })
      : pass(`demo: ${where}`, { kind: 'file' });
  }
  const printer = createPrinter(p, config.dataDir, Math.min(timeoutMs, 1500));
  const s = await printer.status();
  const what = p.kind === 'cups' ? `CUPS queue ${p.queue}` : `ESC/POS (${p.transport.kind})`;
  const data = { kind: p.kind, condition: s.condition };
  switch (s.condition) {
    case 'ok':
      return pass(`${what}: ready, paper ok`, data);
    case 'near-end':
      return warn(`${what}: paper nearly out`, data);
    case 'out-of-paper':
      return fail(`${what}: out of paper`, data);
    case 'offline':
      return fail(`${what}: not reachable (switched off, unplugged or wrong address)`, data);
    default:
      return warn(`${what}: answers, paper status unknown`, data);
  }
}
