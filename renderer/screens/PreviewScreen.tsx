import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../common/api/contract';
import type { Identity } from '../../common/identity';
import type { Form } from '../../common/catalogue/schema';
import { todayInVietnam } from '../../common/text/format';
import { useKioskApi } from '../api/KioskApiContext';
import { Keyboard } from '../components/Keyboard';
import { usePlacesSource } from '../forms/usePlacesSource';
import { FormEngine } from '../forms/FormEngine';

/**
 * Demo mode only: a technician walks every screen of a form definition (for example a new version a
 * province has loaded), prefilled from the card on the reader, without answering and without submitting.
 */
export function PreviewScreen({
  formId,
  version,
  identity,
  onClose,
}: {
  formId: string;
  version: string;
  identity: Identity | null;
  onClose(): void;
}) {
  const { t, i18n } = useTranslation();
  const lang = (i18n.language === 'en' ? 'en' : 'vi') as Language;
  const api = useKioskApi();
  const [form, setForm] = useState<Form | null>(null);
  useEffect(() => {
    void api.call('catalogue.form', { id: formId, version }).then(setForm);
  }, [api, formId, version]);
  const places = usePlacesSource();
  if (!form) return <main id="main" className="screen" aria-busy="true" />;
  return (
    <div data-testid="form-preview" data-form={`${form.id}@${form.version}`}>
      <p className="preview-banner">{t('demo.previewBanner', { title: form.title[lang] })}</p>
      <FormEngine
        key={`${form.id}@${form.version}`}
        form={form}
        identity={identity}
        lang={lang}
        places={places}
        today={todayInVietnam()}
        preview
        submitLabel={t('demo.previewEnd')}
        onExit={onClose}
        onComplete={onClose}
        renderKeyboard={(target, value, setValue, done) => (
          <Keyboard layout={target.layout} value={value} onChange={setValue} onDone={done} />
        )}
      />
    </div>
  );
}
