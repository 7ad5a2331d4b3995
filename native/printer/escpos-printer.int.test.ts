/**
 * EscPosPrinter through real transports: a socat pseudo-terminal pair (what a USB-CDC printer looks like to
 * Linux) with a fake printer on the device end, a TCP server on 127.0.0.1 standing in for port 9100, and a
 * plain file standing in for /dev/usb/lp0.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stopProcess, waitUntil } from '../../tests/support/wait';
import { PrinterError } from './errors';
import { DLE_EOT_PAPER } from './escpos-status';
import { attachSerial, FakeEscPosPrinter, listenTcp } from './testing/fake-printer';
import { EscPosPrinter } from './printer';

const dir = mkdtempSync(join(tmpdir(), 'escpos-'));
const HOST_END = join(dir, 'host');
const DEVICE_END = join(dir, 'device');

/** A raster job big enough to span several writes, with every byte value in it. */
function job(size = 60_000): Buffer {
  const b = Buffer.alloc(size);
  for (let i = 0; i < size; i++) b[i] = (i * 7919) & 0xff;
  b.set([0x1b, 0x40], 0);
  return b;
}

function waitFor(condition: () => boolean, what: string): Promise<void> {
  return waitUntil(condition, what, { timeoutMs: 10_000, intervalMs: 5 });
}

describe('ESC/POS over a serial pseudo-terminal', () => {
  let socat: ChildProcess;
  const fake = new FakeEscPosPrinter();
  let device: { close(): Promise<void> };
  // A generous answer timeout: the fake answers at once, and a loaded CI machine must not turn that into 'unknown'.
  const printer = new EscPosPrinter({
    transport: { kind: 'serial', path: HOST_END, baudRate: 115200 },
    statusTimeoutMs: 5000,
  });

  beforeAll(async () => {
    socat = spawn('socat', [`pty,raw,echo=0,link=${HOST_END}`, `pty,raw,echo=0,link=${DEVICE_END}`], {
      stdio: 'ignore',
    });
    await waitFor(() => existsSync(HOST_END) && existsSync(DEVICE_END), 'socat links');
    device = await attachSerial(fake, DEVICE_END);
  });

  afterAll(async () => {
    await device.close();
    await stopProcess(socat);
  });

  it('reads the paper sensor', async () => {
    fake.paper = 'ok';
    expect((await printer.status()).condition).toBe('ok');
    fake.paper = 'near-end';
    expect((await printer.status()).condition).toBe('near-end');
    fake.paper = 'out-of-paper';
    expect((await printer.status()).condition).toBe('out-of-paper');
  });

  it('prints: status first, then the bytes arrive intact', async () => {
    fake.paper = 'ok';
    fake.received = Buffer.alloc(0);
    const bytes = job();
    await printer.print({ pdf: Buffer.alloc(0), escpos: bytes, code: 'X' });
    await waitFor(() => fake.received.length >= DLE_EOT_PAPER.length + bytes.length, 'all bytes');
    expect(fake.received.equals(Buffer.concat([DLE_EOT_PAPER, bytes]))).toBe(true);
  });

  it('out of paper: refuses before sending anything', async () => {
    fake.paper = 'out-of-paper';
    fake.received = Buffer.alloc(0);
    const err = await printer
      .print({ pdf: Buffer.alloc(0), escpos: job(100), code: 'X' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrinterError);
    expect((err as PrinterError).code).toBe('printer-out-of-paper');
    // A second status request goes through the same pty after anything the refused job could have sent.
    fake.paper = 'ok';
    expect((await printer.status()).condition).toBe('ok');
    expect(fake.received.equals(Buffer.concat([DLE_EOT_PAPER, DLE_EOT_PAPER]))).toBe(true);
  });

  it('a printer that does not answer is unknown, and still prints', async () => {
    fake.paper = 'silent';
    fake.received = Buffer.alloc(0);
    const quick = new EscPosPrinter({
      transport: { kind: 'serial', path: HOST_END, baudRate: 115200 },
      statusTimeoutMs: 100,
    });
    expect((await quick.status()).condition).toBe('unknown');
    await quick.print({ pdf: Buffer.alloc(0), escpos: job(500), code: 'X' });
    await waitFor(() => fake.received.length >= 3 + 3 + 500, 'bytes');
  });

  it('a missing port is offline', async () => {
    const gone = new EscPosPrinter({ transport: { kind: 'serial', path: join(dir, 'nope') } });
    expect((await gone.status()).condition).toBe('offline');
    const err = await gone
      .print({ pdf: Buffer.alloc(0), escpos: job(10), code: 'X' })
      .catch((e: unknown) => e);
    expect((err as PrinterError).code).toBe('printer-offline');
  });
});

describe('ESC/POS over TCP (port 9100 stand-in)', () => {
  it('reads status and delivers the bytes intact', async () => {
    const fake = new FakeEscPosPrinter();
    const server = await listenTcp(fake);
    try {
      const printer = new EscPosPrinter({
        transport: { kind: 'tcp', host: '127.0.0.1', port: server.port },
        statusTimeoutMs: 5000,
      });
      expect((await printer.status()).condition).toBe('ok');
      fake.paper = 'out-of-paper';
      expect((await printer.status()).condition).toBe('out-of-paper');
      fake.paper = 'ok';
      fake.received = Buffer.alloc(0);
      const bytes = job(200_000);
      await printer.print({ pdf: Buffer.alloc(0), escpos: bytes, code: 'X' });
      await waitFor(() => fake.received.length >= 3 + bytes.length, 'all bytes');
      expect(fake.received.equals(Buffer.concat([DLE_EOT_PAPER, bytes]))).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('nobody listening is offline', async () => {
    const fake = new FakeEscPosPrinter();
    const server = await listenTcp(fake);
    const port = server.port;
    await server.close();
    const printer = new EscPosPrinter({ transport: { kind: 'tcp', host: '127.0.0.1', port } });
    expect((await printer.status()).condition).toBe('offline');
    const err = await printer
      .print({ pdf: Buffer.alloc(0), escpos: job(10), code: 'X' })
      .catch((e: unknown) => e);
    expect((err as PrinterError).code).toBe('printer-offline');
  });
});

describe('ESC/POS to a write-only device file (/dev/usb/lp* stand-in)', () => {
  it('writes the bytes; status is unknown; a missing device is offline and not created', async () => {
    const path = join(dir, 'lp0');
    writeFileSync(path, '');
    const printer = new EscPosPrinter({ transport: { kind: 'device', path } });
    expect((await printer.status()).condition).toBe('unknown');
    const bytes = job(5000);
    await printer.print({ pdf: Buffer.alloc(0), escpos: bytes, code: 'X' });
    expect(readFileSync(path).equals(bytes)).toBe(true);

    const missing = join(dir, 'lp9');
    const gone = new EscPosPrinter({ transport: { kind: 'device', path: missing } });
    expect((await gone.status()).condition).toBe('offline');
    expect(existsSync(missing)).toBe(false);
  });
});
