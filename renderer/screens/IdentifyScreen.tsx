import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useKioskApi } from '../api/KioskApiContext';
import type { IdentifyState } from '../flows/useIdentify';
import { CameraScanner } from '../identify';
import { useWedgeScanner } from '../identify/useWedgeScanner';

/** After consent: show the card's QR (scanner or camera), then put the card on the reader. */
export function IdentifyScreen({
  state,
  onBack,
  onTypeMrz,
  onError,
}: {
  state: IdentifyState;
  onBack(): void;
  onTypeMrz(): void;
  onError(code: string): void;
}) {
  const { t } = useTranslation();
  const api = useKioskApi();
  const [camera, setCamera] = useState(false);
  const sendQr = (payload: string): void => {
    setCamera(false);
    api.call('identify.qr', { payload }).catch((e: { code?: string }) => onError(e.code ?? 'qr-junk'));
  };
  useWedgeScanner(sendQr);
  const done = (ok: boolean): string => (ok ? '✓' : '');
  return (
    <main id="main" className="screen" data-testid="screen-identify">
      <button type="button" className="back-link" onClick={onBack}>
        {t('identify.back')}
      </button>
      {state.error && (
        <div className="error-summary" role="alert" data-testid="identify-error">
          <h2 className="error-summary__title">{t('identify.problem')}</h2>
          <p className="body">{t(state.error, { ns: 'errors', defaultValue: t('identify.genericError') })}</p>
        </div>
      )}
      <h1 className="heading-l">{t('identify.title')}</h1>
      <ol className="task-list">
        <li
          className={state.qr === 'accepted' ? 'task-list__item task-list__item--done' : 'task-list__item'}
          data-testid="task-qr"
        >
          <span className="task-list__mark" aria-hidden="true">
            {done(state.qr === 'accepted')}
          </span>
          <span>
            <strong>{t('identify.qrStep')}</strong>
            <span className="hint">
              {state.qr === 'accepted' ? t('identify.qrDone') : t('identify.qrHint')}
            </span>
          </span>
        </li>
        <li
          className={state.cardPresent ? 'task-list__item task-list__item--done' : 'task-list__item'}
          data-testid="task-card"
        >
          <span className="task-list__mark" aria-hidden="true">
            {done(state.cardPresent)}
          </span>
          <span>
            <strong>{t('identify.cardStep')}</strong>
            <span className="hint">
              {state.cardPresent ? t('identify.cardDone') : t('identify.cardHint')}
            </span>
          </span>
        </li>
      </ol>
      {camera ? (
        <CameraScanner
          guidance={t('identify.cameraGuidance')}
          onResult={sendQr}
          onError={(code) => {
            setCamera(false);
            onError(code);
          }}
        />
      ) : (
        <div className="button-group button-group--stack">
          {state.qr !== 'accepted' && (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setCamera(true)}
              data-testid="use-camera"
            >
              {t('identify.useCamera')}
            </button>
          )}
          <button
            type="button"
            className="button button--secondary"
            onClick={onTypeMrz}
            data-testid="type-mrz"
          >
            {t('identify.typeMrz')}
          </button>
        </div>
      )}
    </main>
  );
}
