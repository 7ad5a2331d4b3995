import { useTranslation } from 'react-i18next';
import type { DeviceStatus } from '../../common/api/contract';
import type { ConnectionState } from '../api/ws-client';

/**
 * What the citizen must know of the kiosk's devices, in plain words: "working normally", or only the problems
 * that change what they can do (and what still works). Text and shape, never colour alone.
 */
export function citizenNotices(status: DeviceStatus): string[] {
  const notices: string[] = [];
  if (
    status.reader.state === 'no-service' ||
    status.reader.state === 'no-reader' ||
    status.reader.state === 'error'
  )
    notices.push('reader');
  if (status.scanner.state === 'disconnected') notices.push('scanner');
  if (status.portal.state === 'down') notices.push('portal');
  if (status.printer.state === 'out-of-paper') notices.push('printerPaper');
  else if (status.printer.state === 'absent') notices.push('printerAbsent');
  return notices;
}

/**
 * The strip at the bottom of every screen. Citizens see `citizenNotices`; the technical details (reader,
 * scanner, portal states, simulators, the outbox queue, the mode) only in demo mode, for the technician.
 */
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
      <footer className="status-strip" aria-label={t('citizenStatus.label')} data-testid="status-strip">
        <p role="status" className="status-strip__host">
          <span aria-hidden="true">⟳ </span>
          {demoMode
            ? t(`status.host.${connection === 'open' ? 'connecting' : connection}`)
            : t('citizenStatus.connecting')}
        </p>
      </footer>
    );
  }
  const notices = citizenNotices(status);
  const citizen = (
    <ul
      className="status-strip__citizen"
      data-testid="status-citizen"
      data-state={notices.length ? 'notice' : 'ok'}
    >
      {notices.length === 0 ? (
        <li>
          <span className="status-strip__mark" aria-hidden="true">
            ✓
          </span>
          <span>{t('citizenStatus.ok')}</span>
        </li>
      ) : (
        notices.map((n) => (
          <li key={n} data-testid={`notice-${n}`}>
            <span className="status-strip__mark" aria-hidden="true">
              !
            </span>
            <span>{t(`citizenStatus.${n}`)}</span>
          </li>
        ))
      )}
    </ul>
  );
  if (!demoMode) {
    return (
      <footer className="status-strip" aria-label={t('citizenStatus.label')} data-testid="status-strip">
        {citizen}
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
    <footer className="status-strip" aria-label={t('citizenStatus.label')} data-testid="status-strip">
      {citizen}
      <ul aria-label={t('status.label')} data-testid="status-technical">
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
