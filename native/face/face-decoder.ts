/**
 * FaceDecoder: the host's way to turn the chip's face image into something the screen can show, decoded in a
 * worker thread (never on the host's main thread). `decode()` never throws and never rejects: a missing, bad,
 * too large or too slow image gives `{ status: 'unavailable', reason }` ("photo unavailable" on screen).
 *
 * One worker, started on first use, unref'd (it never keeps the process alive) and stopped after `idleMs`
 * without work. A timeout or a crash terminates it; the next call starts a fresh one.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FaceRequest, FaceResponse, FaceWarmUp } from './face-worker';
import {
  DEFAULT_LIMITS,
  type DecodeLimits,
  type DisplayImage,
  type FaceUnavailableReason,
  type RgbaImage,
} from './types';

export type FaceResult =
  | {
      status: 'ok';
      /** `data:image/jpeg;base64,…` or `data:image/png;base64,…` */
      dataUrl: string;
      mime: DisplayImage['mime'];
      sourceMime: DisplayImage['sourceMime'];
      width: number;
      height: number;
    }
  | { status: 'unavailable'; reason: FaceUnavailableReason };

export interface FaceDecoderOptions {
  /** Per image (default 5000 ms). */
  timeoutMs?: number;
  /** Stop the idle worker after this long (default 30 s). */
  idleMs?: number;
  limits?: DecodeLimits;
  /** Test seam: how the worker is started. */
  spawn?: () => Worker;
}

interface Pending {
  resolve: (r: FaceResponse) => void;
  timer: NodeJS.Timeout;
}

/** The worker from the Electron bundle (face-worker.cjs beside it), else the TypeScript source through tsx. */
export function spawnFaceWorker(): Worker {
  const bundled =
    typeof __filename === 'string' ? path.join(path.dirname(__filename), 'face-worker.cjs') : null;
  if (bundled && existsSync(bundled)) return new Worker(bundled);
  const workerFile = fileURLToPath(new URL('./face-worker.ts', import.meta.url));
  const tsxPackage = createRequire(import.meta.url).resolve('tsx/package.json');
  const tsxApi = pathToFileURL(path.join(path.dirname(tsxPackage), 'dist/esm/api/index.mjs')).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(pathToFileURL(workerFile).href)}); });`;
  return new Worker(bootstrap, { eval: true });
}

export class FaceDecoder {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | null = null;
  private readonly timeoutMs: number;
  private readonly idleMs: number;
  private readonly limits: DecodeLimits;
  private readonly spawn: () => Worker;

  constructor(o: FaceDecoderOptions = {}) {
    this.timeoutMs = o.timeoutMs ?? 5000;
    this.idleMs = o.idleMs ?? 30_000;
    this.limits = o.limits ?? DEFAULT_LIMITS;
    this.spawn = o.spawn ?? spawnFaceWorker;
  }

  /** The image as a data URL, or why it cannot be shown. */
  async decode(bytes: Uint8Array | null | undefined): Promise<FaceResult> {
    return (await this.run(bytes, false)).result;
  }

  /** As decode(), with the decoded RGBA pixels (tests, diagnostics). */
  decodeWithPixels(
    bytes: Uint8Array | null | undefined,
  ): Promise<{ result: FaceResult; pixels: RgbaImage | null }> {
    return this.run(bytes, true);
  }

  /** Starts the worker and loads the decoders ahead of a photo (call when a card read starts). Never throws. */
  warm(): void {
    try {
      const m: FaceWarmUp = { warm: true };
      this.ensureWorker().postMessage(m);
      this.armIdle();
    } catch {
      // the next decode() reports it
    }
  }

  /** Stops the worker; pending decodes resolve as unavailable. */
  async close(): Promise<void> {
    const w = this.worker;
    this.drop('worker-failed');
    if (w) await w.terminate();
  }

  private async run(
    bytes: Uint8Array | null | undefined,
    pixels: boolean,
  ): Promise<{ result: FaceResult; pixels: RgbaImage | null }> {
    const unavailable = (reason: FaceUnavailableReason) => ({
      result: { status: 'unavailable' as const, reason },
      pixels: null,
    });
    if (!bytes || bytes.length === 0) return unavailable('no-photo');
    if (bytes.length > this.limits.maxBytes) return unavailable('too-large');
    let worker: Worker;
    try {
      worker = this.ensureWorker();
    } catch {
      return unavailable('worker-failed');
    }
    const id = this.nextId++;
    const response = await new Promise<FaceResponse>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve({ id, ok: false, reason: 'timeout' });
        // A decoder stuck on one image may be stuck for good: start afresh next time.
        const w = this.worker;
        this.drop('worker-failed');
        void w?.terminate();
      }, this.timeoutMs);
      this.pending.set(id, { resolve, timer });
      const copy = new Uint8Array(new ArrayBuffer(bytes.length));
      copy.set(bytes);
      const request: FaceRequest = { id, bytes: copy, limits: this.limits, pixels };
      try {
        worker.postMessage(request, [copy.buffer]);
      } catch {
        clearTimeout(timer);
        this.pending.delete(id);
        resolve({ id, ok: false, reason: 'worker-failed' });
      }
    });
    this.armIdle();
    if (!response.ok) return unavailable(response.reason);
    const d = response.display;
    return {
      result: {
        status: 'ok',
        dataUrl: `data:${d.mime};base64,${Buffer.from(d.bytes).toString('base64')}`,
        mime: d.mime,
        sourceMime: d.sourceMime,
        width: d.width,
        height: d.height,
      },
      pixels: response.pixels ?? null,
    };
  }

  private ensureWorker(): Worker {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (this.worker) return this.worker;
    const w = this.spawn();
    w.unref();
    w.on('message', (m: FaceResponse) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      clearTimeout(p.timer);
      this.pending.delete(m.id);
      p.resolve(m);
    });
    const lost = (): void => {
      if (this.worker === w) this.drop('worker-failed');
    };
    w.on('error', lost);
    w.on('exit', lost);
    this.worker = w;
    return w;
  }

  private armIdle(): void {
    if (this.pending.size > 0 || !this.worker) return;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      const w = this.worker;
      this.worker = null;
      void w?.terminate();
    }, this.idleMs);
    this.idleTimer.unref();
  }

  private drop(reason: FaceUnavailableReason): void {
    this.worker = null;
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.resolve({ id, ok: false, reason });
    }
    this.pending.clear();
  }
}

let shared: FaceDecoder | null = null;

/** The process-wide decoder the host uses by default. */
export function defaultFaceDecoder(): FaceDecoder {
  shared ??= new FaceDecoder();
  return shared;
}
