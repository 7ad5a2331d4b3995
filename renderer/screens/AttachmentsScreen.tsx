/**
 * "Add your documents": for each paper the procedure asks for (besides the forms the kiosk filled in), the
 * citizen photographs it with the kiosk camera, scans it on the document scanner, or says they will bring it
 * to the counter. Every required paper needs one of the three before going on (GOV.UK error summary).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentComponent } from '../../common/api/contract';
import { useKioskApi } from '../api/KioskApiContext';
import { cameraConstraints, stopAllTracks } from '../identify/camera';

/** A frame as a JPEG data URL under the KioskApi message limit (longest side ≤ 1280 px, then smaller). */
export function frameToDataUrl(video: HTMLVideoElement, limit = 235_000): string {
  const canvas = document.createElement('canvas');
  for (const [side, quality] of [
    [1280, 0.85],
    [1280, 0.6],
    [960, 0.6],
    [720, 0.5],
  ] as const) {
    const scale = Math.min(1, side / Math.max(video.videoWidth, video.videoHeight));
    canvas.width = Math.round(video.videoWidth * scale);
    canvas.height = Math.round(video.videoHeight * scale);
    canvas.getContext('2d')!.drawImage(video, 0, 0, canvas.width, canvas.height);
    const url = canvas.toDataURL('image/jpeg', quality);
    if (url.length <= limit) return url;
  }
  return canvas.toDataURL('image/jpeg', 0.4);
}

function DocumentCamera({ onCapture, onCancel }: { onCapture(url: string): void; onCancel(): void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let stream: MediaStream | null = null;
    let alive = true;
    void navigator.mediaDevices
      ?.getUserMedia(cameraConstraints({ facingMode: 'environment' }))
      .then(async (s) => {
        if (!alive || !video.current) return stopAllTracks(s);
        stream = s;
        video.current.srcObject = s;
        await video.current.play();
        setReady(true);
      })
      .catch(() => alive && setFailed(true));
    return () => {
      alive = false;
      stopAllTracks(stream);
    };
  }, []);
  return (
    <div className="document-camera" data-testid="document-camera">
      <p className="body">{t('attachments.cameraHint')}</p>
      {failed && (
        <p className="body" role="alert">
          <strong>{t('attachments.cameraFailed')}</strong>
        </p>
      )}
      <video ref={video} muted playsInline style={{ width: '100%', maxHeight: '50vh', background: '#000' }} />
      <div className="button-group">
        <button
          type="button"
          className="button"
          disabled={!ready}
          data-testid="camera-capture"
          onClick={() => video.current && onCapture(frameToDataUrl(video.current))}
        >
          {t('attachments.capture')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('attachments.cancel')}
        </button>
      </div>
    </div>
  );
}

export function AttachmentsScreen({
  serviceId,
  onContinue,
  onBack,
}: {
  serviceId: string;
  onContinue(): void;
  onBack(): void;
}) {
  const { t } = useTranslation();
  const api = useKioskApi();
  const [items, setItems] = useState<AttachmentComponent[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [camera, setCamera] = useState<string | null>(null);
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  const [missing, setMissing] = useState<string[]>([]);

  // The host's latest answer, and the call it is still answering (the list, a photo, a scan, "I will bring it"):
  // "Continue" tapped meanwhile waits for that answer and then decides, instead of finding the paper still
  // missing (or no list yet). Taps while it waits, or once it goes on, do nothing more.
  const latest = useRef<AttachmentComponent[]>([]);
  const inFlight = useRef<Promise<void> | null>(null);
  const continuing = useRef(false);
  const show = useCallback((list: AttachmentComponent[]) => {
    latest.current = list;
    setItems(list);
  }, []);
  const track = useCallback((done: Promise<void>): Promise<void> => {
    inFlight.current = done;
    // It never rejects (each caller handles its failure).
    void done.then(() => {
      if (inFlight.current === done) inFlight.current = null;
    });
    return done;
  }, []);

  useEffect(() => {
    void track(
      api
        .call('attachment.list', { serviceId })
        .then(show)
        .catch(() => undefined),
    );
  }, [api, serviceId, show, track]);

  const act = useCallback(
    (code: string, run: () => Promise<AttachmentComponent[]>): Promise<void> => {
      setBusy(code);
      setError(null);
      const done = (async () => {
        try {
          show(await run());
          setMissing((m) => m.filter((x) => x !== code));
        } catch (e) {
          const c = (e as { code?: string }).code ?? 'scanner-failed';
          setError({ code, message: t(c, { ns: 'errors', defaultValue: t('attachments.failed') }) });
        } finally {
          setBusy(null);
        }
      })();
      return track(done);
    },
    [t, show, track],
  );

  const next = async (): Promise<void> => {
    if (continuing.current) return;
    continuing.current = true;
    while (inFlight.current) await inFlight.current; // these never reject
    const open = latest.current.filter((i) => i.required && i.state === 'missing').map((i) => i.code);
    setMissing(open);
    if (open.length === 0)
      onContinue(); // the screen is left: later taps are ignored
    else continuing.current = false;
  };

  return (
    <main id="main" className="screen" data-testid="screen-attachments">
      {(missing.length > 0 || error) && (
        <div className="error-summary" role="alert" data-testid="error-summary" tabIndex={-1}>
          <h2 className="error-summary__title">{t('attachments.problem')}</h2>
          <ul className="list">
            {error && <li>{error.message}</li>}
            {missing.map((code) => (
              <li key={code}>
                {t('attachments.choose', { title: items.find((i) => i.code === code)?.title ?? code })}
              </li>
            ))}
          </ul>
        </div>
      )}
      <h1 className="heading-l">{t('attachments.title')}</h1>
      <p className="lead">{t('attachments.lead')}</p>
      {items.map((item) => (
        <section
          key={item.code}
          className="attachment"
          data-testid={`attachment-${item.code}`}
          data-state={item.state}
          data-required={item.required}
        >
          <h2 className="heading-m">
            {item.title} {!item.required && <span className="hint">({t('attachments.optional')})</span>}
          </h2>
          <p className="body" data-testid={`attachment-status-${item.code}`}>
            {item.state === 'attached'
              ? t('attachments.attached', { count: item.files.length })
              : item.state === 'at-counter'
                ? t('attachments.atCounter')
                : t('attachments.missing')}
          </p>
          {camera === item.code ? (
            <DocumentCamera
              onCancel={() => setCamera(null)}
              onCapture={(image) => {
                setCamera(null);
                void act(item.code, () =>
                  api.call('attachment.photo', { serviceId, code: item.code, image }),
                );
              }}
            />
          ) : (
            <div className="button-group">
              <button
                type="button"
                className="button"
                disabled={busy !== null}
                data-testid={`attach-photo-${item.code}`}
                onClick={() => setCamera(item.code)}
              >
                {t('attachments.photo')}
              </button>
              <button
                type="button"
                className="button"
                disabled={busy !== null}
                data-testid={`attach-scan-${item.code}`}
                onClick={() =>
                  void act(item.code, () => api.call('attachment.scan', { serviceId, code: item.code }))
                }
              >
                {busy === item.code ? t('attachments.scanning') : t('attachments.scan')}
              </button>
              <button
                type="button"
                className="button button--secondary"
                disabled={busy !== null}
                data-testid={`attach-bring-${item.code}`}
                onClick={() =>
                  void act(item.code, () => api.call('attachment.bring', { serviceId, code: item.code }))
                }
              >
                {t('attachments.bring')}
              </button>
            </div>
          )}
        </section>
      ))}
      <div className="button-group">
        <button
          type="button"
          className="button"
          data-testid="attachments-continue"
          onClick={() => void next()}
        >
          {t('attachments.continue')}
        </button>
        <button type="button" className="button button--secondary" onClick={onBack}>
          {t('attachments.back')}
        </button>
      </div>
    </main>
  );
}
