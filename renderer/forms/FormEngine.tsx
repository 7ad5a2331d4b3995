/**
 * The generic form engine: driven only by a catalogue form definition. One question group per screen,
 * an error summary, progress, prefilled answers locked as "from your card" (the citizen may correct
 * them; corrections are recorded), and "check your answers" with change links before submitting.
 */
import { type ReactNode, useMemo, useRef, useState } from 'react';
import { FormProvider, type Resolver, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../common/api/contract';
import type { Identity } from '../../common/identity';
import type { Answers } from '../../catalogue/answers';
import type { Field, Form, Step } from '../../catalogue/schema';
import { ErrorSummary } from './ErrorSummary';
import { FieldView } from './fields/FieldView';
import { type KeyboardTarget, type PlacesSource, FormUiContext } from './FormContext';
import {
  type Correction,
  finalAnswers,
  type FormValues,
  initialValues,
  normaliseValues,
  prefillValue,
  validateStep,
  visibleStepFields,
  visibleSteps,
} from './form-values';
import { formatAnswer } from './format-answer';

export interface FormEngineProps {
  form: Form;
  identity: Identity | null;
  lang: Language;
  places: PlacesSource;
  saved?: FormValues;
  today?: string;
  onSave?(values: FormValues): void;
  onComplete(result: { answers: Answers; corrections: Correction[] }): void;
  onExit(): void;
  renderKeyboard(
    target: KeyboardTarget,
    value: string,
    setValue: (v: string) => void,
    done: () => void,
  ): ReactNode;
  submitLabel?: string;
  /** Answers the service sets (catalogue `preset`): not asked, not shown, not changeable. */
  preset?: Record<string, unknown>;
  /** Technician preview of a form definition: every screen can be walked without answering. */
  preview?: boolean;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export function FormEngine(props: FormEngineProps) {
  const { form, identity, lang, today } = props;
  const { t } = useTranslation();
  const preset = props.preset;
  const defaults = useMemo(
    () => ({ ...initialValues(form, identity, props.saved), ...preset }),
    [form, identity, props.saved, preset],
  );
  const asked = (f: Field): boolean => !preset || !(f.id in preset);
  const stepRef = useRef<Step | null>(null);
  const resolver: Resolver<FormValues> = async (values) => {
    const step = stepRef.current;
    const issues = step && !props.preview ? validateStep(form, step, values, today) : [];
    if (!issues.length) return { values, errors: {} };
    return {
      values: {},
      errors: Object.fromEntries(issues.map((i) => [i.fieldId, { type: 'validate', message: i.code }])),
    };
  };
  const methods = useForm<FormValues>({ defaultValues: defaults, resolver, shouldFocusError: false });
  const values = useWatch({ control: methods.control }) as FormValues;
  const steps = visibleSteps(form, values).filter((s) => visibleStepFields(s, values).some(asked));
  const [index, setIndex] = useState(0);
  const [checking, setChecking] = useState(false);
  const [returnToCheck, setReturnToCheck] = useState(false);
  const [unlocked, setUnlocked] = useState<Set<string>>(new Set());
  const [focused, setFocused] = useState<KeyboardTarget | null>(null);
  const [submitted, setSubmitted] = useState(false);

  const step = steps[Math.min(index, steps.length - 1)]!;
  stepRef.current = step;
  const fieldErrors = methods.formState.errors as Record<string, { message?: string } | undefined>;
  const errorText = (code: string | undefined): string =>
    code ? t(code, { ns: 'errors', defaultValue: t('form.invalidAnswer') }) : '';

  const isLockedPrefill = (field: Field): boolean => {
    if (!field.prefill?.startsWith('identity.') || unlocked.has(field.id)) return false;
    const pre = prefillValue(field, identity, {});
    return pre !== undefined && same(values[field.id], pre) && field.type !== 'address';
  };

  const corrections = (): Correction[] => {
    const out: Correction[] = [];
    for (const s of form.steps)
      for (const f of s.fields) {
        if (!f.prefill?.startsWith('identity.')) continue;
        const pre = prefillValue(f, identity, {});
        const now = normaliseValues(form, values)[f.id];
        if (pre !== undefined && f.type !== 'address' && !same(pre, now))
          out.push({ fieldId: f.id, binding: f.prefill, from: pre, to: now ?? null });
      }
    return out;
  };

  const next = methods.handleSubmit(() => {
    props.onSave?.(methods.getValues());
    setFocused(null);
    if (returnToCheck || index >= steps.length - 1) {
      setChecking(true);
      setReturnToCheck(false);
    } else setIndex(index + 1);
    window.scrollTo(0, 0);
  });

  const back = (): void => {
    setFocused(null);
    methods.clearErrors();
    if (checking) setChecking(false);
    else if (index === 0) props.onExit();
    else setIndex(index - 1);
  };

  const ui = useMemo(
    () => ({ lang, focus: setFocused, focused, places: props.places }),
    [lang, focused, props.places],
  );

  const keyboard = focused
    ? props.renderKeyboard(
        focused,
        String(methods.getValues(focused.path) ?? ''),
        (v) => methods.setValue(focused.path, v, { shouldDirty: true }),
        () => setFocused(null),
      )
    : null;

  if (checking) {
    const answered = steps.flatMap((s) =>
      visibleStepFields(s, values)
        .filter(asked)
        .map((f) => ({ step: s, field: f })),
    );
    return (
      <FormUiContext.Provider value={ui}>
        <main id="main" className="screen" data-testid="check-answers">
          <button type="button" className="back-link" onClick={back}>
            {t('form.back')}
          </button>
          <h1 className="heading-l">{t('form.checkTitle')}</h1>
          <p className="body">{form.title[lang]}</p>
          <dl className="summary-list">
            {answered.map(({ step: s, field: f }) => (
              <div className="summary-list__row" key={f.id} data-testid={`answer-${f.id}`}>
                <dt className="summary-list__key">{f.label[lang]}</dt>
                <dd className="summary-list__value">
                  {formatAnswer(f, normaliseValues(form, values)[f.id], lang, t)}
                </dd>
                <dd className="summary-list__actions">
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => {
                      setIndex(steps.indexOf(s));
                      setChecking(false);
                      setReturnToCheck(true);
                    }}
                  >
                    {t('form.change')}
                    <span className="visually-hidden"> {f.label[lang]}</span>
                  </button>
                </dd>
              </div>
            ))}
          </dl>
          <button
            type="button"
            className="button"
            data-testid="submit-form"
            disabled={submitted}
            onClick={() => {
              setSubmitted(true);
              props.onComplete(
                props.preview
                  ? { answers: {}, corrections: [] }
                  : { answers: finalAnswers(form, values, today), corrections: corrections() },
              );
            }}
          >
            {props.submitLabel ?? t('form.submit')}
          </button>
        </main>
      </FormUiContext.Provider>
    );
  }

  const visible = visibleStepFields(step, values).filter(asked);
  const summary = visible
    .filter((f) => fieldErrors[f.id]?.message)
    .map((f) => ({ fieldId: f.id, label: f.label[lang], message: errorText(fieldErrors[f.id]?.message) }));

  return (
    <FormUiContext.Provider value={ui}>
      <FormProvider {...methods}>
        <main
          id="main"
          className={`screen screen--form${focused ? ' screen--with-keyboard' : ''}`}
          data-testid={`step-${step.id}`}
        >
          <button type="button" className="back-link" onClick={back}>
            {t('form.back')}
          </button>
          <p className="caption" data-testid="progress">
            {t('form.progress', { n: Math.min(index, steps.length - 1) + 1, total: steps.length })}
          </p>
          <ErrorSummary errors={summary} />
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void next();
            }}
          >
            <h1 className="heading-l">{step.title[lang]}</h1>
            {step.help && <p className="body">{step.help[lang]}</p>}
            {visible.map((f) => (
              <FieldView
                key={f.id}
                field={f}
                error={errorText(fieldErrors[f.id]?.message)}
                locked={
                  isLockedPrefill(f) ? (
                    <div
                      className="prefilled"
                      data-testid={`prefilled-${f.id}`}
                      data-binding={f.prefill}
                      data-type={f.type}
                    >
                      <p className="prefilled__value">{formatAnswer(f, values[f.id], lang, t)}</p>
                      <p className="prefilled__tag">
                        <span aria-hidden="true">✓ </span>
                        {t('form.fromCard')}
                      </p>
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => setUnlocked(new Set([...unlocked, f.id]))}
                      >
                        {t('form.correct')}
                        <span className="visually-hidden"> {f.label[lang]}</span>
                      </button>
                    </div>
                  ) : undefined
                }
              />
            ))}
            <button type="submit" className="button" data-testid="continue">
              {t('form.continue')}
            </button>
          </form>
        </main>
        {keyboard && <div className="keyboard-dock">{keyboard}</div>}
      </FormProvider>
    </FormUiContext.Provider>
  );
}
