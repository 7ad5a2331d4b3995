/**
 * A virtual USB-CDC QR scanner: a pseudo-terminal pair made by socat. The kiosk opens `path` like a serial
 * scanner; `scan()` writes a payload into the other end as UTF-8 bytes, in chunks if asked (possibly
 * mid-character, as a real scanner's USB packets may split), ended by CR, CRLF or LF.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SimulatorError } from './errors';

export interface ScanOptions {
  eol?: '\r' | '\r\n' | '\n';
  /** Byte sizes of successive writes; the rest goes in one last write. */
  chunkSizes?: number[];
  /** Pause between chunks (default 20 ms) so the reading side sees separate reads. */
  chunkDelayMs?: number;
}

export interface VirtualScanner {
  /** The device the kiosk opens (a symlink to a /dev/pts/N). */
  path: string;
  scan(payload: string, opts?: ScanOptions): Promise<void>;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startVirtualScanner(options: { dir?: string } = {}): Promise<VirtualScanner> {
  const dir = options.dir ?? mkdtempSync(path.join(os.tmpdir(), 'kiosk-scanner-'));
  const devicePath = path.join(dir, 'scanner');
  const feedPath = path.join(dir, 'feed');
  const socat = spawn('socat', [`pty,raw,echo=0,link=${devicePath}`, `pty,raw,echo=0,link=${feedPath}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  socat.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  let spawnError: Error | null = null;
  socat.on('error', (e) => (spawnError = e));
  const deadline = Date.now() + 5000;
  while (!(existsSync(devicePath) && existsSync(feedPath))) {
    if (spawnError || socat.exitCode !== null || Date.now() > deadline)
      throw new SimulatorError(
        'simulator.scanner-failed',
        `socat did not create the pty pair: ${(spawnError as Error | null)?.message ?? stderr.trim() ?? 'timeout'}`,
      );
    await sleep(20);
  }
  let feed: FileHandle | null = await open(feedPath, 'r+');

  return {
    path: devicePath,
    async scan(payload, opts = {}) {
      if (!feed) throw new SimulatorError('simulator.scanner-failed', 'the virtual scanner is stopped');
      const bytes = Buffer.from(payload.normalize('NFC') + (opts.eol ?? '\r'), 'utf8');
      let offset = 0;
      for (const size of opts.chunkSizes ?? []) {
        if (offset >= bytes.length) break;
        await feed.write(bytes.subarray(offset, offset + size));
        offset += size;
        await sleep(opts.chunkDelayMs ?? 20);
      }
      if (offset < bytes.length) await feed.write(bytes.subarray(offset));
    },
    async stop() {
      await feed?.close();
      feed = null;
      if (socat.exitCode === null) {
        const exited = new Promise((r) => socat.once('exit', r));
        socat.kill('SIGTERM');
        await Promise.race([exited, sleep(2000)]);
      }
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
