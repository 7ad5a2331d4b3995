import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result, SimulatorProfile } from '../../common/api/contract';
import { useKioskApi } from '../api/KioskApiContext';

const FAULTS = ['forged-dg', 'bad-sod-signature', 'unknown-csca', 'aa-fail', 'remove-after:40', 'slow:100'];

/** Demo mode only: an unobtrusive technician control to put a fixture card on the simulated reader or show its QR. */
export function DemoPanel({ onPreview }: { onPreview(formId: string, version: string): void }) {
  const { t } = useTranslation();
  const api = useKioskApi();
  const [open, setOpen] = useState(false);
  const [profiles, setProfiles] = useState<SimulatorProfile[]>([]);
  const [profileId, setProfileId] = useState('');
  const [faults, setFaults] = useState<string[]>([]);
  const [forms, setForms] = useState<Result<'catalogue.forms'>>([]);
  const [formKey, setFormKey] = useState('');
  useEffect(() => {
    if (!open || profiles.length) return;
    void api
      .call('simulator.profiles', {})
      .then((p) => {
        setProfiles(p);
        setProfileId((id) => id || p[0]?.id || '');
      })
      .catch(() => undefined);
    void api
      .call('catalogue.forms', {})
      .then((f) => {
        setForms(f);
        setFormKey((k) => k || (f[0] ? `${f[0].id}@${f[0].version}` : ''));
      })
      .catch(() => undefined);
  }, [api, open, profiles.length]);
  if (!open)
    return (
      <button type="button" className="demo-toggle" onClick={() => setOpen(true)} data-testid="demo-open">
        {t('demo.open')}
      </button>
    );
  return (
    <aside className="demo-panel" aria-label={t('demo.title')} data-testid="demo-panel">
      <h2 className="heading-s">{t('demo.title')}</h2>
      <DemoSelect
        id="demo-profile"
        label={t('demo.profile')}
        value={profileId}
        onChange={setProfileId}
        options={profiles.map((p) => ({ value: p.id, label: p.label }))}
      />
      <fieldset className="demo-panel__faults">
        <legend>{t('demo.faults')}</legend>
        {FAULTS.map((f) => (
          <label key={f}>
            <input
              type="checkbox"
              checked={faults.includes(f)}
              onChange={(e) => setFaults(e.target.checked ? [...faults, f] : faults.filter((x) => x !== f))}
            />{' '}
            {f}
          </label>
        ))}
      </fieldset>
      <div className="button-group">
        <button
          type="button"
          className="button button--secondary"
          data-testid="demo-qr"
          onClick={() => void api.call('simulator.showQr', { profileId })}
        >
          {t('demo.showQr')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          data-testid="demo-insert"
          onClick={() => void api.call('simulator.insertCard', { profileId, faults })}
        >
          {t('demo.insert')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          data-testid="demo-remove"
          onClick={() => void api.call('simulator.removeCard', {})}
        >
          {t('demo.remove')}
        </button>
      </div>
      <DemoSelect
        id="demo-form"
        label={t('demo.previewForm')}
        value={formKey}
        onChange={setFormKey}
        options={forms.map((f) => ({ value: `${f.id}@${f.version}`, label: `${f.title.vi} (${f.version})` }))}
      />
      <div className="button-group">
        <button
          type="button"
          className="button button--secondary"
          data-testid="demo-preview"
          onClick={() => {
            const [id, version] = formKey.split('@') as [string, string];
            setOpen(false);
            onPreview(id, version);
          }}
        >
          {t('demo.preview')}
        </button>
        <button type="button" className="link-button" onClick={() => setOpen(false)}>
          {t('demo.close')}
        </button>
      </div>
    </aside>
  );
}

/** A labelled drop-down of the demo panel; `id` is also the test id. */
function DemoSelect({
  id,
  label,
  value,
  onChange,
  options,
}: {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  options: { value: string; label: string }[];
}) {
  return (
    <>
      <label className="label label--small" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        className="select"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        data-testid={id}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </>
  );
}
