/**
 * Camera helpers for CameraScanner: decoder hints, getUserMedia constraints, error codes, stopping tracks.
 * Pure functions (no React), testable under Node.
 */
import { BarcodeFormat, DecodeHintType } from '@zxing/library';

/** Error codes CameraScanner reports (keys of renderer/i18n/errors/qr.json). */
export const CAMERA_ERROR_CODES = ['qr-camera-denied', 'qr-camera-unavailable', 'qr-camera-failed'] as const;
export type CameraErrorCode = (typeof CAMERA_ERROR_CODES)[number];

/**
 * QR only, and byte segments decoded as UTF-8. Without the hint ZXing guesses between ISO-8859-1, Shift_JIS and
 * UTF-8 per segment; a wrong guess would turn a Vietnamese name into mojibake. The card's QR is UTF-8 (doc §8).
 */
export function qrDecodeHints(): Map<DecodeHintType, unknown> {
  const hints = new Map<DecodeHintType, unknown>();
  hints.set(DecodeHintType.POSSIBLE_FORMATS, [BarcodeFormat.QR_CODE]);
  hints.set(DecodeHintType.CHARACTER_SET, 'UTF-8');
  hints.set(DecodeHintType.TRY_HARDER, true);
  return hints;
}

export interface CameraChoice {
  deviceId?: string | undefined;
  /** Default 'user': a kiosk camera usually faces the citizen. */
  facingMode?: 'user' | 'environment' | undefined;
}

export function cameraConstraints(choice: CameraChoice = {}): MediaStreamConstraints {
  const size = { width: { ideal: 1280 }, height: { ideal: 720 } };
  return {
    audio: false,
    video: choice.deviceId
      ? { deviceId: { exact: choice.deviceId }, ...size }
      : { facingMode: choice.facingMode ?? 'user', ...size },
  };
}

/** Map a getUserMedia / playback failure to a code. */
export function cameraErrorCode(error: unknown): CameraErrorCode {
  const name =
    typeof error === 'object' && error !== null && 'name' in error
      ? String((error as { name: unknown }).name)
      : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
    case 'PermissionDeniedError':
      return 'qr-camera-denied';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
    case 'TypeError':
      return 'qr-camera-unavailable';
    default:
      return 'qr-camera-failed';
  }
}

/** Stop every track of a stream (turns the camera light off). Accepts whatever `video.srcObject` holds. */
export function stopAllTracks(stream: unknown): number {
  if (typeof stream !== 'object' || stream === null || !('getTracks' in stream)) return 0;
  const tracks = (stream as MediaStream).getTracks();
  for (const track of tracks) track.stop();
  return tracks.length;
}
