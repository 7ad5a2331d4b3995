import { useTranslation } from 'react-i18next';

/** A panel's data did not load (staff mode closed, host busy): a sentence and "Thử lại". */
export function LoadFailed({ onRetry }: { onRetry(): void }) {
  const { t } = useTranslation('staff');
  return (
    <div className="error-summary" role="alert" data-testid="staff-load-failed">
      <p className="body">{t('console.loadFailed')}</p>
      <button type="button" className="button button--secondary" onClick={onRetry}>
        {t('console.retry')}
      </button>
    </div>
  );
}
