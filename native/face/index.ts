/** Face images from the chip (JPEG, JPEG 2000) → something the screen can show, decoded in a worker thread. */
export {
  FaceDecoder,
  defaultFaceDecoder,
  spawnFaceWorker,
  type FaceResult,
  type FaceDecoderOptions,
} from './face-decoder';
export { DEFAULT_LIMITS, type FaceUnavailableReason, type DecodeLimits, type RgbaImage } from './types';
