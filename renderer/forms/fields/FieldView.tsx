import { useEffect } from 'react';
import { useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Column, Field } from '../../../common/catalogue/schema';
import { useFormUi } from '../FormContext';
import { AddressInput } from './AddressInput';
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
