/**
 * The generic form engine: driven only by a catalogue form definition. One question group per screen,
 * an error summary, progress, prefilled answers locked as "from your card" (the citizen may correct
 * them; corrections are recorded), and "check your answers" with change links before submitting.
 */
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { FormProvider, type Resolver, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../common/api/contract';
import type { Identity } from '../../common/identity';
import type { Answers } from '../../catalogue/answers';
import type { Field, Form, Step } from '../../common/catalogue/schema';
import { evaluate } from '../../common/catalogue/form-conditions';
import { KeyboardDock } from '../components/KeyboardDock';
import { CheckAnswers } from './CheckAnswers';
import { ErrorSummary } from './ErrorSummary';
import { errorText as errorSentence } from './error-text';
import { LockedAnswer } from './LockedAnswer';
import { OtherCardPanel } from './OtherCardPanel';
import { FieldView } from './fields/FieldView';
import { type KeyboardTarget, type PlacesSource, FormUiContext } from './FormContext';
import {
  type Correction,
  finalAnswers,
  type FormValues,
  initialValues,
  normaliseValues,
  isBlank,
  prefillOf,
  refillStep,
  shape,
  same,
  validateStep,
  visibleStepFields,
  visibleSteps,
} from './form-values';

export interface FormEngineProps {
  form: Form;
  identity: Identity | null;
  lang: Language;
  places: PlacesSource;
  saved?: FormValues;
  today?: string;
  /** Called at every "continue" with the answers and where the citizen goes next (a step id, or `check`). */
  onSave?(values: FormValues, nextStepId: string): void;
  /** From a draft: the screen to open at (a step id, or `check`); the first step when absent or gone. */
  savedStep?: string;
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
  /** Shown on "check your answers" above the submit button ("In tờ khai để ký"), given the answers so far. */
  renderOnCheck?(answers: () => Answers): ReactNode;
}

export function FormEngine(props: FormEngineProps) {
  const { form, identity, lang, today } = props;
  const { t } = useTranslation();
  const preset = props.preset;
  const defaults = useMemo(
    () => ({ ...initialValues(form, identity, { ...preset, ...props.saved }, today), ...preset }),
    [form, identity, props.saved, preset, today],
  );
  const actx = { identity: identity as Record<string, unknown> | null, today };
  /** Values put there by a prefill (so a later conditional prefill may replace them; typed values stay). */
  const auto = useRef<Map<string, unknown>>(new Map());
  if (auto.current.size === 0)
    for (const f of form.steps.flatMap((s) => s.fields))
      if (defaults[f.id] !== undefined && !props.saved?.[f.id] && !(preset && f.id in preset))
        auto.current.set(f.id, defaults[f.id]);
  const asked = (f: Field): boolean => !preset || !(f.id in preset);
  const stepRef = useRef<Step | null>(null);
  const resolver: Resolver<FormValues> = async (values) => {
    const step = stepRef.current;
    const issues = step && !props.preview ? validateStep(form, step, values, today, identity) : [];
    if (!issues.length) return { values, errors: {} };
    return {
      values: {},
      errors: Object.fromEntries(issues.map((i) => [i.fieldId, { type: 'validate', message: i.code }])),
    };
  };
  const methods = useForm<FormValues>({ defaultValues: defaults, resolver, shouldFocusError: false });
  const values = useWatch({ control: methods.control }) as FormValues;
  const steps = visibleSteps(form, values, actx).filter((s) =>
    visibleStepFields(s, values, actx).some(asked),
  );
  // A resumed draft opens where the citizen was (the steps shown for its answers), not at step 1.
  const [index, setIndex] = useState(() => {
    if (!props.savedStep) return 0;
    const shown = visibleSteps(form, defaults, actx).filter((s) =>
      visibleStepFields(s, defaults, actx).some(asked),
    );
    const at =
      props.savedStep === 'check' ? shown.length - 1 : shown.findIndex((s) => s.id === props.savedStep);
    return Math.max(0, at);
  });
  const [checking, setChecking] = useState(() => props.savedStep === 'check');
  const [returnToCheck, setReturnToCheck] = useState(false);
  const [unlocked, setUnlocked] = useState<Set<string>>(new Set());
  const [disputed, setDisputed] = useState<Set<string>>(new Set());
  /** Values read from another person's verified card (field id → value and whose card). */
  const [fromOther, setFromOther] = useState<Map<string, { value: unknown; role: string }>>(new Map());
  const [otherOpen, setOtherOpen] = useState(false);
  const [focused, setFocused] = useState<KeyboardTarget | null>(null);
  const [submitted, setSubmitted] = useState(false);
  /** The citizen's declaration on "check your answers" ("Tôi xin cam đoan…"); asked before every sending. */
  const [declared, setDeclared] = useState(false);
  const [declarationError, setDeclarationError] = useState(false);

  const step = steps[Math.min(index, steps.length - 1)]!;
  stepRef.current = step;
  const fieldErrors = methods.formState.errors as Record<string, { message?: string } | undefined>;
  const errorText = (code: string | undefined, field?: Field): string =>
    errorSentence(t, form, lang, code, field);

  // Conditional prefill: on the screen shown, still-untouched fields take what their prefill gives for
  // the answers so far (the mother's block from the card once "I am the mother" is answered; items 7–9
  // of CT01 as soon as "I am the household head" is ticked). Typed values are never replaced.
  const stepId = steps[Math.min(index, steps.length - 1)]?.id;
  useEffect(() => {
    const s = form.steps.find((x) => x.id === stepId);
    if (!s || checking) return;
    const changes = refillStep(s, identity, methods.getValues(), auto.current, today);
    for (const [id, v] of changes) {
      if (v === undefined) auto.current.delete(id);
      else auto.current.set(id, v);
      methods.setValue(id, v);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stepId, checking, values]);

  /** The card value a field shows now, when it comes from the identity. */
  const fromCard = (field: Field): { binding: string; value: unknown } | undefined => {
    const pre = prefillOf(field, identity, values, today);
    return pre?.binding.startsWith('identity.') && !pre.suggest ? pre : undefined;
  };
  /** A chip read verified by the reader: its values are read-only (a wrong card is for staff to fix). */
  const chipVerified = identity?.source === 'chip';

  const otherLock = (field: Field): string | undefined => {
    const o = fromOther.get(field.id);
    return o && field.type !== 'address' && same(values[field.id], o.value) ? o.role : undefined;
  };

  const isLockedPrefill = (field: Field): boolean => {
    if (otherLock(field)) return true;
    if (field.type === 'address' || unlocked.has(field.id)) return false;
    const pre = fromCard(field);
    return pre !== undefined && same(values[field.id], pre.value);
  };

  const corrections = (): Correction[] => {
    const out: Correction[] = [];
    const now = normaliseValues(form, values);
    for (const s of form.steps)
      for (const f of s.fields) {
        if (f.type === 'address' || !unlocked.has(f.id)) continue;
        const pre = fromCard(f);
        if (pre !== undefined && !same(pre.value, now[f.id]))
          out.push({ fieldId: f.id, binding: pre.binding, from: pre.value, to: now[f.id] ?? null });
      }
    return out;
  };

  const next = methods.handleSubmit(() => {
    const toCheck = returnToCheck || index >= steps.length - 1;
    props.onSave?.(methods.getValues(), toCheck ? 'check' : (steps[index + 1]?.id ?? 'check'));
    setFocused(null);
    if (toCheck) {
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

  if (checking)
    return (
      <CheckAnswers
        form={form}
        lang={lang}
        ui={ui}
        answered={steps.flatMap((s) =>
          visibleStepFields(s, values, actx)
            .filter(asked)
            .map((f) => ({ step: s, field: f })),
        )}
        values={normaliseValues(form, values)}
        preview={Boolean(props.preview)}
        extra={
          props.preview ? null : props.renderOnCheck?.(() => finalAnswers(form, values, today, identity))
        }
        declared={declared}
        declarationError={declarationError}
        submitted={submitted}
        submitLabel={props.submitLabel}
        onBack={back}
        onChange={(s) => {
          setIndex(steps.indexOf(s));
          setChecking(false);
          setReturnToCheck(true);
        }}
        onDeclared={(on) => {
          setDeclared(on);
          if (on) setDeclarationError(false);
        }}
        onSubmit={() => {
          if (!declared && !props.preview) {
            setDeclarationError(true);
            window.scrollTo(0, 0);
            return;
          }
          setSubmitted(true);
          props.onComplete(
            props.preview
              ? { answers: {}, corrections: [] }
              : { answers: finalAnswers(form, values, today, identity), corrections: corrections() },
          );
        }}
      />
    );

  const other = step.otherCard;
  const otherOffered =
    !!other &&
    !props.preview &&
    identity?.source === 'chip' &&
    (!other.when || evaluate(other.when, { answers: values, identity: actx.identity, today }) === true) &&
    !Object.keys(other.fills).some((id) => fromOther.has(id));
  if (otherOpen && other)
    return (
      <OtherCardPanel
        role={other.role}
        onClose={() => setOtherOpen(false)}
        onIdentity={(person) => {
          const next = new Map(fromOther);
          const current = methods.getValues();
          for (const [fieldId, key] of Object.entries(other.fills)) {
            const field = form.steps.flatMap((s) => s.fields).find((f) => f.id === fieldId);
            const value = field ? shape(field, (person as Record<string, unknown>)[key]) : undefined;
            if (!field || value === undefined) continue;
            const was = current[fieldId];
            // fill what is blank or still holds a suggestion; what the citizen typed stays
            if (!isBlank(was) && !(auto.current.has(fieldId) && same(auto.current.get(fieldId), was)))
              continue;
            methods.setValue(fieldId, value);
            auto.current.delete(fieldId);
            next.set(fieldId, { value, role: other.role });
          }
          setFromOther(next);
          setOtherOpen(false);
        }}
      />
    );

  const visible = visibleStepFields(step, values, actx).filter(asked);
  const summary = visible
    .filter((f) => fieldErrors[f.id]?.message)
    .map((f) => ({
      fieldId: f.id,
      label: f.label[lang],
      message: errorText(fieldErrors[f.id]?.message, f),
    }));

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
            {otherOffered && other && (
              <div className="inset" data-testid="other-card-offer">
                <p className="body">{t('formOther.startHint', { who: t(`formOther.who.${other.role}`) })}</p>
                <button
                  type="button"
                  className="button button--secondary"
                  data-testid="other-card-start"
                  onClick={() => setOtherOpen(true)}
                >
                  {t('formOther.start', { who: t(`formOther.who.${other.role}`) })}
                </button>
              </div>
            )}
            {visible.map((f) => (
              <FieldView
                key={f.id}
                field={f}
                error={errorText(fieldErrors[f.id]?.message, f)}
                locked={
                  isLockedPrefill(f) ? (
                    <LockedAnswer
                      field={f}
                      value={values[f.id]}
                      lang={lang}
                      binding={otherLock(f) ? `other.${otherLock(f)}` : fromCard(f)?.binding}
                      otherRole={otherLock(f)}
                      chipVerified={chipVerified}
                      disputed={disputed.has(f.id)}
                      onDispute={() => setDisputed(new Set([...disputed, f.id]))}
                      onUnlock={() => setUnlocked(new Set([...unlocked, f.id]))}
                    />
                  ) : undefined
                }
              />
            ))}
            <button type="submit" className="button" data-testid="continue">
              {t('form.continue')}
            </button>
          </form>
        </main>
        {keyboard && focused && (
          <KeyboardDock
            label={focused.label}
            value={String(methods.getValues(focused.path) ?? '')}
            focusKey={focused.path}
          >
            {keyboard}
          </KeyboardDock>
        )}
      </FormProvider>
    </FormUiContext.Provider>
  );
}
