import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { AlertDialog } from './AlertDialog';

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
  return (
    <AlertDialog
      id="timeout"
      testId="timeout-warning"
      title={t('timeout.title')}
      body={t('timeout.body', { seconds: secondsLeft })}
      bodyProps={{ 'aria-live': 'polite', 'data-speech-once': true }}
      initialFocus={button}
    >
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
    </AlertDialog>
  );
}
