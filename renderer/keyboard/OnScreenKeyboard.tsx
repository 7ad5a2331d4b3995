/**
 * The kiosk's on-screen keyboard. Keys are buttons that never take focus from the field
 * (pointer-down is cancelled), every key has an `aria-label` and a stable `data-key`.
 * Text goes through the Telex / VNI composer (text layout) or is typed as it is (other layouts).
 */
import { useState, type PointerEvent, type ReactNode, type MouseEvent } from 'react';
import type { InputMethod, Tone, ToneStyle } from './engine';
import {
  keyText,
  layoutComposes,
  layoutRows,
  nextShift,
  shiftAfter,
  TONE_KEYS,
  type KeyboardLayout,
  type KeySpec,
  type ShiftState,
} from './layouts';
import { useComposerField } from './useComposerField';

export interface OnScreenKeyboardLabels {
  readonly done: string;
  readonly space: string;
  readonly backspace: string;
  readonly shift: string;
  /** Names of the methods, keyed `telex`, `vni`, `off` (for example "Telex", "VNI", "ABC"). */
  readonly methodNames: Record<string, string>;
  /** Names of the tone keys, keyed `sac`, `huyen`, `hoi`, `nga`, `nang` (Vietnamese names by default). */
  readonly tones?: Partial<Record<Tone, string>>;
  /** Name of the whole keyboard, for screen readers. */
  readonly keyboard?: string;
  /** Name of the method switch group. */
  readonly method?: string;
}

export interface OnScreenKeyboardProps {
  readonly layout: KeyboardLayout;
  readonly value: string;
  onChange(next: string): void;
  onDone?(): void;
  /** Input method of the text layout (other layouts always type as-is). Uncontrolled when omitted. */
  readonly method?: InputMethod;
  onMethodChange?(method: InputMethod): void;
  readonly labels: OnScreenKeyboardLabels;
  /** Default `modern` (hoà, thuỷ); `classic` gives hòa, thủy. */
  readonly toneStyle?: ToneStyle;
  /** Rows of quick vowels (ă â đ ê ô ơ ư) and tones on the text layout. Default true. */
  readonly simpleRows?: boolean;
  /** Extra keys on the numeric pad, such as `/` for dates. */
  readonly extraKeys?: readonly string[];
  readonly className?: string;
}

const DEFAULT_TONE_NAMES: Record<Tone, string> = {
  none: 'không dấu',
  sac: 'dấu sắc',
  huyen: 'dấu huyền',
  hoi: 'dấu hỏi',
  nga: 'dấu ngã',
  nang: 'dấu nặng',
};
const METHODS: readonly InputMethod[] = ['telex', 'vni', 'off'];

export function OnScreenKeyboard(props: OnScreenKeyboardProps): ReactNode {
  const { layout, value, onChange, onDone, labels, toneStyle = 'modern', onMethodChange } = props;
  const [ownMethod, setOwnMethod] = useState<InputMethod>(props.method ?? 'telex');
  const chosenMethod = props.method ?? ownMethod;
  const method: InputMethod = layoutComposes(layout) ? chosenMethod : 'off';
  const [shift, setShift] = useState<ShiftState>('off');
  const field = useComposerField({ value, onChange, method, toneStyle });

  const chooseMethod = (m: InputMethod): void => {
    setOwnMethod(m);
    onMethodChange?.(m);
  };

  const press = (key: KeySpec): void => {
    switch (key.kind) {
      case 'char':
        field.type(keyText(key.text, shift));
        setShift(shiftAfter(key.text, shift));
        break;
      case 'space':
        field.type(' ');
        break;
      case 'backspace':
        field.backspace();
        break;
      case 'shift':
        setShift(nextShift(shift));
        break;
      case 'tone':
        field.tone(key.tone);
        break;
      case 'done':
        field.commit();
        onDone?.();
        break;
      case 'methods':
        break;
    }
  };

  const rows = layoutRows(layout, {
    ...(props.simpleRows === undefined ? {} : { simpleRows: props.simpleRows }),
    ...(props.extraKeys === undefined ? {} : { extraKeys: props.extraKeys }),
  });

  const renderKey = (key: KeySpec): ReactNode => {
    const style = key.wide === undefined ? undefined : { flexGrow: key.wide };
    switch (key.kind) {
      case 'methods':
        return (
          <div
            key={key.id}
            className="osk-methods"
            role="group"
            aria-label={labels.method ?? 'Kiểu gõ'}
            style={style}
          >
            {METHODS.map((m) => {
              const name = labels.methodNames[m] ?? m;
              const active = m === chosenMethod;
              return (
                <Key
                  key={m}
                  id={`method-${m}`}
                  label={name}
                  pressed={active}
                  className="osk-key--method"
                  onPress={() => chooseMethod(m)}
                >
                  {active ? <span aria-hidden="true">✓ </span> : null}
                  {name}
                </Key>
              );
            })}
          </div>
        );
      case 'char': {
        const text = keyText(key.text, shift);
        return (
          <Key key={key.id} id={key.id} label={text} style={style} onPress={() => press(key)}>
            {text}
          </Key>
        );
      }
      case 'tone': {
        const name = labels.tones?.[key.tone] ?? DEFAULT_TONE_NAMES[key.tone];
        const sample = TONE_KEYS.find((t) => t.tone === key.tone)?.sample ?? '';
        return (
          <Key
            key={key.id}
            id={key.id}
            label={`${sample} ${name}`}
            className="osk-key--tone"
            style={style}
            onPress={() => press(key)}
          >
            <span className="osk-tone-sample" aria-hidden="true">
              {sample}
            </span>
            <span className="osk-tone-name" aria-hidden="true">
              {name}
            </span>
          </Key>
        );
      }
      case 'shift':
        return (
          <Key
            key={key.id}
            id={key.id}
            label={labels.shift}
            pressed={shift !== 'off'}
            className={`osk-key--shift osk-key--shift-${shift}`}
            style={style}
            data-shift={shift}
            onPress={() => press(key)}
          >
            <span aria-hidden="true">{shift === 'lock' ? '⇪' : '⇧'}</span> {labels.shift}
          </Key>
        );
      case 'space':
        return (
          <Key
            key={key.id}
            id={key.id}
            label={labels.space}
            className="osk-key--space"
            style={style}
            onPress={() => press(key)}
          >
            {labels.space}
          </Key>
        );
      case 'backspace':
        return (
          <Key
            key={key.id}
            id={key.id}
            label={labels.backspace}
            className="osk-key--backspace"
            style={style}
            onPress={() => press(key)}
          >
            <span aria-hidden="true">⌫</span>
          </Key>
        );
      case 'done':
        return (
          <Key
            key={key.id}
            id={key.id}
            label={labels.done}
            className="osk-key--done"
            style={style}
            onPress={() => press(key)}
          >
            {labels.done}
          </Key>
        );
    }
  };

  return (
    <div
      className={['osk', `osk--${layout}`, props.className].filter(Boolean).join(' ')}
      role="group"
      aria-label={labels.keyboard ?? 'Bàn phím'}
      data-layout={layout}
      data-method={method}
    >
      {rows.map((row) => (
        <div key={row.id} className={`osk-row osk-row--${row.id}`} data-row={row.id}>
          {row.keys.map(renderKey)}
        </div>
      ))}
    </div>
  );
}

interface KeyProps {
  readonly id: string;
  readonly label: string;
  readonly pressed?: boolean;
  readonly className?: string;
  readonly style?: { flexGrow: number } | undefined;
  readonly 'data-shift'?: string;
  readonly children: ReactNode;
  onPress(): void;
}

/** A key: a button that keeps the focus in the field and shows when it is held down. */
function Key({ id, label, pressed, className, style, children, onPress, ...rest }: KeyProps): ReactNode {
  const [down, setDown] = useState(false);
  const hold = (event: PointerEvent<HTMLButtonElement>): void => {
    event.preventDefault(); // keeps the focus (and the caret) in the field
    setDown(true);
  };
  const release = (): void => setDown(false);
  const keepFocus = (event: MouseEvent<HTMLButtonElement>): void => event.preventDefault();
  return (
    <button
      type="button"
      tabIndex={-1}
      className={['osk-key', className].filter(Boolean).join(' ')}
      style={style}
      data-key={id}
      data-down={down ? 'true' : undefined}
      aria-label={label}
      aria-pressed={pressed}
      onPointerDown={hold}
      onPointerUp={release}
      onPointerLeave={release}
      onPointerCancel={release}
      onMouseDown={keepFocus}
      onClick={onPress}
      {...rest}
    >
      {children}
    </button>
  );
}
