import { useTranslation } from 'react-i18next';
import { AgencyBanner } from '../components/Branding';

export function AttractScreen({
  onStart,
  onBrowse,
  onLookup,
  onQueue,
}: {
  onStart(): void;
  onBrowse(): void;
  onLookup(): void;
  onQueue(): void;
}) {
  const { t } = useTranslation();
  return (
    <main id="main" className="screen screen--attract" data-testid="screen-attract">
      <AgencyBanner />
      <h1 className="heading-xl">{t('attract.title')}</h1>
      <p className="lead">{t('attract.lead')}</p>
      <button type="button" className="button button--start" onClick={onStart} data-testid="start">
        {t('attract.start')}
        <svg className="button__arrow" aria-hidden="true" viewBox="0 0 33 40" width="26" height="32">
          <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z" />
        </svg>
      </button>
      <p className="body">{t('attract.prepare')}</p>
      {/* The other ways in, side by side where there is room (landscape), so none falls off the screen. */}
      <div className="attract__more">
        <button
          type="button"
          className="button button--secondary"
          onClick={onBrowse}
          data-testid="browse-services"
        >
          {t('attract.browse')}
        </button>
        <button type="button" className="button button--secondary" onClick={onLookup} data-testid="lookup">
          {t('attract.lookup')}
        </button>
        <button type="button" className="button button--secondary" onClick={onQueue} data-testid="queue">
          {t('attract.queue')}
        </button>
      </div>
      <p className="body body--muted">{t('attract.help')}</p>
    </main>
  );
}
