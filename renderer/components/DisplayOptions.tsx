import { useTranslation } from 'react-i18next';
import { type DisplayOptions as Options, useDisplayOptions } from '../flows/useDisplayOptions';

const OPTIONS: { key: keyof Options; label: string; testId: string }[] = [
  { key: 'largeText', label: 'display.largeText', testId: 'display-large-text' },
  { key: 'highContrast', label: 'display.highContrast', testId: 'display-high-contrast' },
];

/**
 * Header control: two toggle buttons, "Chữ to" (large text) and "Tương phản cao" (high contrast).
 * State is shown by `aria-pressed`, a tick and a filled face — never by colour alone.
 */
export function DisplayOptions() {
  const { t } = useTranslation();
  const { options, toggle } = useDisplayOptions();
  return (
    <div className="display-options" role="group" aria-label={t('display.label')}>
      {OPTIONS.map(({ key, label, testId }) => (
        <button
          key={key}
          type="button"
          className="button display-options__toggle"
          aria-pressed={options[key]}
          onClick={() => toggle(key)}
          data-testid={testId}
        >
          <span className="display-options__mark" aria-hidden="true">
            {options[key] ? '✓' : ''}
          </span>
          {t(label)}
        </button>
      ))}
    </div>
  );
}
