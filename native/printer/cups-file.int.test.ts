import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverPrinters } from './discovery';
import { PrinterError } from './errors';
import { CupsPrinter, FilePrinter, safeFileName } from './printer';

const dir = mkdtempSync(join(tmpdir(), 'printers-'));
const PDF = Buffer.from('%PDF-1.7\n% receipt\n%%EOF\n');

function script(name: string, body: string): string {
  const p = join(dir, name);
  writeFileSync(p, `#!/bin/sh\n${body}\n`);
  chmodSync(p, 0o755);
  return p;
}

describe('FilePrinter', () => {
  it('writes the PDF to <dir>/<code>.pdf', async () => {
    const printer = new FilePrinter(join(dir, 'data', 'receipts'));
    const result = await printer.print({ pdf: PDF, code: '000.00.01.H22-261123-0001' });
    expect(result.detail).toBe(join(dir, 'data', 'receipts', '000.00.01.H22-261123-0001.pdf'));
    expect(readFileSync(result.detail!).equals(PDF)).toBe(true);
    expect((await printer.status()).condition).toBe('ok');
  });

  it('never lets a code escape the directory', () => {
    expect(safeFileName('../../etc/passwd')).toBe('__.._etc_passwd');
    expect(safeFileName('')).toBe('receipt');
  });

  it('an unwritable directory is printer-failed', async () => {
    const blocker = join(dir, 'blocker');
    writeFileSync(blocker, 'not a dir');
    const err = await new FilePrinter(join(blocker, 'receipts'))
      .print({ pdf: PDF, code: 'A' })
      .catch((e: unknown) => e);
    expect((err as PrinterError).code).toBe('printer-failed');
  });
});

describe('CupsPrinter (fake lp / lpstat)', () => {
  it('sends the PDF on stdin to lp -d QUEUE and returns the request id', async () => {
    const lp = script(
      'lp',
      `printf '%s\\n' "$@" > "${dir}/lp-argv"; cat > "${dir}/lp-stdin"; echo "request id is Front-42 (1 file(s))"`,
    );
    const printer = new CupsPrinter({ queue: 'Front', lpCommand: lp });
    const result = await printer.print({ pdf: PDF, code: 'A' });
    expect(result.detail).toBe('Front-42');
    expect(readFileSync(join(dir, 'lp-stdin')).equals(PDF)).toBe(true);
    const argv = readFileSync(join(dir, 'lp-argv'), 'utf8').split('\n');
    expect(argv.slice(0, 2)).toEqual(['-d', 'Front']);
  });

  it('an unknown queue is offline, other lp failures are printer-failed', async () => {
    const missing = script(
      'lp-missing',
      `cat >/dev/null; echo "lp: The printer or class does not exist." >&2; exit 1`,
    );
    const e1 = await new CupsPrinter({ queue: 'X', lpCommand: missing })
      .print({ pdf: PDF, code: 'A' })
      .catch((e: unknown) => e);
    expect((e1 as PrinterError).code).toBe('printer-offline');
    const broken = script('lp-broken', `cat >/dev/null; echo "lp: Error - something" >&2; exit 1`);
    const e2 = await new CupsPrinter({ queue: 'X', lpCommand: broken })
      .print({ pdf: PDF, code: 'A' })
      .catch((e: unknown) => e);
    expect((e2 as PrinterError).code).toBe('printer-failed');
    const e3 = await new CupsPrinter({ queue: 'X', lpCommand: join(dir, 'no-lp') })
      .print({ pdf: PDF, code: 'A' })
      .catch((e: unknown) => e);
    expect((e3 as PrinterError).code).toBe('printer-offline');
  });

  it('status from lpstat -p', async () => {
    const idle = script('lpstat-idle', `echo "printer Front is idle.  enabled since Mon 23 Nov 2026"`);
    expect((await new CupsPrinter({ queue: 'Front', lpstatCommand: idle }).status()).condition).toBe('ok');
    const disabled = script('lpstat-disabled', `echo "printer Front disabled since Mon 23 Nov 2026 -"`);
    expect((await new CupsPrinter({ queue: 'Front', lpstatCommand: disabled }).status()).condition).toBe(
      'offline',
    );
    expect(
      (await new CupsPrinter({ queue: 'Front', lpstatCommand: join(dir, 'none') }).status()).condition,
    ).toBe('offline');
  });
});

describe('discoverPrinters', () => {
  it('lists usblp devices, serial ports of printer makers and CUPS queues', async () => {
    const usb = join(dir, 'usb');
    mkdirSync(usb);
    writeFileSync(join(usb, 'lp0'), '');
    writeFileSync(join(usb, 'hiddev0'), '');
    const lpstat = script('lpstat-e', `echo Front; echo Back`);
    const found = await discoverPrinters({
      usbDir: usb,
      lpstatCommand: lpstat,
      listSerial: async () => [
        { path: '/dev/ttyACM0', vendorId: '04B8' },
        { path: '/dev/ttyACM1', vendorId: '0c2e' },
      ],
    });
    expect(found).toEqual([
      { kind: 'device', path: join(usb, 'lp0') },
      { kind: 'serial', path: '/dev/ttyACM0', vendorId: '04b8' },
      { kind: 'cups', queue: 'Front' },
      { kind: 'cups', queue: 'Back' },
    ]);
    expect(existsSync(join(usb, 'lp0'))).toBe(true);
  });
});
