/**
 * Finds printers a technician can choose from: USB line-printer devices (`/dev/usb/lp*`), serial ports of
 * known receipt-printer makers, and CUPS queues. Discovery only lists; the configuration decides.
 */
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { SerialPort } from 'serialport';

/** USB vendor IDs (lower-case hex) of common ESC/POS receipt printers with a USB-CDC / serial mode. */
export const KNOWN_PRINTER_VENDOR_IDS: readonly string[] = [
  '04b8', // Seiko Epson
  '0519', // Star Micronics
  '0dd4', // Custom Engineering
  '0fe6', // ICS Advent (Xprinter and other OEM printers)
  '0416', // Winbond (many OEM 80 mm printers)
  '1504', // Bixolon
  '154f', // SNBC
];

export type DiscoveredPrinter =
  | { kind: 'device'; path: string }
  | { kind: 'serial'; path: string; vendorId: string }
  | { kind: 'cups'; queue: string };

export interface DiscoveryOptions {
  listSerial?: () => Promise<{ path: string; vendorId?: string | undefined }[]>;
  usbDir?: string;
  lpstatCommand?: string;
}

export async function discoverPrinters(options: DiscoveryOptions = {}): Promise<DiscoveredPrinter[]> {
  const found: DiscoveredPrinter[] = [];
  const usbDir = options.usbDir ?? '/dev/usb';
  try {
    for (const name of (await readdir(usbDir)).sort())
      if (/^lp\d+$/.test(name)) found.push({ kind: 'device', path: `${usbDir}/${name}` });
  } catch {
    // no /dev/usb
  }
  try {
    const ports = await (options.listSerial ?? (() => SerialPort.list()))();
    for (const p of ports) {
      const vid = p.vendorId?.toLowerCase();
      if (vid && KNOWN_PRINTER_VENDOR_IDS.includes(vid))
        found.push({ kind: 'serial', path: p.path, vendorId: vid });
    }
  } catch {
    // serial enumeration unavailable
  }
  for (const queue of await cupsQueues(options.lpstatCommand ?? 'lpstat'))
    found.push({ kind: 'cups', queue });
  return found;
}

function cupsQueues(lpstat: string): Promise<string[]> {
  return new Promise((resolve) => {
    const child = spawn(lpstat, ['-e'], { stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.on('error', () => resolve([]));
    child.on('close', (code) =>
      resolve(
        code === 0
          ? out
              .split('\n')
              .map((l) => l.trim())
              .filter(Boolean)
          : [],
      ),
    );
  });
}
