import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/** "Do you want to stop?" before anything ends a session from a back or cancel button. Focus starts on "No". */
export function ConfirmStop({ onStop, onContinue }: { onStop(): void; onContinue(): void }) {
  const { t } = useTranslation();
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => keep.current?.focus(), []);
  return (
    <div className="modal-backdrop">
      <div
        className="modal"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="stop-title"
        aria-describedby="stop-body"
        data-testid="confirm-stop"
      >
        <h2 id="stop-title" className="heading-l">
          {t('ending.stopTitle')}
        </h2>
        <p id="stop-body" className="lead">
          {t('ending.stopBody')}
        </p>
        <div className="button-group">
          <button
            ref={keep}
            type="button"
            className="button"
            onClick={onContinue}
            data-testid="confirm-stop-no"
          >
            {t('ending.stopNo')}
          </button>
          <button
            type="button"
            className="button button--warning"
            onClick={onStop}
            data-testid="confirm-stop-yes"
          >
            {t('ending.stopYes')}
          </button>
        </div>
      </div>
    </div>
  );
}
