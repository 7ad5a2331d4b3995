/**
 * The face worker thread: decodes face images off the host's main thread (see ./face-decoder.ts).
 * Messages in: FaceRequest; out: FaceResponse. Never throws; a bad image is a response with a reason.
 */
import { parentPort } from 'node:worker_threads';
import { decodeFace } from './decode';
import { loadOpenJpeg } from './jpeg2000';
import {
  FaceDecodeError,
  type DecodeLimits,
  type DisplayImage,
  type FaceUnavailableReason,
  type RgbaImage,
} from './types';

export interface FaceRequest {
  id: number;
  bytes: Uint8Array;
  limits?: DecodeLimits;
  /** Also send the decoded RGBA pixels back (tests, diagnostics). */
  pixels?: boolean;
}

/** Load the decoders now (a card read has started); no answer is sent. */
export interface FaceWarmUp {
  warm: true;
}

export type FaceResponse =
  | { id: number; ok: true; display: DisplayImage; pixels?: RgbaImage }
  | { id: number; ok: false; reason: FaceUnavailableReason };

export function runFaceWorker(): void {
  const port = parentPort;
  if (!port) return;
  port.on('message', (m: FaceRequest | FaceWarmUp) => {
    if ('warm' in m) {
      loadOpenJpeg().catch(() => undefined);
      return;
    }
    void decodeFace(m.bytes, m.limits).then(
      (r) => {
        const out: FaceResponse = {
          id: m.id,
          ok: true,
          display: r.display,
          ...(m.pixels ? { pixels: r.pixels } : {}),
        };
        port.postMessage(out);
      },
      (e: unknown) => {
        const out: FaceResponse = {
          id: m.id,
          ok: false,
          reason: e instanceof FaceDecodeError ? e.reason : 'corrupt',
        };
        port.postMessage(out);
      },
    );
  });
}

runFaceWorker();
