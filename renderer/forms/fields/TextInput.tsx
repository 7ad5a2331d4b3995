import { useFormContext } from 'react-hook-form';
import { type KeyboardTarget, useFormUi } from '../FormContext';

/**
 * A text box the on-screen keyboard types into (the OS keyboard is suppressed with inputMode="none";
 * a physical keyboard still works). `path` is the value's path in the form (`field`, `field.sub`, `table.0.col`).
 */
export function TextInput({
  path,
  label,
  layout,
  invalid,
  describedBy,
  width,
  autoFocus,
}: {
  path: string;
  label: string;
  layout: KeyboardTarget['layout'];
  invalid?: boolean;
  describedBy?: string;
  width?: 'full' | 'short' | 'year';
  autoFocus?: boolean;
}) {
  const { register } = useFormContext();
  const ui = useFormUi();
  const active = ui.focused?.path === path;
  return (
    <input
      {...register(path)}
      id={inputId(path)}
      className={`input input--${width ?? 'full'}${invalid ? ' input--error' : ''}${active ? ' input--active' : ''}`}
      type="text"
      inputMode="none"
      autoComplete="off"
      spellCheck={false}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
      data-field={path}
      autoFocus={autoFocus}
      onFocus={() => ui.focus({ path, layout, label })}
    />
  );
}

export function inputId(path: string): string {
  return `f-${path.replace(/\./g, '-')}`;
}
