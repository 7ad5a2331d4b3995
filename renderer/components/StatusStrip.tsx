import { useTranslation } from 'react-i18next';
import type { DeviceStatus } from '../../common/api/contract';
import type { ConnectionState } from '../api/ws-client';

/** What the host reports about the reader, the scanner and the portal. Text and shape, never colour alone. */
export function StatusStrip({
  status,
  connection,
}: {
  status: DeviceStatus | null;
  connection: ConnectionState;
}) {
  const { t } = useTranslation();
  if (connection !== 'open' || !status) {
    return (
      <footer className="status-strip" aria-label={t('status.label')} data-testid="status-strip">
        <p role="status" className="status-strip__host">
          <span aria-hidden="true">⟳ </span>
          {t(`status.host.${connection === 'open' ? 'connecting' : connection}`)}
        </p>
      </footer>
    );
  }
  const good = (ok: boolean): string => (ok ? '✓' : '!');
  const sim = (s: boolean): string => (s ? ` (${t('status.simulated')})` : '');
  return (
    <footer className="status-strip" aria-label={t('status.label')} data-testid="status-strip">
      <ul>
        <li data-testid="status-reader" data-state={status.reader.state}>
          <span className="status-strip__mark" aria-hidden="true">
            {good(status.reader.state === 'ready' || status.reader.state === 'card-present')}
          </span>
          <span className="status-strip__name">{t('status.reader')}</span>
          <span>
            {t(`status.readerState.${status.reader.state}`)}
            {sim(status.reader.simulated)}
          </span>
        </li>
        <li data-testid="status-scanner" data-state={status.scanner.state}>
          <span className="status-strip__mark" aria-hidden="true">
            {good(status.scanner.state === 'connected')}
          </span>
          <span className="status-strip__name">{t('status.scanner')}</span>
          <span>
            {t(`status.scannerState.${status.scanner.state}`)}
            {sim(status.scanner.simulated)}
          </span>
        </li>
        <li data-testid="status-portal" data-state={status.portal.state}>
          <span className="status-strip__mark" aria-hidden="true">
            {good(status.portal.state === 'up')}
          </span>
          <span className="status-strip__name">{t('status.portal')}</span>
          <span>
            {t(`status.portalState.${status.portal.state}`)}
            {sim(status.portal.mock)}
            {status.portal.queued > 0 ? ` · ${t('status.queued', { count: status.portal.queued })}` : ''}
          </span>
        </li>
      </ul>
    </footer>
  );
}
