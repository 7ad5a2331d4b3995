import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { KEYBOARD_MARGIN, keyboardFloor } from '../../components/KeyboardDock';
import { useTranslation } from 'react-i18next';
import { type PlaceOption, useFormUi } from '../FormContext';
import { pickerOptions } from '../place-search';
import { inputId, TextInput } from './TextInput';
import './place-picker.css';

/**
 * One level of a post-2025 address (the province, or the commune) as a searchable picker instead of a native
 * drop-down. Chosen, it is one big button "Tỉnh, thành phố: Hà Nội — Đổi"; open, it is a search box typed on the
 * on-screen keyboard (accents optional, raw Telex folded: forms/place-search.ts) above a list of buttons, the
 * kiosk's own unit first. The 34 provinces are all listed, so nobody has to type; a province's communes are
 * listed on request ("Xem cả …").
 */
export function PlacePicker({
  kind,
  path,
  label,
  places,
  value,
  homeCode,
  open,
  within,
  onOpen,
  onClose,
  onChoose,
}: {
  kind: 'province' | 'commune';
  /** The address's path in the form (`residenceAddress`). */
  path: string;
  label: string;
  places: PlaceOption[];
  /** The chosen unit's code ('' for none). */
  value: string;
  homeCode?: string | null;
  open: boolean;
  /** The chosen province's name (the communes' "show all" button names it). */
  within?: string;
  onOpen(): void;
  /** Closes the search and keeps the unit chosen (offered only when one is). */
  onClose(): void;
  onChoose(code: string): void;
}) {
  const { t } = useTranslation('placePicker');
  const { t: tt } = useTranslation();
  const ui = useFormUi();
  const { control } = useFormContext();
  const queryPath = kind === 'province' ? `${path}__pq` : `${path}__q`;
  const query = (useWatch({ control, name: queryPath }) as string | undefined) ?? '';
  const [showAll, setShowAll] = useState(false);
  const options = useMemo(
    () =>
      pickerOptions(places, query, homeCode, {
        all: kind === 'province' || showAll,
        limit: kind === 'province' ? places.length : 8,
      }),
    [places, query, homeCode, kind, showAll],
  );
  const chosen = places.find((p) => p.code === value);
  const id = inputId(`${path}.${kind}Code`);
  const listId = `${id}-list`;
  const list = useRef<HTMLUListElement>(null);
  const group = useRef<HTMLDivElement>(null);
  // Opened with "Đổi": the focus goes to the picker (the button it was is gone), for screen readers and keys.
  const wasOpen = useRef(open);
  useEffect(() => {
    if (open && !wasOpen.current) group.current?.focus();
    wasOpen.current = open;
  }, [open]);
  const typing = ui.focused?.path === queryPath;
  // While the citizen types, the first matches are kept above the keyboard too (the search box stays in view).
  useLayoutEffect(() => {
    if (!typing || !list.current) return;
    const floor = keyboardFloor();
    const input = document.getElementById(inputId(queryPath));
    const first = list.current.querySelector('li:nth-child(3)') ?? list.current.lastElementChild;
    if (!input || !first) return;
    const below = first.getBoundingClientRect().bottom - floor;
    const room = input.getBoundingClientRect().top - KEYBOARD_MARGIN;
    if (below > 0 && room > 0) window.scrollBy(0, Math.min(below, room));
  }, [typing, options, queryPath]);

  if (!open)
    return (
      <button
        type="button"
        id={id}
        className="button button--secondary place-picker__chosen"
        data-testid={`${kind}-picker-${path}`}
        data-value={value}
        aria-expanded={false}
        onClick={onOpen}
      >
        <span className="place-picker__value">{t('chosen', { label, name: chosen?.name ?? '' })}</span>
        {' — '}
        <span className="place-picker__change">{t('change')}</span>
      </button>
    );

  const searchLabel = kind === 'province' ? t('provinceSearch') : t('communeSearch');
  const typed = query.trim() !== '';
  return (
    <div
      className="place-picker"
      id={id}
      ref={group}
      tabIndex={-1}
      role="group"
      aria-labelledby={`${id}-label`}
      data-value={value}
      data-testid={`${kind}-search-${path}`}
    >
      <p className="label label--small" id={`${id}-label`}>
        {label}
      </p>
      <label className="label label--small place-picker__search-label" htmlFor={inputId(queryPath)}>
        {searchLabel}
      </label>
      {/* the keyboard's echo line names the search briefly */}
      <TextInput
        path={queryPath}
        label={kind === 'province' ? t('provinceSearchShort') : t('communeSearchShort')}
        layout="text"
      />
      {options.length > 0 && (
        <ul
          className={`place-picker__options place-picker__options--${kind}`}
          id={listId}
          ref={list}
          aria-label={kind === 'province' ? t('provinceList') : t('communeList')}
        >
          {options.map((p) => (
            <li key={p.code}>
              <button
                type="button"
                className="button button--secondary place-picker__option"
                data-testid={`${kind}-option`}
                data-code={p.code}
                aria-current={p.code === value ? 'true' : undefined}
                onClick={() => {
                  setShowAll(false);
                  onChoose(p.code);
                }}
              >
                {p.code === homeCode ? tt('formAddress.home', { place: p.name }) : p.name}
                {p.code === value && <span className="visually-hidden"> ({t('current')})</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
      {typed && options.length === 0 && (
        <p className="hint" role="status">
          {kind === 'province' ? t('noProvince') : t('noCommune')}
        </p>
      )}
      {kind === 'commune' && !typed && !showAll && (
        <>
          <p className="hint">{t('typeHint')}</p>
          <button
            type="button"
            className="button button--secondary place-picker__all"
            data-testid={`commune-show-all-${path}`}
            aria-controls={listId}
            onClick={() => setShowAll(true)}
          >
            {t('showAll', { count: places.length, province: within ?? '' })}
          </button>
        </>
      )}
      {chosen && (
        <button type="button" className="link-button place-picker__keep" onClick={onClose}>
          {t('keep', { name: chosen.name })}
        </button>
      )}
    </div>
  );
}
