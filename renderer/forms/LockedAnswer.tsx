import { useTranslation } from 'react-i18next';
import type { Language } from '../../common/api/contract';
import type { Field } from '../../common/catalogue/schema';
import { formatAnswer } from './format-answer';

/**
 * A prefilled answer shown locked: "from your card" (or from another person's card), with the way out the
 * source allows — a chip-verified card: "the card is wrong?" (staff correct card data, nothing is edited);
 * a QR-only identity: "correct this"; another person's card: none.
 */
export function LockedAnswer({
  field,
  value,
  lang,
  binding,
  otherRole,
  chipVerified,
  disputed,
  onDispute,
  onUnlock,
}: {
  field: Field;
  value: unknown;
  lang: Language;
  /** Where the value comes from: `identity.*` or `other.<role>`. */
  binding: string | undefined;
  /** Whose card filled it, when another person's. */
  otherRole: string | undefined;
  chipVerified: boolean;
  disputed: boolean;
  onDispute(): void;
  onUnlock(): void;
}) {
  const { t } = useTranslation();
  const f = field;
  return (
    <div
      className="prefilled"
      data-testid={`prefilled-${f.id}`}
      data-binding={binding}
      data-type={f.type}
      data-readonly={chipVerified ? 'true' : 'false'}
    >
      <p className="prefilled__value">{formatAnswer(f, value, lang, t)}</p>
      <p className="prefilled__tag">
        <span aria-hidden="true">✓ </span>
        {otherRole
          ? t('formOther.fromTheirCard', { who: t(`formOther.who.${otherRole}`) })
          : t('form.fromCard')}
      </p>
      {otherRole ? null : chipVerified ? (
        disputed ? (
          <p className="inset" role="status" data-testid={`card-wrong-${f.id}`}>
            {t('formCard.cardWrongStaff')}
          </p>
        ) : (
          <button type="button" className="link-button" onClick={onDispute}>
            {t('formCard.cardWrong')}
            <span className="visually-hidden"> {f.label[lang]}</span>
          </button>
        )
      ) : (
        <button type="button" className="link-button" onClick={onUnlock}>
          {t('form.correct')}
          <span className="visually-hidden"> {f.label[lang]}</span>
        </button>
      )}
    </div>
  );
}
