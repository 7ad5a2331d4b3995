import { useTranslation } from 'react-i18next';
import type { Language } from '../../common/api/contract';
import type { Identity } from '../../common/identity';
import type { FilingChannel } from '../../common/catalogue/conditions';
import type { Service } from '../../common/catalogue/schema';
import { ServiceFeeBox } from '../components/FeeBox';
import { SummaryRow } from '../components/SummaryRow';

/** What the service is, what it costs, how long it takes, what to bring — before the citizen starts. */
export function ServiceInfoScreen({
  service,
  channel = 'online',
  identity = null,
  onStart,
  onBack,
  deadEnd,
}: {
  service: Service;
  /** The kiosk's configured filing channel (which rates apply). */
  channel?: FilingChannel;
  /** The identified citizen, when known: an exemption the card proves (age) is shown. */
  identity?: Identity | null;
  onStart(): void;
  onBack(): void;
  /** Shown when the service cannot be done at the kiosk (the call-for-staff prompt). */
  deadEnd?: React.ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const lang = (i18n.language === 'en' ? 'en' : 'vi') as Language;
  const support = service.kioskSupport;
  const canDo = (support.mode === 'full' && service.forms.length > 0) || support.mode === 'agency';
  return (
    <main id="main" className="screen" data-testid="screen-service-info">
      <button type="button" className="back-link" onClick={onBack}>
        {t('form.back')}
      </button>
      <span className="caption">{t('services.number', { n: service.number })}</span>
      <h1 className="heading-l">{service.name[lang]}</h1>
      <p className="lead">{service.summary[lang]}</p>
      <dl className="summary-list">
        <SummaryRow
          k={t('fees.title')}
          v={<ServiceFeeBox service={service} channel={channel} identity={identity} />}
          testId="service-fee"
        />
        <SummaryRow
          k={t('services.time')}
          v={'unknown' in service.processingTime ? t('services.unknown') : service.processingTime.text[lang]}
        />
        <SummaryRow k={t('services.agency')} v={service.agency[lang]} />
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
      {service.kioskSupport.mode !== 'info-only' && service.kioskSupport.note && (
        <p className="body inset" data-testid="service-note">
          {service.kioskSupport.note[lang]}
        </p>
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
      {!canDo && deadEnd}
    </main>
  );
}
