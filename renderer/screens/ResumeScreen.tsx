import { useTranslation } from 'react-i18next';
import type { Service } from '../../common/catalogue/schema';
import { formatDateTime } from '../../common/text/format';

/** A form left unfinished with this card: carry on where the citizen stopped, or start again. */
export function ResumeScreen({
  service,
  savedAt,
  onResume,
  onDiscard,
}: {
  service: Service;
  savedAt: number;
  onResume(): void;
  onDiscard(): void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const when = formatDateTime(savedAt);
  return (
    <main id="main" className="screen" data-testid="screen-resume">
      <h1 className="heading-l">{t('resume.title')}</h1>
      <p className="lead">{t('resume.lead', { service: service.name[lang], when })}</p>
      <div className="button-group">
        <button type="button" className="button" onClick={onResume} data-testid="resume-yes">
          {t('resume.continue')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={onDiscard}
          data-testid="resume-no"
        >
          {t('resume.discard')}
        </button>
      </div>
    </main>
  );
}
