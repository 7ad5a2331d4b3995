/** Shared types of the face image decoder. */
import { CodedError } from '../../common/errors';

/** Why a photo cannot be shown (never personal data). */
export type FaceUnavailableReason =
  'no-photo' | 'unsupported' | 'corrupt' | 'too-large' | 'timeout' | 'worker-failed';

type FaceDecodeReason = Exclude<FaceUnavailableReason, 'no-photo' | 'timeout' | 'worker-failed'>;
export const FACE_DECODE_ERROR_CODES = [
  'face.unsupported',
  'face.corrupt',
  'face.too-large',
] as const satisfies readonly `face.${FaceDecodeReason}`[];
export type FaceDecodeErrorCode = `face.${FaceDecodeReason}`;

export class FaceDecodeError extends CodedError<FaceDecodeErrorCode> {
  override readonly name = 'FaceDecodeError';
  /** The reason the photo placeholder shows (the code without its area). */
  get reason(): FaceDecodeReason {
    return this.code.slice('face.'.length) as FaceDecodeReason;
  }
}

export interface RgbaImage {
  width: number;
  height: number;
  /** width × height × 4 bytes, row-major, 8-bit R, G, B, A. */
  rgba: Uint8Array;
}

export interface DecodeLimits {
  /** Largest accepted width or height (ICAO portraits are well under 2000 px). */
  maxSide: number;
  maxPixels: number;
  /** Largest encoded image accepted, bytes. */
  maxBytes: number;
}

export const DEFAULT_LIMITS: DecodeLimits = { maxSide: 2048, maxPixels: 2048 * 2048, maxBytes: 1 << 20 };

/** What the renderer can show: the original JPEG, or a PNG made from the decoded JPEG 2000 pixels. */
export interface DisplayImage {
  mime: 'image/jpeg' | 'image/png';
  bytes: Uint8Array;
  width: number;
  height: number;
  /** The format found on the chip. */
  sourceMime: 'image/jpeg' | 'image/jp2';
}
