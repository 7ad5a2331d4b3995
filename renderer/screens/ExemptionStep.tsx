import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../common/api/contract';
import { askableExemptions, feeFor, type RuleContext } from '../../catalogue/rules';
import type { Service } from '../../common/catalogue/schema';
import { todayInVietnam } from '../../common/text/format';
import { DossierFee } from '../components/FeeBox';
import { SummaryRow } from '../components/SummaryRow';

/**
 * One question before sending, only when a fee is due and the card cannot tell an exemption (age is
 * never asked: it comes from the chip): "are you in one of these groups?". Shows the fee this dossier
 * will owe, and what changes when a group is chosen (e.g. a card with old unit names stays valid).
 */
export function ExemptionStep({
  service,
  context,
  onBack,
  onDone,
}: {
  service: Service;
  context: RuleContext;
  onBack(): void;
  onDone(declared: string[]): void;
}) {
  const { t, i18n } = useTranslation();
  const lang = (i18n.language === 'en' ? 'en' : 'vi') as Language;
  const today = todayInVietnam();
  const options = askableExemptions(service, context, today);
  const [choice, setChoice] = useState<string | null>(null);
  const [error, setError] = useState(false);
  const declared = choice && choice !== 'none' ? [choice] : [];
  const fee = feeFor(service, { ...context, declared }, today);
  const note = options.find((o) => o.id === choice)?.note;
  return (
    <main id="main" className="screen" data-testid="screen-exemption">
      <button type="button" className="back-link" onClick={onBack}>
        {t('form.back')}
      </button>
      {error && (
        <div className="error-summary" role="alert" data-testid="error-summary">
          <h2 className="error-summary__title">{t('fees.exemptionRequired')}</h2>
        </div>
      )}
      <h1 className="heading-l">{t('fees.exemptionTitle')}</h1>
      <p className="body">{t('fees.exemptionLead')}</p>
      <div className="radios" data-testid="exemption-options">
        {[
          ...options.map((o) => ({ id: o.id, label: o.label[lang] })),
          { id: 'none', label: t('fees.exemptionNone') },
        ].map((o) => (
          <label key={o.id} className="radio">
            <input
              type="radio"
              name="exemption"
              value={o.id}
              checked={choice === o.id}
              data-testid={`exemption-${o.id}`}
              onChange={() => {
                setChoice(o.id);
                setError(false);
              }}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      {note && (
        <p className="body" data-testid="exemption-note">
          {note[lang]}
        </p>
      )}
      <dl className="summary-list">
        <SummaryRow k={t('fees.title')} v={<DossierFee fee={fee} />} testId="dossier-fee" />
      </dl>
      <button
        type="button"
        className="button"
        data-testid="exemption-submit"
        onClick={() => (choice === null ? setError(true) : onDone(declared))}
      >
        {t('fees.submit')}
      </button>
    </main>
  );
}
