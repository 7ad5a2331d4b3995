import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useKioskApi } from '../api/KioskApiContext';
import { Keyboard } from '../components/Keyboard';
import { KeyboardDock } from '../components/KeyboardDock';
import type { IdentifyState } from '../flows/useIdentify';

/**
 * A chip that opens only with its Card Access Number (PACE): the citizen types the 6 digits printed on the
 * card on the on-screen keypad. One question, an error summary when it is wrong, the card stays on the reader.
 */
export function CanEntryScreen({ state, onBack }: { state: IdentifyState; onBack(): void }) {
  const { t } = useTranslation();
  const api = useKioskApi();
  const [can, setCan] = useState('');
  const [formatError, setFormatError] = useState(false);
  const [busy, setBusy] = useState(false);
  // Any news from the host (a new failure, progress) ends the wait.
  useEffect(() => setBusy(false), [state]);

  const wrongCan = !busy && state.error === 'chip-pace-failed';
  const submit = (): void => {
    if (!/^\d{6}$/.test(can)) {
      setFormatError(true);
      return;
    }
    setFormatError(false);
    setBusy(true);
    api.call('identify.can', { can }).catch(() => {
      setBusy(false);
      setFormatError(true);
    });
    setCan('');
  };
  const message = formatError ? t('can.errors.format') : wrongCan ? t('can.errors.wrong') : null;

  return (
    <main id="main" className="screen screen--with-keyboard" data-testid="screen-can">
      <button type="button" className="back-link" onClick={onBack}>
        {t('identify.back')}
      </button>
      {message && (
        <div className="error-summary" role="alert" data-testid="can-error">
          <h2 className="error-summary__title">{t('can.problem')}</h2>
          <p className="body">{message}</p>
        </div>
      )}
      <h1 className="heading-l">{t('can.title')}</h1>
      <p className="body">{t('can.lead')}</p>
      <div className={`form-group${message ? ' form-group--error' : ''}`}>
        <label className="label" htmlFor="can-input">
          {t('can.label')}
        </label>
        <p className="hint">{t('can.hint')}</p>
        <input
          id="can-input"
          data-testid="can-input"
          className="input input--active input--can"
          inputMode="none"
          autoComplete="off"
          maxLength={6}
          value={can}
          aria-invalid={message ? true : undefined}
          onChange={(e) => setCan(e.target.value.replace(/\D/g, '').slice(0, 6))}
        />
      </div>
      <button type="button" className="button" onClick={submit} disabled={busy} data-testid="can-continue">
        {busy ? t('can.opening') : t('form.continue')}
      </button>
      <KeyboardDock>
        <Keyboard
          layout="numeric"
          value={can}
          onChange={(v) => setCan(v.replace(/\D/g, '').slice(0, 6))}
          onDone={submit}
        />
      </KeyboardDock>
    </main>
  );
}
