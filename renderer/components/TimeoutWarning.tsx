import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/** The session is about to end: one big button to keep going. Focus moves to it; it is announced. */
export function TimeoutWarning({
  secondsLeft,
  onExtend,
  onMoreTime,
}: {
  secondsLeft: number;
  onExtend(): void;
  /** "I need more time to look something up" (once per session); absent once used. */
  onMoreTime?: () => void;
}) {
  const { t } = useTranslation();
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => button.current?.focus(), []);
  return (
    <div className="modal-backdrop">
      <div
        className="modal"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="timeout-title"
        aria-describedby="timeout-body"
        data-testid="timeout-warning"
      >
        <h2 id="timeout-title" className="heading-l">
          {t('timeout.title')}
        </h2>
        <p id="timeout-body" className="lead" aria-live="polite" data-speech-once>
          {t('timeout.body', { seconds: secondsLeft })}
        </p>
        <button
          ref={button}
          type="button"
          className="button button--start"
          onClick={onExtend}
          data-testid="timeout-extend"
        >
          {t('timeout.extend')}
        </button>
        {onMoreTime && (
          <>
            <p className="body" id="timeout-more-hint">
              {t('idle:moreTimeHint')}
            </p>
            <button
              type="button"
              className="button button--secondary"
              onClick={onMoreTime}
              aria-describedby="timeout-more-hint"
              data-testid="timeout-more-time"
            >
              {t('idle:moreTime')}
            </button>
          </>
        )}
      </div>
    </div>
  );
}
