import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../common/api/contract';
import type { Identity } from '../../common/identity';
import type { Answers } from '../../catalogue/answers';
import type { Form, Service } from '../../catalogue/schema';
import { useKioskApi } from '../api/KioskApiContext';
import { Keyboard } from '../components/Keyboard';
import type { PlacesSource } from '../forms/FormContext';
import { FormEngine } from '../forms/FormEngine';
import type { Correction } from '../forms/form-values';

export interface FilledForm {
  formId: string;
  version: string;
  answers: Answers;
  corrections: Correction[];
}

/** Runs the service's forms one after another (linked services have several) and hands back the answers. */
export interface DraftData {
  formIndex: number;
  forms: { formId: string; version: string; values: Record<string, unknown> }[];
}

export function FormScreen({
  service,
  identity,
  resume,
  onDone,
  onExit,
}: {
  service: Service;
  identity: Identity | null;
  /** A draft saved earlier for this citizen and service: its answers come back. */
  resume?: DraftData;
  onDone(forms: FilledForm[]): void;
  onExit(): void;
}) {
  const { t, i18n } = useTranslation();
  const lang = (i18n.language === 'en' ? 'en' : 'vi') as Language;
  const api = useKioskApi();
  const [forms, setForms] = useState<Form[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [index, setIndex] = useState(resume?.formIndex ?? 0);
  const [filled, setFilled] = useState<FilledForm[]>([]);
  // Answers so far per form, saved as an encrypted draft at every step (keyed by the card, not the number).
  const drafts = useRef<DraftData['forms']>(resume?.forms ?? []);
  const saveDraft = (
    formIndex: number,
    formId: string,
    version: string,
    values: Record<string, unknown>,
  ): void => {
    const forms = drafts.current.filter((f) => !(f.formId === formId && f.version === version));
    drafts.current = [...forms, { formId, version, values }];
    void api
      .call('draft.save', { serviceId: service.id, data: { formIndex, forms: drafts.current } })
      .catch(() => undefined);
  };

  useEffect(() => {
    Promise.all(service.forms.map((ref) => api.call('catalogue.form', { id: ref.id, version: ref.version })))
      .then(setForms)
      .catch(() => setFailed(true));
  }, [api, service]);

  const places = useMemo<PlacesSource>(
    () => ({
      provinces: () => api.call('places.provinces', {}),
      communes: (provinceCode) => api.call('places.communes', { provinceCode }),
      remap: (text) => api.call('places.remap', { text }),
      home: () => api.call('places.home', {}),
    }),
    [api],
  );

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
  const form = forms[index]!;
  return (
    <FormEngine
      key={`${form.id}@${form.version}`}
      form={form}
      preset={service.forms[index]?.preset}
      saved={drafts.current.find((f) => f.formId === form.id && f.version === form.version)?.values}
      onSave={(values) => saveDraft(index, form.id, form.version, values)}
      identity={identity}
      lang={lang}
      places={places}
      onExit={() => (index === 0 ? onExit() : setIndex(index - 1))}
      submitLabel={index < forms.length - 1 ? t('form.continue') : undefined}
      onComplete={({ answers, corrections }) => {
        const next = [
          ...filled.slice(0, index),
          { formId: form.id, version: form.version, answers, corrections },
        ];
        setFilled(next);
        if (index < forms.length - 1) setIndex(index + 1);
        else onDone(next);
      }}
      renderKeyboard={(target, value, setValue, done) => (
        <Keyboard layout={target.layout} value={value} onChange={setValue} onDone={done} />
      )}
    />
  );
}
