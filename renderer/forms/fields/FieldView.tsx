import { useEffect, useMemo, useState } from 'react';
import { useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Column, Field } from '../../../common/catalogue/schema';
import { type PlaceOption, useFormUi } from '../FormContext';
import { matchPlaces } from '../place-search';
import { inputId, TextInput } from './TextInput';

type Simple = Field | Column;

function layoutOf(field: Simple): 'text' | 'numeric' | 'email' | 'phone' {
  if (field.keyboard) return field.keyboard;
  if (field.type === 'number' || field.type === 'idNumber') return 'numeric';
  if (field.type === 'phone') return 'phone';
  if (field.type === 'email') return 'email';
  return 'text';
}

/** One question: label, hint, inline error, and the input for its type. */
export function FieldView({
  field,
  error,
  locked,
}: {
  field: Field;
  error?: string;
  locked?: React.ReactNode;
}) {
  const ui = useFormUi();
  const { t } = useTranslation();
  const label = field.label[ui.lang];
  const hintId = field.help ? `${inputId(field.id)}-hint` : undefined;
  const errorId = error ? `${inputId(field.id)}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const group =
    field.type === 'choice' ||
    field.type === 'yesno' ||
    field.type === 'date' ||
    field.type === 'address' ||
    field.type === 'person' ||
    field.type === 'table';
  const Wrapper = group ? 'fieldset' : 'div';
  return (
    <Wrapper
      className={`form-group${error ? ' form-group--error' : ''}`}
      data-testid={`field-${field.id}`}
      aria-describedby={group ? describedBy : undefined}
    >
      {group ? (
        <legend className="label">
          {label}
          {!field.required && <span className="optional"> {t('form.optional')}</span>}
        </legend>
      ) : (
        <label className="label" htmlFor={inputId(field.id)}>
          {label}
          {!field.required && <span className="optional"> {t('form.optional')}</span>}
        </label>
      )}
      {field.help && (
        <p className="hint" id={hintId}>
          {field.help[ui.lang]}
        </p>
      )}
      {error && (
        <p className="error-message" id={errorId}>
          <span className="visually-hidden">{t('form.errorPrefix')}</span> {error}
        </p>
      )}
      {locked ?? <FieldInput field={field} path={field.id} invalid={!!error} describedBy={describedBy} />}
    </Wrapper>
  );
}

export function FieldInput({
  field,
  path,
  invalid,
  describedBy,
}: {
  field: Simple;
  path: string;
  invalid?: boolean;
  describedBy?: string;
}) {
  const ui = useFormUi();
  const label = field.label[ui.lang];
  switch (field.type) {
    case 'choice':
      return (
        <ChoiceInput
          path={path}
          options={(field.options ?? []).map((o) => ({ value: o.value, label: o.label[ui.lang] }))}
        />
      );
    case 'yesno':
      return <YesNoInput path={path} />;
    case 'date':
      return <DateInput path={path} allowPartial={field.validation?.allowPartial ?? false} />;
    case 'address':
      return <AddressInput path={path} />;
    case 'person':
      return <PersonInput path={path} />;
    case 'table':
      return <TableInput path={path} columns={(field as Field).columns ?? []} />;
    default:
      return (
        <TextInput
          path={path}
          label={label}
          layout={layoutOf(field)}
          invalid={invalid}
          describedBy={describedBy}
          width={field.type === 'number' ? 'short' : 'full'}
        />
      );
  }
}

function ChoiceInput({ path, options }: { path: string; options: { value: string; label: string }[] }) {
  const { register } = useFormContext();
  return (
    <div className="radios">
      {options.map((o) => (
        <label key={o.value} className="radio">
          <input type="radio" value={o.value} {...register(path)} />
          <span>{o.label}</span>
        </label>
      ))}
    </div>
  );
}

function YesNoInput({ path }: { path: string }) {
  const { t } = useTranslation();
  const { setValue, control } = useFormContext();
  const value = useWatch({ control, name: path }) as boolean | undefined;
  return (
    <div className="radios radios--inline">
      {[true, false].map((v) => (
        <label key={String(v)} className="radio">
          <input
            type="radio"
            name={path}
            checked={value === v}
            onChange={() => setValue(path, v, { shouldDirty: true })}
          />
          <span>{v ? t('form.yes') : t('form.no')}</span>
        </label>
      ))}
    </div>
  );
}

/** GOV.UK date input: day, month, year boxes composed into an ISO date (`YYYY` alone when partial dates are allowed). */
function DateInput({ path, allowPartial }: { path: string; allowPartial: boolean }) {
  const { t } = useTranslation();
  const { control, setValue, register } = useFormContext();
  const value = (useWatch({ control, name: path }) as string | undefined) ?? '';
  const parts = useWatch({ control, name: [`${path}__d`, `${path}__m`, `${path}__y`] }) as (
    string | undefined
  )[];
  const [d = '', m = '', y = ''] = parts;
  // Seed the boxes from a prefilled/saved ISO value once.
  useEffect(() => {
    if (!value || d || m || y) return;
    const [yy = '', mm = '', dd = ''] = value.split('-');
    setValue(`${path}__y`, yy);
    setValue(`${path}__m`, mm ? String(Number(mm)) : '');
    setValue(`${path}__d`, dd ? String(Number(dd)) : '');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  useEffect(() => {
    const pad = (s: string): string => s.trim().padStart(2, '0');
    let iso = '';
    if (y.trim()) {
      if (d.trim() && m.trim()) iso = `${y.trim()}-${pad(m)}-${pad(d)}`;
      else if (allowPartial && m.trim()) iso = `${y.trim()}-${pad(m)}`;
      else if (allowPartial && !d.trim()) iso = y.trim();
      else iso = `${y.trim()}-${pad(m || '0')}-${pad(d || '0')}`;
    } else if (d.trim() || m.trim()) iso = 'invalid';
    if (iso !== value) setValue(path, iso, { shouldDirty: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [d, m, y]);
  void register;
  return (
    <div className="date-input">
      <div className="date-input__item">
        <label className="label label--small" htmlFor={inputId(`${path}__d`)}>
          {t('form.day')}
        </label>
        <TextInput path={`${path}__d`} label={t('form.day')} layout="numeric" width="short" />
      </div>
      <div className="date-input__item">
        <label className="label label--small" htmlFor={inputId(`${path}__m`)}>
          {t('form.month')}
        </label>
        <TextInput path={`${path}__m`} label={t('form.month')} layout="numeric" width="short" />
      </div>
      <div className="date-input__item">
        <label className="label label--small" htmlFor={inputId(`${path}__y`)}>
          {t('form.year')}
        </label>
        <TextInput path={`${path}__y`} label={t('form.year')} layout="numeric" width="year" />
      </div>
    </div>
  );
}

/** Post-2025 address: province → commune (no districts), then house number / street / village. */
function AddressInput({ path }: { path: string }) {
  const { t } = useTranslation();
  const ui = useFormUi();
  const { control, setValue } = useFormContext();
  const value = useWatch({ control, name: path }) as
    { provinceCode?: string; communeCode?: string; detail?: string; pendingText?: string } | undefined;
  const [provinces, setProvinces] = useState<PlaceOption[]>([]);
  const [communes, setCommunes] = useState<PlaceOption[]>([]);
  const [candidates, setCandidates] = useState<
    { provinceCode: string; communeCode: string; label: string }[]
  >([]);
  const provinceCode = value?.provinceCode ?? '';
  const [home, setHome] = useState<{ provinceCode: string; communeCode: string; label: string } | null>(null);
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
  const communeCode = value?.communeCode ?? '';
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

  // Searchable commune list: typed with or without accents, on the on-screen keyboard.
  const queryPath = `${path}__q`;
  const query = (useWatch({ control, name: queryPath }) as string | undefined) ?? '';
  // accents optional, raw Telex keystrokes folded, the kiosk's own commune first (forms/place-search.ts)
  const matches = useMemo(() => matchPlaces(communes, query, home?.communeCode), [query, communes, home]);

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
                set({ provinceCode: c.provinceCode, communeCode: c.communeCode });
                setCandidates([]);
              }}
            >
              {c.label}
            </button>
          ))}
        </div>
      )}
      {home && !value?.communeCode && !value?.pendingText && (
        <button
          type="button"
          className="button button--secondary"
          data-testid="address-home"
          onClick={() => {
            set({ provinceCode: home.provinceCode, communeCode: home.communeCode });
            setCandidates([]);
            ui.focus({ path: `${path}.detail`, layout: 'text', label: t('form.address.detail') });
          }}
        >
          {t('formAddress.home', { place: home.label })}
        </button>
      )}
      <label className="label label--small" htmlFor={inputId(`${path}.provinceCode`)}>
        {t('form.address.province')}
      </label>
      <select
        id={inputId(`${path}.provinceCode`)}
        className="select"
        value={provinceCode}
        onChange={(e) => set({ provinceCode: e.target.value, communeCode: '' })}
      >
        <option value="">{t('form.address.choose')}</option>
        {[...provinces]
          .sort((a, b) => Number(b.code === home?.provinceCode) - Number(a.code === home?.provinceCode))
          .map((p) => (
            <option key={p.code} value={p.code}>
              {p.name}
            </option>
          ))}
      </select>
      {provinceCode && (
        <div className="address-input__search" data-testid={`commune-search-${path}`}>
          <label className="label label--small" htmlFor={inputId(queryPath)}>
            {t('formAddress.search')}
          </label>
          <TextInput path={queryPath} label={t('formAddress.search')} layout="text" />
          {matches.length > 0 && (
            <ul className="address-input__matches" aria-label={t('formAddress.matches')}>
              {matches.map((c) => (
                <li key={c.code}>
                  <button
                    type="button"
                    className="button button--secondary"
                    data-testid="commune-option"
                    onClick={() => {
                      set({ communeCode: c.code });
                      setValue(queryPath, '');
                      setCandidates([]);
                      ui.focus({ path: `${path}.detail`, layout: 'text', label: t('form.address.detail') });
                    }}
                  >
                    {c.name}
                  </button>
                </li>
              ))}
            </ul>
          )}
          {query.trim() !== '' && matches.length === 0 && <p className="hint">{t('formAddress.noMatch')}</p>}
        </div>
      )}
      <label className="label label--small" htmlFor={inputId(`${path}.communeCode`)}>
        {t('form.address.commune')}
      </label>
      <select
        id={inputId(`${path}.communeCode`)}
        className="select"
        value={value?.communeCode ?? ''}
        disabled={!provinceCode}
        onChange={(e) => set({ communeCode: e.target.value })}
      >
        <option value="">{t('form.address.choose')}</option>
        {communes.map((c) => (
          <option key={c.code} value={c.code}>
            {c.name}
          </option>
        ))}
      </select>
      <label className="label label--small" htmlFor={inputId(`${path}.detail`)}>
        {t('form.address.detail')}
      </label>
      <TextInput path={`${path}.detail`} label={t('form.address.detail')} layout="text" />
    </div>
  );
}

function PersonInput({ path }: { path: string }) {
  const { t } = useTranslation();
  return (
    <div className="person-input">
      <label className="label label--small" htmlFor={inputId(`${path}.fullName`)}>
        {t('form.person.fullName')}
      </label>
      <TextInput path={`${path}.fullName`} label={t('form.person.fullName')} layout="text" />
      <label className="label label--small" htmlFor={inputId(`${path}.dateOfBirth`)}>
        {t('form.person.dateOfBirth')}
      </label>
      <p className="hint">{t('form.person.dateHint')}</p>
      <TextInput
        path={`${path}.dateOfBirth`}
        label={t('form.person.dateOfBirth')}
        layout="numeric"
        width="year"
      />
      <label className="label label--small" htmlFor={inputId(`${path}.idNumber`)}>
        {t('form.person.idNumber')} <span className="optional">{t('form.optional')}</span>
      </label>
      <TextInput path={`${path}.idNumber`} label={t('form.person.idNumber')} layout="numeric" />
    </div>
  );
}

function TableInput({ path, columns }: { path: string; columns: Column[] }) {
  const { t } = useTranslation();
  const ui = useFormUi();
  const { control } = useFormContext();
  const { fields, append, remove } = useFieldArray({ control, name: path });
  return (
    <div className="table-input">
      {fields.map((row, i) => (
        <div key={row.id} className="table-input__row" data-testid={`row-${path}-${i}`}>
          <h3 className="heading-s">{t('form.table.row', { n: i + 1 })}</h3>
          {columns.map((c) => (
            <div key={c.id} className="form-group form-group--nested">
              <label className="label label--small" htmlFor={inputId(`${path}.${i}.${c.id}`)}>
                {c.label[ui.lang]}
              </label>
              <FieldInput field={c} path={`${path}.${i}.${c.id}`} />
            </div>
          ))}
          <button type="button" className="button button--warning" onClick={() => remove(i)}>
            {t('form.table.remove', { n: i + 1 })}
          </button>
        </div>
      ))}
      <button type="button" className="button button--secondary" onClick={() => append({})}>
        {t('form.table.add')}
      </button>
    </div>
  );
}
