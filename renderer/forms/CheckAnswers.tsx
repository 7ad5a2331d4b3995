/**
 * "Check your answers" (GOV.UK): every question asked with its answer and a change link, what the service adds
 * (`extra`: "In tờ khai để ký"), the declaration "Tôi xin cam đoan…" and the submit button. The declaration's
 * state belongs to the form engine, so it survives going back to change an answer.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../common/api/contract';
import type { Field, Form, Step } from '../../common/catalogue/schema';
import { ErrorSummary } from './ErrorSummary';
import { FormUiContext, type FormUi } from './FormContext';
import type { FormValues } from './form-values';
import { formatAnswer } from './format-answer';

export interface CheckAnswersProps {
  form: Form;
  lang: Language;
  ui: FormUi;
  /** The questions asked, in order, with their step (for the change link). */
  answered: { step: Step; field: Field }[];
  /** The answers, normalised as they will be sent. */
  values: FormValues;
  /** Technician preview: no declaration, nothing sent. */
  preview: boolean;
  extra?: ReactNode;
  declared: boolean;
  declarationError: boolean;
  submitted: boolean;
  submitLabel?: string;
  onBack(): void;
  onChange(step: Step): void;
  onDeclared(on: boolean): void;
  onSubmit(): void;
}

export function CheckAnswers(p: CheckAnswersProps) {
  const { t } = useTranslation();
  const { form, lang } = p;
  return (
    <FormUiContext.Provider value={p.ui}>
      <main id="main" className="screen" data-testid="check-answers">
        <button type="button" className="back-link" onClick={p.onBack}>
          {t('form.back')}
        </button>
        <ErrorSummary
          errors={
            p.declarationError
              ? [
                  {
                    fieldId: 'declaration',
                    label: t('declaration.title', { ns: 'ux' }),
                    message: t('declaration.required', { ns: 'ux' }),
                  },
                ]
              : []
          }
        />
        <h1 className="heading-l">{t('form.checkTitle')}</h1>
        <p className="body">{form.title[lang]}</p>
        <dl className="summary-list">
          {p.answered.map(({ step, field: f }) => (
            <div className="summary-list__row" key={f.id} data-testid={`answer-${f.id}`}>
              <dt className="summary-list__key">{f.label[lang]}</dt>
              <dd className="summary-list__value">{formatAnswer(f, p.values[f.id], lang, t)}</dd>
              <dd className="summary-list__actions">
                <button type="button" className="link-button" onClick={() => p.onChange(step)}>
                  {t('form.change')}
                  <span className="visually-hidden"> {f.label[lang]}</span>
                </button>
              </dd>
            </div>
          ))}
        </dl>
        {!p.preview && p.extra}
        {!p.preview && (
          <Declaration checked={p.declared} error={p.declarationError} onChange={p.onDeclared} />
        )}
        <button
          type="button"
          className={`button${p.declared || p.preview ? '' : ' button--disabled'}`}
          data-testid="submit-form"
          data-primary="true"
          aria-disabled={!p.declared && !p.preview ? true : undefined}
          disabled={p.submitted}
          onClick={p.onSubmit}
        >
          {p.submitLabel ?? t('form.submit')}
        </button>
      </main>
    </FormUiContext.Provider>
  );
}

/**
 * The declaration before sending (the wording of the official declaration forms): a statement and a
 * required checkbox. Until it is ticked, "Gửi hồ sơ" looks disabled and a press shows the error summary.
 */
function Declaration({
  checked,
  error,
  onChange,
}: {
  checked: boolean;
  error: boolean;
  onChange(on: boolean): void;
}) {
  const { t } = useTranslation();
  return (
    <div className={`form-group declaration${error ? ' form-group--error' : ''}`} data-testid="declaration">
      <h2 className="heading-m">{t('declaration.title', { ns: 'ux' })}</h2>
      <p className="body declaration__statement" id="declaration-statement">
        {t('declaration.statement', { ns: 'ux' })}
      </p>
      {error && (
        <p className="error-message" id="declaration-error">
          {t('declaration.required', { ns: 'ux' })}
        </p>
      )}
      <label className="checkbox">
        <input
          id="f-declaration"
          type="checkbox"
          checked={checked}
          aria-describedby={error ? 'declaration-statement declaration-error' : 'declaration-statement'}
          aria-invalid={error || undefined}
          onChange={(e) => onChange(e.target.checked)}
          data-testid="declaration-agree"
        />
        <span>{t('declaration.agree', { ns: 'ux' })}</span>
      </label>
    </div>
  );
}
