import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useKioskApi } from '../api/KioskApiContext';
import { Keyboard } from '../components/Keyboard';
import { KeyboardDock } from '../components/KeyboardDock';

type FieldName = 'idNumber' | 'dob' | 'expiry';

const toYymmdd = (ddmmyyyy: string): string | null => {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(ddmmyyyy.trim());
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).slice(2)}${String(mo).padStart(2, '0')}${String(d).padStart(2, '0')}`;
};

/** Last resort: the citizen types what is printed on the back of the card (the chip's access key). */
export function MrzEntryScreen({ onBack, onDone }: { onBack(): void; onDone(): void }) {
  const { t } = useTranslation();
  const api = useKioskApi();
  const [values, setValues] = useState<Record<FieldName, string>>({ idNumber: '', dob: '', expiry: '' });
  const [noExpiry, setNoExpiry] = useState(false);
  const [focus, setFocus] = useState<FieldName | null>('idNumber');
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});

  const submit = (): void => {
    const e: Partial<Record<FieldName, string>> = {};
    if (!/^\d{12}$/.test(values.idNumber)) e.idNumber = t('mrz.errors.idNumber');
    const dob = toYymmdd(values.dob);
    if (!dob) e.dob = t('mrz.errors.date');
    const expiry = noExpiry ? '991231' : toYymmdd(values.expiry);
    if (!expiry) e.expiry = t('mrz.errors.date');
    setErrors(e);
    if (Object.keys(e).length || !dob || !expiry) return;
    api
      .call('identify.mrz', {
        documentNumber: values.idNumber.slice(-9),
        dateOfBirth: dob,
        dateOfExpiry: expiry,
      })
      .then(onDone)
      .catch(() => setErrors({ idNumber: t('identify.genericError') }));
  };

  const field = (name: FieldName, hint: string) => (
    <div className={`form-group${errors[name] ? ' form-group--error' : ''}`} data-testid={`mrz-${name}`}>
      <label className="label" htmlFor={`mrz-${name}`}>
        {t(`mrz.${name}`)}
      </label>
      <p className="hint">{hint}</p>
      {errors[name] && <p className="error-message">{errors[name]}</p>}
      <input
        id={`mrz-${name}`}
        className={`input${focus === name ? ' input--active' : ''}`}
        inputMode="none"
        autoComplete="off"
        value={values[name]}
        disabled={name === 'expiry' && noExpiry}
        onFocus={() => setFocus(name)}
        onChange={(ev) => setValues({ ...values, [name]: ev.target.value })}
      />
    </div>
  );

  return (
    <main id="main" className="screen screen--with-keyboard" data-testid="screen-mrz">
      <button type="button" className="back-link" onClick={onBack}>
        {t('form.back')}
      </button>
      <h1 className="heading-l">{t('mrz.title')}</h1>
      <p className="body">{t('mrz.lead')}</p>
      {field('idNumber', t('mrz.idNumberHint'))}
      {field('dob', t('mrz.dateHint'))}
      {field('expiry', t('mrz.expiryHint'))}
      <label className="radio">
        <input type="checkbox" checked={noExpiry} onChange={(e) => setNoExpiry(e.target.checked)} />
        <span>{t('mrz.noExpiry')}</span>
      </label>
      <button type="button" className="button" onClick={submit} data-testid="mrz-continue">
        {t('form.continue')}
      </button>
      {focus && (
        <KeyboardDock focusKey={focus}>
          <Keyboard
            layout="numeric"
            value={values[focus]}
            onChange={(v) => setValues({ ...values, [focus]: v })}
            onDone={() => setFocus(null)}
          />
        </KeyboardDock>
      )}
    </main>
  );
}
