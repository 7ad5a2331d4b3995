import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffOutboxRow, StaffOutboxSummary } from '../../common/api/contract';
import { formatDateTime } from '../../common/text/format';
import { useKioskApi } from '../api/KioskApiContext';
import { LoadFailed } from './LoadFailed';
import './assist.css';

/**
 * Staff console: the outbox without personal data — counts, the dossiers (local reference, service, state,
 * attempts, error code, time), "Gửi lại" for a dossier that could not be sent, and the printed list of those.
 */
export function OutboxPanel() {
  const { t } = useTranslation('staffOutbox');
  const api = useKioskApi();
  const [summary, setSummary] = useState<StaffOutboxSummary | null>(null);
  const [rows, setRows] = useState<StaffOutboxRow[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [exported, setExported] = useState<string | null>(null);

  const fail = (e: { code?: string }): void => setError(e.code ?? 'internal');
  const refresh = useCallback(async (): Promise<void> => {
    const [s, r] = await Promise.all([
      api.call('staff.outbox.summary', {}),
      api.call('staff.outbox.list', {}),
    ]);
    setSummary(s);
    setRows(r);
  }, [api]);
  useEffect(() => {
    refresh().catch(fail);
  }, [refresh]);

  const retry = (id: string): void => {
    setError(null);
    api
      .call('staff.outbox.retry', { id })
      .then(() => setMessage(t('outbox.retried', { id })))
      .then(refresh)
      .catch(fail);
  };
  const exportList = (): void => {
    setError(null);
    api
      .call('staff.outbox.export', { print: true })
      .then((r) => {
        setExported(r.csv);
        setMessage(
          `${t('outbox.exported', { count: r.rows })} ${r.printed ? t('outbox.printed') : t('outbox.notPrinted')}`,
        );
      })
      .catch(fail);
  };

  if (error && !summary)
    return <LoadFailed onRetry={() => void refresh().then(() => setError(null), fail)} />;
  return (
    <section data-testid="outbox-panel" aria-labelledby="outbox-title">
      <h2 id="outbox-title" className="heading-l">
        {t('outbox.title')}
      </h2>
      <p className="body">{t('outbox.lead')}</p>
      {error && (
        <div className="error-summary" role="alert">
          <p className="body">{t(error, { ns: 'errors', defaultValue: t('outbox.failed') })}</p>
        </div>
      )}
      {message && (
        <p className="body" role="status" data-testid="outbox-message">
          {message}
        </p>
      )}
      {summary && (
        <>
          <ul className="outbox-counts" data-testid="outbox-counts">
            <li data-testid="outbox-count-queued">
              <strong>{summary.queued}</strong>
              {t('outbox.counts.queued')}
            </li>
            <li data-testid="outbox-count-sending">
              <strong>{summary.sending}</strong>
              {t('outbox.counts.sending')}
            </li>
            <li data-testid="outbox-count-dead">
              <strong>{summary.deadLetter}</strong>
              {t('outbox.counts.deadLetter')}
            </li>
            <li data-testid="outbox-count-delivered">
              <strong>{summary.deliveredToday}</strong>
              {t('outbox.counts.deliveredToday')}
            </li>
          </ul>
          <p className="body">
            {summary.oldestQueuedSeconds === null
              ? t('outbox.counts.oldestNone')
              : t('outbox.counts.oldest', { minutes: Math.floor(summary.oldestQueuedSeconds / 60) })}
          </p>
        </>
      )}
      <div className="button-group">
        <button type="button" className="button button--secondary" onClick={() => void refresh().catch(fail)}>
          {t('outbox.refresh')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={exportList}
          data-testid="outbox-export"
        >
          {t('outbox.export')}
        </button>
      </div>
      {rows.length === 0 ? (
        <p className="body">{t('outbox.empty')}</p>
      ) : (
        <table className="outbox-table" data-testid="outbox-table">
          <thead>
            <tr>
              <th scope="col">{t('outbox.columns.id')}</th>
              <th scope="col">{t('outbox.columns.service')}</th>
              <th scope="col">{t('outbox.columns.state')}</th>
              <th scope="col">{t('outbox.columns.attempts')}</th>
              <th scope="col">{t('outbox.columns.error')}</th>
              <th scope="col">{t('outbox.columns.created')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('outbox.retry')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-testid="outbox-row" data-id={r.id} data-state={r.state}>
                <td>{r.id}</td>
                <td>
                  {r.serviceId} ({r.procedureCode})
                </td>
                <td>{t(`outbox.states.${r.state}`)}</td>
                <td>{r.attempts}</td>
                <td>{r.lastErrorCode ?? ''}</td>
                <td>{formatDateTime(r.createdAt)}</td>
                <td>
                  {r.state === 'dead-letter' && (
                    <button
                      type="button"
                      className="button"
                      onClick={() => retry(r.id)}
                      data-testid={`outbox-retry-${r.id}`}
                    >
                      {t('outbox.retry')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {exported !== null && (
        <pre className="outbox-export" data-testid="outbox-export-text">
          {exported}
        </pre>
      )}
    </section>
  );
}
