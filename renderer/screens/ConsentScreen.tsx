import { useTranslation } from 'react-i18next';

/** Before anything is read: what, why, for how long. Declining ends the session. */
export function ConsentScreen({ onAnswer }: { onAnswer(granted: boolean): void }) {
  const { t } = useTranslation();
  const items = t('consent.items', { returnObjects: true }) as string[];
  return (
    <main id="main" className="screen" data-testid="screen-consent">
      <h1 className="heading-l">{t('consent.title')}</h1>
      <p className="lead">{t('consent.lead')}</p>
      <ul className="list list--bullet">
        {items.map((x) => (
          <li key={x}>{x}</li>
        ))}
      </ul>
      <h2 className="heading-m">{t('consent.whyTitle')}</h2>
      <p className="body">{t('consent.why')}</p>
      <h2 className="heading-m">{t('consent.keepTitle')}</h2>
      <p className="body">{t('consent.keep')}</p>
      <div className="button-group">
        <button type="button" className="button" onClick={() => onAnswer(true)} data-testid="consent-yes">
          {t('consent.agree')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => onAnswer(false)}
          data-testid="consent-no"
        >
          {t('consent.decline')}
        </button>
      </div>
    </main>
  );
}
