import { useTranslation } from 'react-i18next';
import type { DeviceStatus } from '../../common/api/contract';
import type { ConnectionState } from '../api/ws-client';

/** What the host reports about the reader, the scanner and the portal. Text and shape, never colour alone. */
export function StatusStrip({
  status,
  connection,
  demoMode = false,
}: {
  status: DeviceStatus | null;
  connection: ConnectionState;
  /** The kiosk's mode (kiosk.hello): production, or demo (simulated devices, not for citizens). */
  demoMode?: boolean;
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
  const sim = (s: boolean): string => (s ? ` (${t('status.simulated')})` : '');
  const items = [
    {
      id: 'reader',
      state: status.reader.state,
      ok: status.reader.state === 'ready' || status.reader.state === 'card-present',
      text: t(`status.readerState.${status.reader.state}`) + sim(status.reader.simulated),
    },
    {
      id: 'scanner',
      state: status.scanner.state,
      ok: status.scanner.state === 'connected',
      text: t(`status.scannerState.${status.scanner.state}`) + sim(status.scanner.simulated),
    },
    {
      id: 'portal',
      state: status.portal.state,
      ok: status.portal.state === 'up',
      text:
        t(`status.portalState.${status.portal.state}`) +
        sim(status.portal.mock) +
        (status.portal.queued > 0 ? ` · ${t('status.queued', { count: status.portal.queued })}` : ''),
    },
  ];
  return (
    <footer className="status-strip" aria-label={t('status.label')} data-testid="status-strip">
      <ul>
        {items.map((item) => (
          <li key={item.id} data-testid={`status-${item.id}`} data-state={item.state}>
            <span className="status-strip__mark" aria-hidden="true">
              {item.ok ? '✓' : '!'}
            </span>
            <span className="status-strip__name">{t(`status.${item.id}`)}</span>
            <span>{item.text}</span>
          </li>
        ))}
        <li data-testid="status-mode" data-state={demoMode ? 'demo' : 'production'}>
          <span className="status-strip__mark" aria-hidden="true">
            {demoMode ? '!' : '✓'}
          </span>
          <span className="status-strip__name">{t('status.mode.label')}</span>
          <span>{t(demoMode ? 'status.mode.demo' : 'status.mode.production')}</span>
        </li>
      </ul>
    </footer>
  );
}
