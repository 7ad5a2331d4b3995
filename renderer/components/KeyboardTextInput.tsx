/**
 * A text box typed on the kiosk's own keyboard (`inputMode="none"` keeps the system keyboard away): its label,
 * a hint and the box, in one form group. `id` is also the test id.
 */
export function KeyboardTextInput({
  id,
  label,
  hint,
  value,
  onChange,
  onFocus,
  type,
}: {
  id: string;
  label: string;
  hint: string;
  value: string;
  onChange(value: string): void;
  onFocus(): void;
  type?: 'search';
}) {
  return (
    <div className="form-group">
      <label className="label" htmlFor={id}>
        {label}
      </label>
      <p className="hint">{hint}</p>
      <input
        id={id}
        className="input"
        type={type}
        inputMode="none"
        autoComplete="off"
        value={value}
        onFocus={onFocus}
        onChange={(e) => onChange(e.target.value)}
        data-testid={id}
      />
    </div>
  );
}
