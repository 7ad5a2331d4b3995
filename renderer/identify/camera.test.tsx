import { BinaryBitmap, HybridBinarizer, MultiFormatReader, RGBLuminanceSource } from '@zxing/library';
import QRCode from 'qrcode';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import {
  CAMERA_ERROR_CODES,
  cameraConstraints,
  cameraErrorCode,
  qrDecodeHints,
  stopAllTracks,
} from './camera';
import { CameraScanner } from './CameraScanner';

const PAYLOAD = "001099012345||Nguyễn Văn An|15052002|Nam|Xã Quảng Phú, Huyện Cư M'gar, Đắk Lắk|20042021";

/** Render a QR code (as printed on the card) to a grayscale bitmap, 4 px per module, 4-module quiet zone. */
function qrBitmap(text: string): { pixels: Uint8ClampedArray; size: number } {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const modules = qr.modules.size;
  const scale = 4;
  const quiet = 4;
  const size = (modules + 2 * quiet) * scale;
  const pixels = new Uint8ClampedArray(size * size).fill(255);
  for (let r = 0; r < modules; r++) {
    for (let c = 0; c < modules; c++) {
      if (!qr.modules.get(r, c)) continue;
      for (let y = 0; y < scale; y++) {
        for (let x = 0; x < scale; x++)
          pixels[((r + quiet) * scale + y) * size + (c + quiet) * scale + x] = 0;
      }
    }
  }
  return { pixels, size };
}

describe('qrDecodeHints', () => {
  it('decodes a Vietnamese UTF-8 QR payload exactly (no Latin-1 guess)', () => {
    const { pixels, size } = qrBitmap(PAYLOAD);
    const reader = new MultiFormatReader();
    reader.setHints(qrDecodeHints() as Map<never, unknown>);
    const result = reader.decode(
      new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(pixels, size, size))),
    );
    expect(result.getText()).toBe(PAYLOAD);
  });
});

describe('cameraErrorCode', () => {
  it('maps getUserMedia failures to codes', () => {
    expect(cameraErrorCode({ name: 'NotAllowedError' })).toBe('qr-camera-denied');
    expect(cameraErrorCode({ name: 'NotFoundError' })).toBe('qr-camera-unavailable');
    expect(cameraErrorCode({ name: 'NotReadableError' })).toBe('qr-camera-unavailable');
    expect(cameraErrorCode(new Error('boom'))).toBe('qr-camera-failed');
    expect(cameraErrorCode(undefined)).toBe('qr-camera-failed');
  });
});

describe('cameraConstraints', () => {
  it('asks for the citizen-facing camera by default, or an exact device', () => {
    expect(cameraConstraints()).toMatchObject({ audio: false, video: { facingMode: 'user' } });
    expect(cameraConstraints({ deviceId: 'cam-2' })).toMatchObject({
      video: { deviceId: { exact: 'cam-2' } },
    });
  });
});

describe('stopAllTracks', () => {
  it('stops every track of a stream and ignores non-streams', () => {
    const stopped: string[] = [];
    const track = (id: string) => ({ stop: () => stopped.push(id) });
    const stream = { getTracks: () => [track('video'), track('other')] };
    expect(stopAllTracks(stream)).toBe(2);
    expect(stopped).toEqual(['video', 'other']);
    expect(stopAllTracks(null)).toBe(0);
  });
});

describe('CameraScanner markup', () => {
  it('shows the video, the aiming frame and the guidance text', () => {
    const html = renderToStaticMarkup(
      <CameraScanner guidance="Đưa mã QR ở mặt sau thẻ vào khung" onResult={() => {}} onError={() => {}} />,
    );
    expect(html).toContain('<video');
    expect(html).toContain('data-testid="camera-frame"');
    expect(html).toContain('Đưa mã QR ở mặt sau thẻ vào khung');
    expect(html).toContain('aria-live="polite"');
  });
});

describe('camera error sentences', () => {
  it('every camera error code has a sentence in both languages', async () => {
    const sentences = (await import('../i18n/errors/qr.json')).default as Record<
      'vi' | 'en',
      Record<string, string>
    >;
    for (const code of CAMERA_ERROR_CODES) {
      expect([code, typeof sentences.vi[code], typeof sentences.en[code]]).toEqual([
        code,
        'string',
        'string',
      ]);
    }
  });
});
