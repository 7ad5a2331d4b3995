import { useTranslation } from 'react-i18next';

export function IdentifyScreen({ onBack, onBrowse }: { onBack(): void; onBrowse(): void }) {
  const { t } = useTranslation();
  return (
    <main id="main" className="screen" data-testid="screen-identify">
      <button type="button" className="back-link" onClick={onBack}>
        {t('identify.back')}
      </button>
      <h1 className="heading-xl">{t('identify.title')}</h1>
      <p className="lead">{t('identify.lead')}</p>
      <button
        type="button"
        className="button button--secondary"
        onClick={onBrowse}
        data-testid="browse-services"
      >
        {t('identify.browse')}
      </button>
    </main>
  );
}
