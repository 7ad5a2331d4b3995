import { useTranslation } from 'react-i18next';
import type { KioskApi, StaffAlert, StaffCall } from '../../common/api/contract';
import { useKioskApi } from '../api/KioskApiContext';
import { ageText } from './age';
import { LoadFailed } from './LoadFailed';
import { useStaffData } from './useStaffData';

const load = async (api: KioskApi): Promise<{ calls: StaffCall[]; alerts: StaffAlert[] }> => ({
  calls: await api.call('staff.calls', {}),
  alerts: await api.call('staff.alerts', {}),
});

/** Open calls (screen, age, whether the centre has it) and open alerts; answered and cleared here (audited). */
export function AlertsPanel() {
  const { t } = useTranslation('staff');
  const api = useKioskApi();
  const { data, error, reload } = useStaffData(load);
  const act = (p: Promise<unknown>): void => void p.catch(() => undefined).finally(reload);

  if (error && !data) return <LoadFailed onRetry={reload} />;
  if (!data) return null;
  return (
    <div data-testid="staff-alerts">
      <h2 className="heading-m">{t('alerts.callsTitle')}</h2>
      {data.calls.length === 0 ? (
        <p className="body">{t('alerts.noCalls')}</p>
      ) : (
        <ul className="staff-list">
          {data.calls.map((c) => (
            <li key={c.id} className="staff-list__item staff-list__item--call" data-testid="staff-call">
              <div>
                <p className="heading-s">
                  {t('alerts.call', { screen: t(`screens.${c.screen}`), age: ageText(t, c.at) })}
                </p>
                <p className="body body--muted">{t(`alerts.delivery.${c.delivery}`)}</p>
              </div>
              <button
                type="button"
                className="button"
                onClick={() => act(api.call('staff.answerCall', { id: c.id }))}
                data-testid="staff-call-answer"
              >
                {t('alerts.answer')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <h2 className="heading-m">{t('alerts.title')}</h2>
      {data.alerts.length === 0 ? (
        <p className="body">{t('alerts.none')}</p>
      ) : (
        <ul className="staff-list">
          {data.alerts.map((a) => (
            <li
              key={a.code}
              className={`staff-list__item staff-list__item--${a.severity}`}
              data-testid={`staff-alert-${a.code}`}
            >
              <div>
                <p className="caption">{t(`alerts.severity.${a.severity}`)}</p>
                <p className="heading-s">{t(`alert-${a.code}`, { ns: 'errors', defaultValue: a.code })}</p>
                <p className="body body--muted">
                  {t('alerts.count', { count: a.count, age: ageText(t, a.lastAt) })}
                </p>
              </div>
              <button
                type="button"
                className="button button--secondary"
                onClick={() => act(api.call('staff.clearAlert', { code: a.code }))}
                data-testid="staff-alert-clear"
              >
                {t('alerts.clear')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
