import { useTranslation } from 'react-i18next';
import { useDisplayOptions } from '../flows/useDisplayOptions';

/**
 * Header control: two buttons, "Chữ to" (text size: each press steps ×1 → ×1.5 → ×2 → ×1, the button says
 * the size now) and "Tương phản cao" (high contrast, on/off). State is shown by `aria-pressed`, a tick and a
 * filled face — never by colour alone.
 */
export function DisplayOptions() {
  const { t } = useTranslation();
  const { options, toggle } = useDisplayOptions();
  const large = options.textSize > 1;
  return (
    <div className="display-options" role="group" aria-label={t('display.label')}>
      <button
        type="button"
        className="button display-options__toggle"
        aria-pressed={large}
        data-size={options.textSize}
        onClick={() => toggle('textSize')}
        data-testid="display-large-text"
      >
        <span className="display-options__mark" aria-hidden="true">
          {large ? '✓' : ''}
        </span>
        {t('display.largeText')}
        {large && (
          <span className="display-options__size" data-testid="display-text-size">
            {' '}
            {t('textSize', { ns: 'ux', size: options.textSize === 2 ? '2' : '1,5' })}
          </span>
        )}
      </button>
      <button
        type="button"
        className="button display-options__toggle"
        aria-pressed={options.highContrast}
        onClick={() => toggle('highContrast')}
        data-testid="display-high-contrast"
      >
        <span className="display-options__mark" aria-hidden="true">
          {options.highContrast ? '✓' : ''}
        </span>
        {t('display.highContrast')}
      </button>
    </div>
  );
}
