/**
 * Byte transports to an ESC/POS printer. Each operation opens the device, does its work and closes it again:
 * a kiosk printer is unplugged, powered off and refilled, and a long-held handle goes stale.
 *
 * - `serial`: a serial or USB-CDC port (`/dev/ttyUSB0`, `/dev/ttyACM0`, `/dev/serial/by-id/…`) — bidirectional.
 * - `tcp`: a network printer's raw port (9100) — bidirectional (not every printer answers status over it).
 * - `device`: a write-only device file (`/dev/usb/lp0`, usblp) — no status.
 */
import { once } from 'node:events';
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { SerialPort } from 'serialport';
import { PrinterError } from './errors';

export type TransportConfig =
  | { kind: 'serial'; path: string; baudRate?: number }
  | { kind: 'tcp'; host: string; port?: number }
  | { kind: 'device'; path: string };

/** One open connection to the printer. */
export interface PrinterConnection {
  readonly bidirectional: boolean;
  write(bytes: Buffer): Promise<void>;
  /** Writes `request` and returns the first reply byte, or null after `timeoutMs` of silence. */
  query(request: Buffer, timeoutMs: number): Promise<number | null>;
  close(): Promise<void>;
}

export function describeTransport(t: TransportConfig): string {
  return t.kind === 'tcp' ? `tcp://${t.host}:${t.port ?? 9100}` : `${t.kind}:${t.path}`;
}

export async function openTransport(t: TransportConfig, timeoutMs = 3000): Promise<PrinterConnection> {
  switch (t.kind) {
    case 'serial':
      return openSerial(t.path, t.baudRate ?? 9600);
    case 'tcp':
      return openTcp(t.host, t.port ?? 9100, timeoutMs);
    case 'device':
      return openDevice(t.path);
  }
}

function offline(what: string, err: unknown): PrinterError {
  const code = (err as NodeJS.ErrnoException)?.code ?? (err as Error)?.name ?? 'error';
  return new PrinterError('printer-offline', `cannot open ${what} (${code})`, { cause: err });
}

function failed(what: string, err: unknown): PrinterError {
  const code = (err as NodeJS.ErrnoException)?.code ?? (err as Error)?.name ?? 'error';
  return new PrinterError('printer-failed', `writing to ${what} failed (${code})`, { cause: err });
}

/** Collects incoming bytes; `next()` waits for the next one. */
class ReplyBuffer {
  private bytes: number[] = [];
  private waiter: ((b: number | null) => void) | null = null;
  push(chunk: Buffer): void {
    for (const b of chunk) this.bytes.push(b);
    if (this.waiter && this.bytes.length) {
      const w = this.waiter;
      this.waiter = null;
      w(this.bytes.shift()!);
    }
  }
  clear(): void {
    this.bytes = [];
  }
  next(timeoutMs: number): Promise<number | null> {
    if (this.bytes.length) return Promise.resolve(this.bytes.shift()!);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        resolve(null);
      }, timeoutMs);
      this.waiter = (b) => {
        clearTimeout(timer);
        resolve(b);
      };
    });
  }
}

/** A connection that answers (serial, TCP): `query` forgets older bytes, sends, and waits for the reply byte. */
function twoWay(
  write: (bytes: Buffer) => Promise<void>,
  replies: ReplyBuffer,
  close: () => Promise<void>,
): PrinterConnection {
  return {
    bidirectional: true,
    write,
    async query(request, timeoutMs) {
      replies.clear();
      await write(request);
      return replies.next(timeoutMs);
    },
    close,
  };
}

async function openSerial(path: string, baudRate: number): Promise<PrinterConnection> {
  const port = new SerialPort({ path, baudRate, autoOpen: false });
  await new Promise<void>((resolve, reject) =>
    port.open((err) => (err ? reject(offline(path, err)) : resolve())),
  );
  const replies = new ReplyBuffer();
  port.on('data', (c: Buffer) => replies.push(c));
  port.on('error', () => undefined);
  const write = (bytes: Buffer): Promise<void> =>
    new Promise((resolve, reject) => {
      port.write(bytes, (err) => {
        if (err) return reject(failed(path, err));
        port.drain((e) => (e ? reject(failed(path, e)) : resolve()));
      });
    });
  return twoWay(
    write,
    replies,
    () => new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve())),
  );
}

async function openTcp(host: string, port: number, timeoutMs: number): Promise<PrinterConnection> {
  const socket: Socket = connect({ host, port });
  socket.setTimeout(timeoutMs);
  try {
    await Promise.race([
      once(socket, 'connect'),
      once(socket, 'timeout').then(() => {
        throw Object.assign(new Error('connect timeout'), { code: 'ETIMEDOUT' });
      }),
    ]);
  } catch (err) {
    socket.destroy();
    throw offline(`${host}:${port}`, err);
  }
  socket.setTimeout(0);
  const replies = new ReplyBuffer();
  let lastError: Error | null = null;
  socket.on('data', (c: Buffer) => replies.push(c));
  socket.on('error', (e) => (lastError = e));
  const write = (bytes: Buffer): Promise<void> =>
    new Promise((resolve, reject) => {
      if (lastError || socket.destroyed) return reject(failed(`${host}:${port}`, lastError));
      socket.write(bytes, (err) => (err ? reject(failed(`${host}:${port}`, err)) : resolve()));
    });
  return twoWay(write, replies, async () => {
    if (socket.destroyed) return;
    const closed = once(socket, 'close');
    socket.end();
    const timer = setTimeout(() => socket.destroy(), 2000);
    await closed.catch(() => undefined);
    clearTimeout(timer);
  });
}

async function openDevice(path: string): Promise<PrinterConnection> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    // Write-only and never O_CREAT: a missing /dev/usb/lp0 must not become a regular file.
    handle = await open(path, constants.O_WRONLY | constants.O_APPEND);
  } catch (err) {
    throw offline(path, err);
  }
  return {
    bidirectional: false,
    async write(bytes) {
      try {
        await handle.write(bytes);
      } catch (err) {
        throw failed(path, err);
      }
    },
    async query() {
      return null;
    },
    close: () => handle.close(),
  };
}
