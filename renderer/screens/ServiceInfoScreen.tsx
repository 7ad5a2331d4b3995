import { useTranslation } from 'react-i18next';
import type { Language } from '../../common/api/contract';
import type { Service } from '../../catalogue/schema';

const vnd = (n: number, lang: Language): string =>
  n === 0 ? '' : `${new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB').format(n)} đ`;

/** What the service is, what it costs, how long it takes, what to bring — before the citizen starts. */
export function ServiceInfoScreen({
  service,
  onStart,
  onBack,
}: {
  service: Service;
  onStart(): void;
  onBack(): void;
}) {
  const { t, i18n } = useTranslation();
  const lang = (i18n.language === 'en' ? 'en' : 'vi') as Language;
  const fees = Array.isArray(service.fees) ? service.fees : null;
  const canDo = service.kioskSupport.mode === 'full' && service.forms.length > 0;
  return (
    <main id="main" className="screen" data-testid="screen-service-info">
      <button type="button" className="back-link" onClick={onBack}>
        {t('form.back')}
      </button>
      <span className="caption">{t('services.number', { n: service.number })}</span>
      <h1 className="heading-l">{service.name[lang]}</h1>
      <p className="lead">{service.summary[lang]}</p>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt className="summary-list__key">{t('services.fee')}</dt>
          <dd className="summary-list__value" data-testid="service-fee">
            {fees === null
              ? t('services.unknown')
              : fees.length === 0 || fees.every((f) => f.amountVnd === 0)
                ? t('services.free')
                : fees.map((f, i) => (
                    <span key={i} className="fee">
                      {f.label[lang]}: {vnd(f.amountVnd, lang) || t('services.free')}
                    </span>
                  ))}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">{t('services.time')}</dt>
          <dd className="summary-list__value">
            {'unknown' in service.processingTime ? t('services.unknown') : service.processingTime.text[lang]}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt className="summary-list__key">{t('services.agency')}</dt>
          <dd className="summary-list__value">{service.agency[lang]}</dd>
        </div>
      </dl>
      {service.documents.length > 0 && (
        <>
          <h2 className="heading-m">{t('services.bring')}</h2>
          <ul className="list list--bullet">
            {service.documents.map((d) => (
              <li key={d.id}>
                {d.name[lang]}
                {d.when && <span className="hint"> — {d.when[lang]}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      {canDo ? (
        <button type="button" className="button button--start" onClick={onStart} data-testid="start-service">
          {t('services.start')}
        </button>
      ) : (
        <div className="inset" data-testid="service-info-only">
          <p className="body">{t('services.notAtKiosk')}</p>
          {service.kioskSupport.mode === 'info-only' && (
            <p className="body">{service.kioskSupport.reason[lang]}</p>
          )}
        </div>
      )}
    </main>
  );
}
