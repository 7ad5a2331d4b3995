/**
 * A fake ESC/POS printer for tests and demos: records every byte it receives and answers `DLE EOT 4` with the
 * paper status it is set to. It listens on a TCP port, or sits on the device end of a pseudo-terminal pair.
 * Like a real printer it answers the real-time request wherever it appears in the stream.
 */
import { createServer, type AddressInfo, type Server } from 'node:net';
import { SerialPort } from 'serialport';
import { paperStatusByte, type PaperStatus } from '../escpos-status';

export class FakeEscPosPrinter {
  paper: PaperStatus | 'silent' = 'ok';
  received: Buffer = Buffer.alloc(0);
  /** How many DLE EOT 4 requests were answered (or ignored when silent). */
  statusRequests = 0;
  private tail: number[] = [];

  /** Feed bytes as they arrive; returns the reply to send (possibly empty). */
  accept(chunk: Buffer): Buffer {
    this.received = Buffer.concat([this.received, chunk]);
    const replies: number[] = [];
    for (const b of chunk) {
      this.tail = [...this.tail, b].slice(-3);
      if (this.tail[0] === 0x10 && this.tail[1] === 0x04 && this.tail[2] === 0x04) {
        this.statusRequests++;
        if (this.paper !== 'silent') replies.push(paperStatusByte(this.paper));
        this.tail = [];
      }
    }
    return Buffer.from(replies);
  }
}

export async function listenTcp(
  printer: FakeEscPosPrinter,
): Promise<{ port: number; close(): Promise<void> }> {
  const server: Server = createServer((socket) => {
    socket.on('data', (c: Buffer) => {
      const reply = printer.accept(c);
      if (reply.length) socket.write(reply);
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function attachSerial(
  printer: FakeEscPosPrinter,
  path: string,
): Promise<{ close(): Promise<void> }> {
  const port = new SerialPort({ path, baudRate: 115200, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
  port.on('data', (c: Buffer) => {
    const reply = printer.accept(c);
    if (reply.length) port.write(reply);
  });
  port.on('error', () => undefined);
  return {
    close: () => new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve())),
  };
}
