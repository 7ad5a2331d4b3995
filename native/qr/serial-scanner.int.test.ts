/**
 * SerialScanner through a real pseudo-terminal pair made by socat (what a USB-CDC scanner looks like to Linux).
 * The scanner opens one end; the test plays the scanner on the other end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, constants, existsSync, openSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stopProcess, waitUntil } from '../../tests/support/wait';
import { openSerialPort, SerialScanner, type ScannerStatus } from './serial-scanner';

const HOST_END = join(tmpdir(), `qr-scanner-${process.pid}-host`);
const DEVICE_END = join(tmpdir(), `qr-scanner-${process.pid}-device`);
const PAYLOAD = "001099012345||Nguyễn Văn An|15052002|Nam|Xã Quảng Phú, Huyện Cư M'gar, Đắk Lắk|20042021";
const PAYLOAD_2024 = '038203006789|187654321|Lê Hoàng Phúc|09112003|Nam|Thanh Hóa|12082024|Thanh Hóa||';

function waitFor(condition: () => boolean, what: string): Promise<void> {
  return waitUntil(condition, what, { intervalMs: 5 });
}

/** Bytes the scanner has received from its end of the pty, and its attempts to open the port. */
let receivedBytes = 0;
let opens = 0;

let socat: ChildProcess | null = null;

async function plug(): Promise<void> {
  socat = spawn('socat', [`pty,raw,echo=0,link=${HOST_END}`, `pty,raw,echo=0,link=${DEVICE_END}`], {
    stdio: 'ignore',
  });
  await waitFor(() => existsSync(HOST_END) && existsSync(DEVICE_END), 'socat pty links');
}

async function unplug(): Promise<void> {
  const proc = socat;
  socat = null;
  if (proc) await stopProcess(proc);
}

/**
 * Write to the device end as a scanner would, optionally in separate chunks: each chunk is written only once
 * the scanner has received every byte before it, so the scanner reads them apart.
 */
async function send(...chunks: (string | Uint8Array)[]): Promise<void> {
  const fd = openSync(DEVICE_END, constants.O_WRONLY | constants.O_NOCTTY);
  try {
    for (const chunk of chunks) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      const expected = receivedBytes + bytes.length;
      writeSync(fd, bytes);
      await waitFor(() => receivedBytes >= expected, 'the scanner to receive the chunk');
    }
  } finally {
    closeSync(fd);
  }
}

describe('SerialScanner over a socat pseudo-terminal pair', () => {
  const scans: string[] = [];
  const errors: string[] = [];
  const statuses: ScannerStatus[] = [];
  let scanner: SerialScanner;

  beforeAll(async () => {
    await plug();
    scanner = new SerialScanner({
      path: HOST_END,
      baudRate: 115200,
      idleFlushMs: 0,
      duplicateWindowMs: 2000,
      reconnectInitialMs: 50,
      reconnectMaxMs: 400,
      openPort: (path, baudRate) => {
        opens++;
        return openSerialPort(path, baudRate);
      },
    });
    const receive = scanner.receive.bind(scanner);
    scanner.receive = (chunk) => {
      receivedBytes += chunk.length;
      receive(chunk);
    };
    scanner.on('scan', (p) => scans.push(p));
    scanner.on('error', (e) => errors.push(e.code));
    scanner.on('status', (s) => statuses.push(s));
    scanner.start();
    await waitFor(() => scanner.isConnected, 'connected');
  });

  afterAll(async () => {
    await scanner?.stop();
    await unplug();
  });

  it('decodes a payload split in the middle of UTF-8 characters, CR-terminated', async () => {
    const bytes = Buffer.from(`${PAYLOAD}\r`, 'utf8');
    const inside = bytes.indexOf(Buffer.from('ễ', 'utf8')) + 1; // one byte into the 3-byte "ễ"
    const inside2 = bytes.indexOf(Buffer.from('Đắk', 'utf8')) + 3; // inside "ắ"
    await send(bytes.subarray(0, inside), bytes.subarray(inside, inside2), bytes.subarray(inside2));
    await waitFor(() => scans.length === 1, 'first scan');
    expect(scans[0]).toBe(PAYLOAD);
  });

  it('accepts CRLF, ignores a duplicate within the window, reports garbage as typed errors', async () => {
    await send(`${PAYLOAD_2024}\r\n`);
    await waitFor(() => scans.length === 2, 'second scan');
    await send(`${PAYLOAD_2024}\r\n`); // same card again at once: ignored
    await send(new Uint8Array([0x00, 0x1b, 0x02, 0x7f, 0x0d, 0x0a]));
    await send(new Uint8Array([0x4e, 0xff, 0xfe, 0x0a]));
    await send(`${new TextDecoder('windows-1252').decode(Buffer.from(PAYLOAD, 'utf8'))}\n`);
    await waitFor(() => errors.length === 3, 'three errors');
    expect(errors).toEqual(['qr-junk', 'qr-garbled', 'qr-garbled']);
    expect(scans).toEqual([PAYLOAD, PAYLOAD_2024]);
  });

  it('survives an over-long line without end of line', async () => {
    await send('x'.repeat(5000), 'x'.repeat(100), `\n${PAYLOAD.replace('An', 'Ba')}\n`);
    await waitFor(() => scans.length === 3, 'scan after the over-long line');
    expect(errors.at(-1)).toBe('qr-junk');
    expect(scans.at(-1)).toBe(PAYLOAD.replace('An', 'Ba'));
  });

  it('reports the unplug, reconnects when the device comes back, and reads again', async () => {
    await unplug();
    await waitFor(() => statuses.includes('disconnected'), 'disconnected');
    const opensBefore = opens;
    await waitFor(() => opens >= opensBefore + 3, 'a few failed reconnect attempts');
    await plug();
    await waitFor(() => statuses.filter((s) => s === 'connected').length === 2, 'reconnected');
    await send(`${PAYLOAD.replace('An', 'Bình')}\r`);
    await waitFor(() => scans.length === 4, 'scan after replug');
    expect(scans.at(-1)).toBe(PAYLOAD.replace('An', 'Bình'));
    expect(statuses).toEqual(['connected', 'disconnected', 'connected']);
    expect(errors.filter((c) => c === 'qr-scanner-unavailable').length).toBe(1);
  });
});
