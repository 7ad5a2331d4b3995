import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useKioskApi } from '../api/KioskApiContext';
import { useAssist } from './useAssist';

/**
 * Staff console: "Hỗ trợ người dân". The host asks the citizen on their screen; once they agree, the officer
 * works on the citizen's own screens under the banner "Cán bộ đang hỗ trợ", and hands back from that banner.
 */
export function AssistPanel() {
  const { t } = useTranslation('staffOutbox');
  const api = useKioskApi();
  const view = useAssist();
  const [error, setError] = useState<string | null>(null);
  const act = (method: 'staff.assist.request' | 'staff.assist.cancel'): void => {
    setError(null);
    api.call(method, {}).catch((e: { code?: string }) => setError(e.code ?? 'internal'));
  };
  return (
    <section data-testid="assist-panel" aria-labelledby="assist-panel-title">
      <h2 id="assist-panel-title" className="heading-l">
        {t('assist.panelTitle')}
      </h2>
      <p className="body">{t('assist.panelLead')}</p>
      {error && (
        <div className="error-summary" role="alert">
          <p className="body">{t(error, { ns: 'errors', defaultValue: t('outbox.failed') })}</p>
        </div>
      )}
      {view.state === 'none' && (
        <button
          type="button"
          className="button"
          onClick={() => act('staff.assist.request')}
          data-testid="assist-request"
        >
          {t('assist.request')}
        </button>
      )}
      {view.state === 'requested' && (
        <>
          <p className="body" role="status">
            {t('assist.requested')}
          </p>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => act('staff.assist.cancel')}
          >
            {t('assist.cancel')}
          </button>
        </>
      )}
      {view.state === 'assisted' && (
        <p className="body" role="status">
          {t('assist.assisting')}
        </p>
      )}
    </section>
  );
}
