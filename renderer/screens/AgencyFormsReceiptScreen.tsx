import { useTranslation } from 'react-i18next';
import type { Result } from '../../common/api/contract';
import type { Service } from '../../common/catalogue/schema';
import { formatDateTime } from '../../common/text/format';
import { PrintedNote, ToBringAndFinish } from '../components/ToBringAndFinish';
import { SummaryRow } from '../components/SummaryRow';

/**
 * The receipt of a service whose forms an agency's own system took (23 employment centre, 24/25 EVN): the
 * agency's reference number, where it went, what is still unknown (procedure code, cost) and what to bring.
 */
export function AgencyFormsReceiptScreen({
  service,
  receipt,
  onFinish,
  onAnother,
}: {
  service: Service | undefined;
  receipt: Result<'agencyForms.submit'>;
  onFinish(): void;
  onAnother?: () => void;
}) {
  const { t, i18n } = useTranslation('agencyForms');
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const at = Date.parse(receipt.receivedAt);
  const when = Number.isNaN(at) ? receipt.receivedAt : formatDateTime(at);
  const fees = service?.fees;
  const feeText = !fees || !Array.isArray(fees) ? t('feeUnknown') : fees.map((f) => f.label[lang]).join('; ');
  const codeUnknown = !service || !Array.isArray(service.procedureCodes);
  return (
    <main id="main" className="screen" data-testid="screen-agency-forms-receipt">
      <div className="panel panel--confirmation">
        <h1 className="panel__title">{t('title')}</h1>
        <div className="panel__body">
          {t(`reference.${receipt.agency}`, { defaultValue: t('reference.other') })}
          <br />
          <strong data-testid="agency-reference">{receipt.reference}</strong>
        </div>
      </div>
      <PrintedNote printed={receipt.printed} testId="agency-forms-print" t={t} />
      <dl className="summary-list">
        {service && <SummaryRow k={t('office')} v={service.agency[lang]} />}
        <SummaryRow k={t('receivedAt')} v={when} />
        <SummaryRow k={t('fee')} v={feeText} testId="agency-forms-fee" />
        {codeUnknown && <SummaryRow k={t('code')} v={t('codeUnknown')} testId="agency-forms-code" />}
      </dl>
      <ToBringAndFinish
        toBring={receipt.toBring}
        lang={lang}
        testId="agency-forms-to-bring"
        t={t}
        onFinish={onFinish}
        onAnother={onAnother}
      />
    </main>
  );
}
