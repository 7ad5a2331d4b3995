import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SerialPort } from 'serialport';
import { waitUntil } from '../../tests/support/wait';
import { loadProfile, startVirtualScanner, type VirtualScanner } from './index';

let scanner: VirtualScanner;
let port: SerialPort;
let received = Buffer.alloc(0);
let reads = 0;

beforeAll(async () => {
  scanner = await startVirtualScanner();
  port = new SerialPort({ path: scanner.path, baudRate: 9600, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
  port.on('data', (d: Buffer) => {
    reads++;
    received = Buffer.concat([received, d]);
  });
});

afterAll(async () => {
  await new Promise<void>((resolve) => (port?.isOpen ? port.close(() => resolve()) : resolve()));
  await scanner?.stop();
});

async function receive(expectedBytes: number): Promise<Buffer> {
  await waitUntil(() => received.length >= expectedBytes, `${expectedBytes} bytes from the pty`, {
    timeoutMs: 5000,
  }).catch(() => undefined); // fewer bytes: the assertion on them says what came
  const out = received;
  received = Buffer.alloc(0);
  return out;
}

describe('virtual QR scanner (pty pair through serialport)', () => {
  it('delivers a 2024 card payload intact, UTF-8 split mid-character across chunks, CRLF', async () => {
    const payload = loadProfile('can-cuoc-2024').qr ?? '';
    const bytes = Buffer.from(payload, 'utf8');
    // "Đặng": Đ is 2 bytes, ặ is 3 bytes; cut inside both.
    const nameAt = bytes.indexOf(Buffer.from('Đặng', 'utf8'));
    const chunkSizes = [nameAt + 1, 2, 1, 17];
    reads = 0;
    await scanner.scan(payload, { eol: '\r\n', chunkSizes });
    const got = await receive(bytes.length + 2);
    expect(got.toString('utf8')).toBe(`${payload}\r\n`);
    expect(reads).toBeGreaterThan(1);
  });

  it('ends with CR only by default and keeps empty fields', async () => {
    const payload = loadProfile('cccd-2021-no-cmnd').qr ?? '';
    await scanner.scan(payload);
    const got = (await receive(Buffer.byteLength(payload) + 1)).toString('utf8');
    expect(got).toBe(`${payload}\r`);
    expect(got.split('|')[1]).toBe('');
  });
});
