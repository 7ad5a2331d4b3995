export { CameraScanner, type CameraScannerProps } from './CameraScanner';
export { CAMERA_ERROR_CODES, type CameraErrorCode } from './camera';
export { useWedgeScanner, type UseWedgeScannerOptions } from './useWedgeScanner';
export {
  WedgeDetector,
  DEFAULT_WEDGE_OPTIONS,
  type WedgeOptions,
  type WedgeDecision,
  type KeyStroke,
} from './wedge-detector';
