import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../common/api/contract';
import { useKioskApi } from '../api/KioskApiContext';

type Ticket = Result<'queue.take'>;
const GROUPS = ['police', 'justice', 'general'] as const;

/** A queue number for the counter, for citizens who need an officer. No card, no personal data. */
export function QueueScreen({ onDone }: { onDone(): void }) {
  const { t } = useTranslation();
  const api = useKioskApi();
  const [ticket, setTicket] = useState<Ticket | null>(null);
  const [error, setError] = useState<string | null>(null);
  const take = (group: (typeof GROUPS)[number]): void => {
    api
      .call('queue.take', { group })
      .then(setTicket)
      .catch((e: { code?: string }) => setError(e.code ?? 'queue-failed'));
  };
  if (ticket)
    return (
      <main id="main" className="screen" data-testid="screen-queue-ticket">
        <div className="panel panel--confirmation">
          <h1 className="panel__title">{t('queue.yourNumber')}</h1>
          <div className="panel__body">
            <strong className="queue-number" data-testid="queue-number">
              {ticket.number}
            </strong>
          </div>
        </div>
        <p className="lead">{t(`queue.groups.${ticket.group}`)}</p>
        <p className="body" data-speak>
          {t('queue.ahead', { count: ticket.ahead })}
        </p>
        {ticket.centreDown && (
          <p className="body" role="note" data-testid="queue-centre-down">
            {t('queue.centreDown', { ns: 'staffOutbox' })}
          </p>
        )}
        <p className="body" data-speak>
          {ticket.printed ? t('queue.printed') : t('queue.notPrinted')}
        </p>
        <button type="button" className="button" onClick={onDone} data-testid="queue-done">
          {t('queue.done')}
        </button>
      </main>
    );
  return (
    <main id="main" className="screen" data-testid="screen-queue">
      <button type="button" className="back-link" onClick={onDone}>
        {t('form.back')}
      </button>
      <h1 className="heading-l">{t('queue.title')}</h1>
      <p className="lead">{t('queue.lead')}</p>
      {error && (
        <div className="error-summary" role="alert">
          <p className="body">{t(error, { ns: 'errors', defaultValue: t('queue.failed') })}</p>
        </div>
      )}
      <ul className="tiles">
        {GROUPS.map((g) => (
          <li key={g}>
            <button type="button" className="tile" onClick={() => take(g)} data-testid={`queue-${g}`}>
              <span className="tile__title">{t(`queue.groups.${g}`)}</span>
            </button>
          </li>
        ))}
      </ul>
    </main>
  );
}
