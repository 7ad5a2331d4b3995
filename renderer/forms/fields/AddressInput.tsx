import { useEffect, useState } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { type KeyboardTarget, type PlaceOption, useFormUi } from '../FormContext';
import { PlacePicker } from './PlacePicker';
import { inputId, TextInput } from './TextInput';

type Home = { provinceCode: string; communeCode: string; label: string };

/**
 * Post-2025 address: province → commune (no districts), each a searchable picker (PlacePicker), then house
 * number / street / village. An old card address is remapped to today's units (or the citizen picks among the
 * communes it was split into); the kiosk's own commune is offered first.
 */
export function AddressInput({ path }: { path: string }) {
  const { t } = useTranslation();
  const ui = useFormUi();
  const { control, setValue } = useFormContext();
  const value = useWatch({ control, name: path }) as
    { provinceCode?: string; communeCode?: string; detail?: string; pendingText?: string } | undefined;
  const [provinces, setProvinces] = useState<PlaceOption[]>([]);
  const [communes, setCommunes] = useState<PlaceOption[]>([]);
  const [candidates, setCandidates] = useState<Home[]>([]);
  const provinceCode = value?.provinceCode ?? '';
  const communeCode = value?.communeCode ?? '';
  const [home, setHome] = useState<Home | null>(null);
  /** The picker the citizen reopened with "Đổi" (else: the first one still to choose is open). */
  const [changing, setChanging] = useState<'province' | 'commune' | null>(null);
  useEffect(() => {
    void ui.places.home?.().then(setHome);
  }, [ui.places]);

  useEffect(() => {
    void ui.places.provinces().then(setProvinces);
  }, [ui.places]);
  useEffect(() => {
    if (!provinceCode) return setCommunes([]);
    void ui.places.communes(provinceCode).then(setCommunes);
  }, [provinceCode, ui.places]);
  // An address read from the card uses pre-2025 names: map it to today's units, or let the citizen choose.
  useEffect(() => {
    const text = value?.pendingText;
    if (!text) return;
    void ui.places.remap(text).then((r) => {
      const detail = r.status === 'not-found' ? text : r.detail;
      if (r.status === 'unique')
        setValue(path, { provinceCode: r.provinceCode, communeCode: r.communeCode, detail });
      else {
        // a commune split between new communes: today's province is known, the citizen picks the commune
        const provincesOf = new Set(r.status === 'ambiguous' ? r.candidates.map((c) => c.provinceCode) : []);
        const province = provincesOf.size === 1 ? [...provincesOf][0]! : '';
        setValue(path, { provinceCode: province, communeCode: '', detail });
        if (r.status === 'ambiguous') setCandidates(r.candidates);
      }
    });
  }, [value?.pendingText, path, setValue, ui.places]);

  // Keep the unit names beside the codes so "check your answers" and the receipt can show them.
  useEffect(() => {
    const provinceName = provinces.find((p) => p.code === provinceCode)?.name;
    const communeName = communes.find((c) => c.code === communeCode)?.name;
    if (!value || (value as Record<string, unknown>).pendingText) return;
    const v = value as Record<string, unknown>;
    if (v.provinceName !== provinceName || v.communeName !== communeName)
      setValue(path, { ...value, provinceName, communeName });
  }, [provinceCode, communeCode, provinces, communes, value, path, setValue]);

  const set = (patch: Record<string, string>): void =>
    setValue(
      path,
      { provinceCode: '', communeCode: '', detail: '', ...value, pendingText: undefined, ...patch },
      { shouldDirty: true },
    );
  /** The keyboard (and the focus, once the box is on screen) to the next box to type in. */
  const typeNext = (target: KeyboardTarget): void => {
    ui.focus(target);
    requestAnimationFrame(() => document.getElementById(inputId(target.path))?.focus());
  };
  const detailNext = (): void =>
    typeNext({ path: `${path}.detail`, layout: 'text', label: t('form.address.detail') });
  const pending = !!value?.pendingText;
  const open = pending ? null : (changing ?? (!provinceCode ? 'province' : !communeCode ? 'commune' : null));
  const chooseCommune = (code: string, province?: string): void => {
    set(province ? { provinceCode: province, communeCode: code } : { communeCode: code });
    setValue(`${path}__q`, '');
    setCandidates([]);
    setChanging(null);
    detailNext();
  };

  return (
    <div className="address-input">
      {candidates.length > 0 && (
        <div className="inset" data-testid="address-candidates">
          <p>{t('form.address.chooseCandidate')}</p>
          {candidates.map((c) => (
            <button
              key={c.communeCode}
              type="button"
              className="button button--secondary"
              onClick={() => {
                chooseCommune(c.communeCode, c.provinceCode);
              }}
            >
              {c.label}
            </button>
          ))}
        </div>
      )}
      {home && !communeCode && !pending && (
        <button
          type="button"
          className="button button--secondary"
          data-testid="address-home"
          onClick={() => {
            chooseCommune(home.communeCode, home.provinceCode);
          }}
        >
          {t('formAddress.home', { place: home.label })}
        </button>
      )}
      <PlacePicker
        kind="province"
        path={path}
        label={t('form.address.province')}
        places={provinces}
        value={provinceCode}
        homeCode={home?.provinceCode}
        open={open === 'province'}
        onOpen={() => setChanging('province')}
        onClose={() => setChanging(null)}
        onChoose={(code) => {
          setValue(`${path}__pq`, '');
          setChanging(null);
          if (code === provinceCode && communeCode) return;
          set({ provinceCode: code, communeCode: '' });
          // the commune's search next, on the on-screen keyboard
          typeNext({
            path: `${path}__q`,
            layout: 'text',
            label: t('communeSearchShort', { ns: 'placePicker' }),
          });
        }}
      />
      {provinceCode && (
        <PlacePicker
          kind="commune"
          path={path}
          label={t('form.address.commune')}
          places={communes}
          value={communeCode}
          homeCode={home?.provinceCode === provinceCode ? home.communeCode : null}
          within={provinces.find((p) => p.code === provinceCode)?.name}
          open={open === 'commune'}
          onOpen={() => setChanging('commune')}
          onClose={() => setChanging(null)}
          onChoose={(code) => chooseCommune(code)}
        />
      )}
      <label className="label label--small" htmlFor={inputId(`${path}.detail`)}>
        {t('form.address.detail')}
      </label>
      <TextInput path={`${path}.detail`} label={t('form.address.detail')} layout="text" />
    </div>
  );
}
