/**
 * One face image (the bytes DG2 carries) → pixels and something the renderer can show. Pure and never throws
 * anything but FaceDecodeError. The kiosk runs it in the face worker only (./face-worker.ts).
 * - JPEG: decoded with jpeg-js (size and memory capped) to prove it is an image; shown as the original bytes.
 * - JPEG 2000 (JP2 or J2K): decoded with OpenJPEG (WebAssembly), shown as a PNG of the decoded pixels
 *   (Chromium cannot show JPEG 2000).
 */
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { decodeJpeg2000 } from './jpeg2000';
import {
  DEFAULT_LIMITS,
  FaceDecodeError,
  type DecodeLimits,
  type DisplayImage,
  type RgbaImage,
} from './types';

export function sniffFace(b: Uint8Array): 'image/jpeg' | 'image/jp2' | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0x4f && b[2] === 0xff && b[3] === 0x51) return 'image/jp2';
  const jp2 = [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20];
  if (b.length >= 8 && jp2.every((v, i) => b[i] === v)) return 'image/jp2';
  return null;
}

function decodeJpeg(bytes: Uint8Array, limits: DecodeLimits): RgbaImage {
  let img: { width: number; height: number; data: Uint8Array };
  try {
    img = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      maxResolutionInMP: limits.maxPixels / 1e6,
      maxMemoryUsageInMB: 128,
    });
  } catch (e) {
    const tooLarge = /maxResolutionInMP|maxMemoryUsageInMB|memory/i.test((e as Error)?.message ?? '');
    throw new FaceDecodeError(tooLarge ? 'face.too-large' : 'face.corrupt', 'JPEG did not decode');
  }
  const { width, height, data } = img;
  if (!(width > 0 && height > 0) || data.length !== width * height * 4)
    throw new FaceDecodeError('face.corrupt', 'JPEG decoded to nothing');
  if (width > limits.maxSide || height > limits.maxSide)
    throw new FaceDecodeError('face.too-large', 'JPEG is over the size limit');
  return { width, height, rgba: data };
}

export function encodePng(img: RgbaImage): Uint8Array {
  const png = PNG.sync.write(
    {
      width: img.width,
      height: img.height,
      data: Buffer.from(img.rgba.buffer, img.rgba.byteOffset, img.rgba.length),
    } as PNG,
    { colorType: 6 },
  );
  return new Uint8Array(png.buffer, png.byteOffset, png.length);
}

export interface DecodedFace {
  display: DisplayImage;
  pixels: RgbaImage;
}

/** Decodes a face image. Throws FaceDecodeError (reason `unsupported`, `corrupt`, `too-large`) and nothing else. */
export async function decodeFace(
  bytes: Uint8Array,
  limits: DecodeLimits = DEFAULT_LIMITS,
): Promise<DecodedFace> {
  try {
    if (bytes.length > limits.maxBytes)
      throw new FaceDecodeError('face.too-large', 'image file is too large');
    const mime = sniffFace(bytes);
    if (!mime) throw new FaceDecodeError('face.unsupported', 'neither JPEG nor JPEG 2000');
    if (mime === 'image/jpeg') {
      const pixels = decodeJpeg(bytes, limits);
      return {
        pixels,
        display: { mime: 'image/jpeg', bytes, width: pixels.width, height: pixels.height, sourceMime: mime },
      };
    }
    const pixels = await decodeJpeg2000(bytes, limits);
    return {
      pixels,
      display: {
        mime: 'image/png',
        bytes: encodePng(pixels),
        width: pixels.width,
        height: pixels.height,
        sourceMime: mime,
      },
    };
  } catch (e) {
    if (e instanceof FaceDecodeError) throw e;
    throw new FaceDecodeError('face.corrupt', 'image did not decode');
  }
}
