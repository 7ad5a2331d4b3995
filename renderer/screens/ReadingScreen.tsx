import { useTranslation } from 'react-i18next';
import type { IdentifyState } from '../flows/useIdentify';

/** Reading the chip: keep the card still; the name appears before the photo has finished. One way out: stop. */
export function ReadingScreen({ state, onCancel }: { state: IdentifyState; onCancel(): void }) {
  const { t } = useTranslation();
  const percent = state.percent ?? 0;
  return (
    <main id="main" className="screen" data-testid="screen-reading">
      {state.error ? (
        <div className="error-summary" role="alert" data-testid="reading-error">
          <h2 className="error-summary__title">{t('reading.interrupted')}</h2>
          <p className="body">{t(state.error, { ns: 'errors', defaultValue: t('identify.genericError') })}</p>
        </div>
      ) : null}
      <h1 className="heading-l">{t('reading.title')}</h1>
      <p className="lead">{t('reading.keepStill')}</p>
      <div
        className="progress"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-label={t('reading.progressLabel')}
      >
        <div className="progress__bar" style={{ width: `${percent}%` }} />
      </div>
      <p className="body" data-testid="reading-percent">
        {t('reading.percent', { percent })}
      </p>
      {state.identity && (
        <p className="lead" data-testid="reading-name">
          {t('reading.hello', { name: state.identity.fullName })}
        </p>
      )}
      <button
        type="button"
        className="button button--secondary"
        onClick={onCancel}
        data-testid="reading-cancel"
      >
        {t('ending.stopReading')}
      </button>
    </main>
  );
}
