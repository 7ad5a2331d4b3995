import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { QrPayloadError, QrScannerError } from './errors';
import { pickScannerPort, SerialScanner, type ScannerPort } from './serial-scanner';

const enc = (s: string) => new TextEncoder().encode(s);
const PAYLOAD = '001098012345||NGUYỄN VĂN B|01012000|Nữ|Hà Nội|01012022';

class FakePort extends EventEmitter implements ScannerPort {
  isOpen = true;
  close(callback?: (error?: Error | null) => void): void {
    this.isOpen = false;
    this.emit('close');
    callback?.();
  }
}

function collect(scanner: SerialScanner) {
  const scans: string[] = [];
  const errors: string[] = [];
  const statuses: string[] = [];
  scanner.on('scan', (p) => scans.push(p));
  scanner.on('error', (e) => errors.push(e.code));
  scanner.on('status', (s) => statuses.push(s));
  return { scans, errors, statuses };
}

describe('pickScannerPort', () => {
  it('prefers a known scanner vendor, then the first /dev/ttyACM*, else null', () => {
    expect(
      pickScannerPort([
        { path: '/dev/ttyACM1' },
        { path: '/dev/ttyUSB0', vendorId: '0C2E' },
        { path: '/dev/ttyS0' },
      ]),
    ).toBe('/dev/ttyUSB0');
    expect(
      pickScannerPort([{ path: '/dev/ttyS0' }, { path: '/dev/ttyACM2' }, { path: '/dev/ttyACM0' }]),
    ).toBe('/dev/ttyACM0');
    expect(pickScannerPort([{ path: '/dev/ttyS0' }])).toBeNull();
  });
});

describe('SerialScanner (fake port)', () => {
  it('emits scans, ignores duplicates within the window, reports garbage as typed errors', () => {
    let now = 1_000;
    const scanner = new SerialScanner({ path: '/dev/fake', now: () => now, idleFlushMs: 0 });
    const { scans, errors } = collect(scanner);
    scanner.receive(enc(`${PAYLOAD}\r\n`));
    now += 500;
    scanner.receive(enc(`${PAYLOAD}\r`));
    now += 1_900; // 1.9 s after the last sighting: still a duplicate (sliding window)
    scanner.receive(enc(`${PAYLOAD}\n`));
    now += 2_500;
    scanner.receive(enc(`${PAYLOAD}\n`));
    scanner.receive(new Uint8Array([0x00, 0x01, 0x02, 0x0d]));
    scanner.receive(enc(`${new TextDecoder('windows-1252').decode(enc(PAYLOAD))}\r`));
    scanner.receive(new Uint8Array([0x41, 0xff, 0x0a]));
    expect(scans).toEqual([PAYLOAD, PAYLOAD]);
    expect(errors).toEqual(['qr-junk', 'qr-garbled', 'qr-garbled']);
  });

  it('never throws on garbage when nobody listens for errors', () => {
    const scanner = new SerialScanner({ path: '/dev/fake', idleFlushMs: 0, maxLineLength: 16 });
    expect(() => {
      scanner.receive(new Uint8Array(200).fill(0x07));
      scanner.receive(new Uint8Array([0xc3, 0x28, 0x0d, 0x0a]));
    }).not.toThrow();
  });

  it('opens the configured path, reports status, reconnects after close, stops cleanly', async () => {
    const ports: FakePort[] = [];
    let failNext = 1;
    const scanner = new SerialScanner({
      reconnectInitialMs: 5,
      reconnectMaxMs: 20,
      listPorts: async () => [{ path: '/dev/ttyACM0' }],
      pathExists: () => true, // the fake device's node
      openPort: async (path) => {
        expect(path).toBe('/dev/ttyACM0');
        if (failNext-- > 0) throw new Error('EACCES');
        const port = new FakePort();
        ports.push(port);
        return port;
      },
    });
    const { scans, errors, statuses } = collect(scanner);
    const connected = () =>
      new Promise<void>((resolve) => scanner.on('status', (s) => s === 'connected' && resolve()));
    let next = connected();
    scanner.start();
    await next;
    expect(errors).toEqual(['qr-scanner-unavailable']);
    expect(scanner.path).toBe('/dev/ttyACM0');
    ports[0]?.emit('data', Buffer.from(`${PAYLOAD}\r`));
    next = new Promise<void>((resolve) => scanner.on('status', (s) => s === 'connected' && resolve()));
    ports[0]?.close(); // unplug
    await next;
    expect(statuses).toEqual(['disconnected', 'connected', 'disconnected', 'connected']);
    ports[1]?.emit('data', Buffer.from(`${PAYLOAD.replace('B', 'C')}\n`));
    expect(scans).toEqual([PAYLOAD, PAYLOAD.replace('B', 'C')]);
    await scanner.stop();
    expect(statuses.at(-1)).toBe('disconnected');
    expect(ports[1]?.isOpen).toBe(false);
  });

  it('takes a vanished device node as an unplug when the port itself reports nothing', async () => {
    // A port with no read or write pending may never report an unplug (serialport/node-serialport#2043).
    class SilentPort extends EventEmitter implements ScannerPort {
      isOpen = true;
      close(callback?: (error?: Error | null) => void): void {
        this.isOpen = false; // and no 'close' event
        callback?.();
      }
    }
    const ports: SilentPort[] = [];
    let present = true;
    const scanner = new SerialScanner({
      path: '/dev/ttyACM0',
      presenceCheckMs: 5,
      reconnectInitialMs: 5,
      pathExists: () => present,
      openPort: async () => {
        if (!present) throw new Error('ENOENT');
        const port = new SilentPort();
        ports.push(port);
        return port;
      },
    });
    const { statuses } = collect(scanner);
    const status = (want: string) =>
      new Promise<void>((resolve) => scanner.on('status', (s) => s === want && resolve()));
    let next = status('connected');
    scanner.start();
    await next;
    next = status('disconnected');
    present = false; // unplugged: the node goes, the port stays silent
    await next;
    expect(ports[0]?.isOpen).toBe(false);
    expect(scanner.isConnected).toBe(false);
    next = status('connected');
    present = true;
    await next;
    expect(statuses).toEqual(['connected', 'disconnected', 'connected']);
    expect(ports).toHaveLength(2);
    await scanner.stop();
  });

  it('error objects are typed', () => {
    expect(new QrPayloadError('qr-junk', 'x')).toBeInstanceOf(Error);
    expect(new QrScannerError('qr-scanner-unavailable', 'x').code).toBe('qr-scanner-unavailable');
  });
});
