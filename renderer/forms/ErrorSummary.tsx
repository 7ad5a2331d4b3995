import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { inputId } from './fields/TextInput';

/** GOV.UK error summary: at the top, focused when it appears, each error links to its question. */
export function ErrorSummary({ errors }: { errors: { fieldId: string; label: string; message: string }[] }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors.length) ref.current?.focus();
  }, [errors]);
  if (!errors.length) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} data-testid="error-summary">
      <h2 className="error-summary__title">{t('form.errorSummaryTitle')}</h2>
      <ul>
        {errors.map((e) => (
          <li key={e.fieldId}>
            <a
              href={`#${inputId(e.fieldId)}`}
              onClick={(ev) => {
                ev.preventDefault();
                const el =
                  document.getElementById(inputId(e.fieldId)) ??
                  document.querySelector<HTMLElement>(
                    `[data-testid="field-${e.fieldId}"] input, [data-testid="field-${e.fieldId}"] select`,
                  );
                el?.focus();
                el?.scrollIntoView({ block: 'center' });
              }}
            >
              {e.label}: {e.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
