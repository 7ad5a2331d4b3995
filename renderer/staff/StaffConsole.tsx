import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useKioskApi } from '../api/KioskApiContext';
import { STAFF_PANELS } from './panels';
import './staff-console.css';

/**
 * The staff console: shown instead of the citizen screens while staff mode is on (a right staff PIN). One tab
 * per panel of `panels.ts`; "Khoá" goes back to the citizen screens, "Thoát khỏi kiosk" leaves the shell.
 * The host closes staff mode on its own after 5 minutes without staff activity.
 */
export function StaffConsole() {
  const { t } = useTranslation('staff');
  const api = useKioskApi();
  const [tab, setTab] = useState(STAFF_PANELS[0]!.id);
  const [confirmExit, setConfirmExit] = useState(false);
  const [kioskName, setKioskName] = useState('');
  useEffect(() => {
    let alive = true;
    api
      .call('kiosk.hello', {})
      .then((h) => alive && setKioskName(h.kioskName))
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [api]);
  // Any tap in the console is staff activity (at most one call every 20 s); panels' own reads are not.
  const lastTouch = useRef(0);
  const touched = (): void => {
    const now = Date.now();
    if (now - lastTouch.current < 20_000) return;
    lastTouch.current = now;
    void api.call('staff.touch', {}).catch(() => undefined);
  };
  const panel = STAFF_PANELS.find((p) => p.id === tab) ?? STAFF_PANELS[0]!;
  const Panel = panel.Component;

  return (
    <main id="main" className="screen staff-console" data-testid="staff-console" onPointerDown={touched}>
      <div className="staff-console__top">
        <div>
          <h1 className="heading-l">{t('console.title')}</h1>
          <p className="body">
            {kioskName && <strong data-testid="staff-kiosk-name">{kioskName}. </strong>}
            {t('console.lead')}
          </p>
          <p className="body body--muted">{t('console.autoLock')}</p>
        </div>
        <div className="button-group">
          <button
            type="button"
            className="button"
            onClick={() => void api.call('staff.lock', {}).catch(() => undefined)}
            data-testid="staff-lock"
          >
            {t('console.lock')}
          </button>
          <button
            type="button"
            className="button button--warning"
            onClick={() => setConfirmExit(true)}
            data-testid="staff-exit-shell"
          >
            {t('console.exitShell')}
          </button>
        </div>
      </div>
      {confirmExit && (
        <div
          className="panel"
          role="alertdialog"
          aria-labelledby="staff-exit-q"
          data-testid="staff-exit-confirm"
        >
          <p id="staff-exit-q" className="heading-s">
            {t('console.exitConfirm')}
          </p>
          <div className="button-group">
            <button
              type="button"
              className="button button--warning"
              onClick={() => void api.call('staff.exitShell', {}).catch(() => setConfirmExit(false))}
            >
              {t('console.exitYes')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setConfirmExit(false)}>
              {t('console.exitNo')}
            </button>
          </div>
        </div>
      )}
      <div className="staff-tabs" role="tablist" aria-label={t('console.tabs')}>
        {STAFF_PANELS.map((p) => (
          <button
            key={p.id}
            type="button"
            role="tab"
            id={`staff-tab-${p.id}`}
            aria-selected={p.id === panel.id}
            aria-controls="staff-panel"
            className={`staff-tabs__tab${p.id === panel.id ? ' staff-tabs__tab--active' : ''}`}
            onClick={() => setTab(p.id)}
            data-testid={`staff-tab-${p.id}`}
          >
            {t(p.labelKey)}
          </button>
        ))}
      </div>
      <section
        id="staff-panel"
        role="tabpanel"
        aria-labelledby={`staff-tab-${panel.id}`}
        className="staff-panel"
      >
        <Panel key={panel.id} />
      </section>
    </main>
  );
}
