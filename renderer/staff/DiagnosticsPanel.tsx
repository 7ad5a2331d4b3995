import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffDiagnostics } from '../../common/api/contract';
import { useKioskApi } from '../api/KioskApiContext';

/**
 * The technician checks (the same as `npm run -s doctor`), run on request: one verdict per check, translated,
 * with the doctor's technical sentence beneath (English, marked as such). Nothing personal is in either.
 */
export function DiagnosticsPanel() {
  const { t } = useTranslation('staff');
  const api = useKioskApi();
  const [report, setReport] = useState<StaffDiagnostics | null>(null);
  const [running, setRunning] = useState(false);
  const [failed, setFailed] = useState(false);
  const run = (): void => {
    setRunning(true);
    setFailed(false);
    api
      .call('staff.diagnostics', {})
      .then(setReport)
      .catch(() => setFailed(true))
      .finally(() => setRunning(false));
  };
  return (
    <div data-testid="staff-diagnostics">
      <p className="body">{t('diagnostics.lead')}</p>
      <button
        type="button"
        className="button"
        onClick={run}
        disabled={running}
        aria-busy={running}
        data-testid="staff-diagnostics-run"
      >
        {running ? t('diagnostics.running') : t('diagnostics.run')}
      </button>
      {failed && (
        <div className="error-summary" role="alert">
          <p className="body">{t('console.loadFailed')}</p>
        </div>
      )}
      {report && (
        <>
          <p className="heading-m" role="status" data-testid="staff-diagnostics-summary">
            {report.ok ? t('diagnostics.ok') : t('diagnostics.notOk')}
          </p>
          <ul className="staff-list">
            {report.checks.map((c) => (
              <li
                key={c.id}
                className={`staff-list__item staff-list__item--${c.status === 'fail' ? 'critical' : c.status === 'warn' ? 'warning' : 'info'}`}
                data-testid={`staff-check-${c.id}`}
                data-status={c.status}
              >
                <div>
                  <p className="caption">{t(`diagnostics.status.${c.status}`)}</p>
                  <p className="heading-s">{t(`diagnostics.checks.${c.id}`, { defaultValue: c.id })}</p>
                  <p className="body body--muted" lang="en">
                    {c.detail}
                  </p>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
