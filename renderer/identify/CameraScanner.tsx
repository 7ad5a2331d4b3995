/**
 * Live camera QR scanner: the video, a frame overlay to aim at, and guidance text supplied by the screen.
 * Reports the first decoded payload once (`onResult`), or a camera failure (`onError(code)`), and stops the
 * camera (every track) when done, when `active` turns false, and when unmounted.
 */
import { BrowserMultiFormatReader } from '@zxing/library';
import { useEffect, useRef, type CSSProperties } from 'react';
import {
  cameraConstraints,
  cameraErrorCode,
  qrDecodeHints,
  stopAllTracks,
  type CameraErrorCode,
} from './camera';

export interface CameraScannerProps {
  /** Translated guidance, e.g. "Đưa mã QR ở mặt sau thẻ vào khung". */
  guidance: string;
  onResult(payload: string): void;
  onError(code: CameraErrorCode): void;
  /** Default true. False stops the camera. */
  active?: boolean;
  deviceId?: string;
  facingMode?: 'user' | 'environment';
  /** Accessible name of the video (translated). Defaults to the guidance. */
  videoLabel?: string;
  className?: string;
}

/** Milliseconds between decode attempts: enough for a live feel, light on the kiosk CPU. */
const TIME_BETWEEN_SCANS_MS = 150;

const styles: Record<string, CSSProperties> = {
  root: { display: 'flex', flexDirection: 'column', alignItems: 'center', gap: '1rem' },
  viewport: {
    position: 'relative',
    width: '100%',
    maxWidth: '40rem',
    aspectRatio: '4 / 3',
    background: '#0b0c0c',
  },
  video: { width: '100%', height: '100%', objectFit: 'cover' },
  frame: {
    position: 'absolute',
    top: '50%',
    left: '50%',
    width: '60%',
    aspectRatio: '1 / 1',
    transform: 'translate(-50%, -50%)',
    border: '6px solid #ffdd00',
    borderRadius: '12px',
    boxShadow: '0 0 0 9999px rgba(0, 0, 0, 0.45)',
    pointerEvents: 'none',
  },
  guidance: { fontSize: '1.5rem', fontWeight: 700, textAlign: 'center', margin: 0 },
};

export function CameraScanner(props: CameraScannerProps) {
  const { guidance, active = true, deviceId, facingMode, videoLabel, className } = props;
  const videoRef = useRef<HTMLVideoElement>(null);
  const onResultRef = useRef(props.onResult);
  const onErrorRef = useRef(props.onError);
  useEffect(() => {
    onResultRef.current = props.onResult;
    onErrorRef.current = props.onError;
  });

  useEffect(() => {
    const video = videoRef.current;
    if (!active || !video) return;
    let finished = false;
    let stream: MediaStream | null = null;
    const reader = new BrowserMultiFormatReader(
      qrDecodeHints() as Map<never, unknown>,
      TIME_BETWEEN_SCANS_MS,
    );

    const stop = (): void => {
      reader.reset();
      stopAllTracks(stream);
      stopAllTracks(video.srcObject);
      video.srcObject = null;
      stream = null;
    };
    const fail = (error: unknown): void => {
      if (finished) return;
      finished = true;
      stop();
      onErrorRef.current(cameraErrorCode(error));
    };

    (async () => {
      if (typeof navigator === 'undefined' || !navigator.mediaDevices?.getUserMedia) {
        throw Object.assign(new Error('no camera API'), { name: 'NotFoundError' });
      }
      const opened = await navigator.mediaDevices.getUserMedia(cameraConstraints({ deviceId, facingMode }));
      if (finished) {
        // Unmounted (or deactivated) while the permission prompt / device was opening.
        stopAllTracks(opened);
        return;
      }
      stream = opened;
      await reader.decodeFromStream(opened, video, (result) => {
        // Per-frame "not found" / checksum errors are normal while the citizen aims; only results matter.
        if (finished || !result) return;
        finished = true;
        const text = result.getText();
        stop();
        onResultRef.current(text);
      });
    })().catch(fail);

    return () => {
      finished = true;
      stop();
    };
  }, [active, deviceId, facingMode]);

  return (
    <div className={className} style={styles.root} data-testid="camera-scanner">
      <div style={styles.viewport}>
        <video
          ref={videoRef}
          // A camera facing the citizen is shown as a mirror, which is how people expect to aim.
          style={{
            ...styles.video,
            transform: deviceId || facingMode === 'environment' ? undefined : 'scaleX(-1)',
          }}
          muted
          playsInline
          autoPlay
          aria-label={videoLabel ?? guidance}
        />
        <div style={styles.frame} aria-hidden="true" data-testid="camera-frame" />
      </div>
      <p style={styles.guidance} aria-live="polite">
        {guidance}
      </p>
    </div>
  );
}
