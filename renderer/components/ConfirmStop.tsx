import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { AlertDialog } from './AlertDialog';

/** "Do you want to stop?" before anything ends a session from a back or cancel button. Focus starts on "No". */
export function ConfirmStop({ onStop, onContinue }: { onStop(): void; onContinue(): void }) {
  const { t } = useTranslation();
  const keep = useRef<HTMLButtonElement>(null);
  return (
    <AlertDialog
      id="stop"
      testId="confirm-stop"
      title={t('ending.stopTitle')}
      body={t('ending.stopBody')}
      initialFocus={keep}
      actions={
        <>
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
        </>
      }
    />
  );
}
