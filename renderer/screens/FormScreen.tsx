import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftData, FilledForm, Language } from '../../common/api/contract';
import type { Identity } from '../../common/identity';
import type { FilingChannel } from '../../common/catalogue/conditions';
import { askableExemptions, formsNeeded, ruleContext } from '../../catalogue/rules';
import type { Form, FormRef, Service } from '../../common/catalogue/schema';
import { todayInVietnam } from '../../common/text/format';
import { useKioskApi } from '../api/KioskApiContext';
import { Keyboard } from '../components/Keyboard';
import { usePlacesSource } from '../forms/usePlacesSource';
import { PrintFormsButton } from '../components/PrintFormsButton';
import { FormEngine } from '../forms/FormEngine';
import { ExemptionStep } from './ExemptionStep';

/** A shared form narrowed to the choices this service files (FormRef `allow`, e.g. CT01's request kinds). */
function narrowed(form: Form, ref: FormRef | undefined): Form {
  const allow = ref?.allow;
  if (!allow) return form;
  return {
    ...form,
    steps: form.steps.map((st) => ({
      ...st,
      fields: st.fields.map((f) =>
        allow[f.id] && f.options
          ? { ...f, options: f.options.filter((o) => allow[f.id]!.includes(o.value)) }
          : f,
      ),
    })),
  };
}

/** App.tsx imports these two from here; their one source is the contract. */
export type { DraftData, FilledForm } from '../../common/api/contract';

/** Runs the service's forms one after another (linked services have several) and hands back the answers. */
export function FormScreen({
  service,
  identity,
  channel = 'online',
  resume,
  onDone,
  onExit,
}: {
  service: Service;
  identity: Identity | null;
  /** The kiosk's filing channel (which fee applies, so whether exemptions are worth asking). */
  channel?: FilingChannel;
  /** A draft saved earlier for this citizen and service: its answers come back. */
  resume?: DraftData;
  /** The finished forms and the fee-exemption categories the citizen declared. */
  onDone(forms: FilledForm[], declared: string[]): void;
  onExit(): void;
}) {
  const { t, i18n } = useTranslation();
  const lang = (i18n.language === 'en' ? 'en' : 'vi') as Language;
  const api = useKioskApi();
  const [forms, setForms] = useState<Form[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [index, setIndex] = useState(resume?.formIndex ?? 0);
  const [filled, setFilled] = useState<FilledForm[]>([]);
  // The forms this citizen's case needs (e.g. TK01 from 14 years, TK01a under 14: age from the chip).
  const refs = useMemo(
    () =>
      formsNeeded(
        service,
        ruleContext({ answers: {}, dateOfBirth: identity?.dateOfBirth, date: todayInVietnam(), channel }),
      ),
    [service, identity, channel],
  );
  /** Set once the forms are done and the card cannot tell whether an exemption applies: ask. */
  const [asking, setAsking] = useState<FilledForm[] | null>(null);
  // Answers so far per form, saved as an encrypted draft at every step (keyed by the card, not the number).
  const drafts = useRef<DraftData['forms']>(resume?.forms ?? []);
  const saveDraft = (
    formIndex: number,
    formId: string,
    version: string,
    values: Record<string, unknown>,
    stepId: string,
  ): void => {
    const forms = drafts.current.filter((f) => !(f.formId === formId && f.version === version));
    drafts.current = [...forms, { formId, version, values, stepId }];
    void api
      .call('draft.save', { serviceId: service.id, data: { formIndex, forms: drafts.current } })
      .catch(() => undefined);
  };

  useEffect(() => {
    Promise.all(refs.map((ref) => api.call('catalogue.form', { id: ref.id, version: ref.version })))
      .then((fs) => setForms(fs.map((f, i) => narrowed(f, refs[i]))))
      .catch(() => setFailed(true));
  }, [api, refs]);

  const places = usePlacesSource();

  if (failed)
    return (
      <main id="main" className="screen">
        <h1 className="heading-l">{t('errors.formUnavailable')}</h1>
        <button type="button" className="button" onClick={onExit}>
          {t('form.back')}
        </button>
      </main>
    );
  if (!forms) return <main id="main" className="screen" aria-busy="true" />;
  const finish = (done: FilledForm[]): void => {
    const ctx = ruleContext({
      answers: Object.fromEntries(done.map((f) => [f.formId, f.answers])),
      dateOfBirth: identity?.dateOfBirth,
      date: todayInVietnam(),
      channel,
    });
    if (askableExemptions(service, ctx, todayInVietnam()).length > 0) setAsking(done);
    else onDone(done, []);
  };
  if (asking) {
    const ctx = ruleContext({
      answers: Object.fromEntries(asking.map((f) => [f.formId, f.answers])),
      dateOfBirth: identity?.dateOfBirth,
      date: todayInVietnam(),
      channel,
    });
    return (
      <ExemptionStep
        service={service}
        context={ctx}
        onBack={() => setAsking(null)}
        onDone={(declared) => onDone(asking, declared)}
      />
    );
  }
  const form = forms[index]!;
  const ref = refs[index];
  // A form about someone else (16: the deceased's CT01) starts from earlier answers, never from the card.
  const carried = Object.fromEntries(
    Object.entries(ref?.carry ?? {}).flatMap(([target, from]) => {
      const dot = from.lastIndexOf('.');
      const v = filled.find((f) => f.formId === from.slice(0, dot))?.answers[from.slice(dot + 1)];
      return v === undefined ? [] : [[target, v]];
    }),
  );
  const draft = drafts.current.find((f) => f.formId === form.id && f.version === form.version);
  const saved = draft?.values;
  return (
    <FormEngine
      key={`${form.id}@${form.version}`}
      form={form}
      preset={ref?.preset}
      saved={saved ?? (Object.keys(carried).length ? carried : undefined)}
      savedStep={draft?.stepId}
      onSave={(values, stepId) => saveDraft(index, form.id, form.version, values, stepId)}
      identity={ref?.about === 'other' ? null : identity}
      lang={lang}
      places={places}
      today={todayInVietnam()}
      onExit={() => (index === 0 ? onExit() : setIndex(index - 1))}
      submitLabel={index < forms.length - 1 ? t('form.continue') : undefined}
      renderOnCheck={(answers) => (
        <PrintFormsButton
          serviceId={service.id}
          forms={() => [
            ...filled.slice(0, index),
            { formId: form.id, version: form.version, answers: answers(), corrections: [] },
          ]}
        />
      )}
      onComplete={({ answers, corrections }) => {
        const next = [
          ...filled.slice(0, index),
          { formId: form.id, version: form.version, answers, corrections },
        ];
        setFilled(next);
        if (index < forms.length - 1) setIndex(index + 1);
        else finish(next);
      }}
      renderKeyboard={(target, value, setValue, done) => (
        <Keyboard layout={target.layout} value={value} onChange={setValue} onDone={done} />
      )}
    />
  );
}
