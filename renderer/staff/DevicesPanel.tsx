import { useTranslation } from 'react-i18next';
import type { KioskApi, StaffDevice } from '../../common/api/contract';
import { LoadFailed } from './LoadFailed';
import { useStaffData } from './useStaffData';

const load = (api: KioskApi): Promise<StaffDevice[]> => api.call('staff.devices', {});

/** Reader, printer paper, portal, disk, CSCA expiry: checked when the panel opens and after each alert change. */
export function DevicesPanel() {
  const { t } = useTranslation('staff');
  const { data, error, reload } = useStaffData(load);
  if (error && !data) return <LoadFailed onRetry={reload} />;
  if (!data) return null;
  return (
    <div data-testid="staff-devices">
      <ul className="staff-list">
        {data.map((d) => (
          <li
            key={d.id}
            className={`staff-list__item staff-list__item--${d.state === 'fail' ? 'critical' : d.state === 'warn' ? 'warning' : 'info'}`}
            data-testid={`staff-device-${d.id}`}
            data-state={d.state}
          >
            <div>
              <p className="caption">{t(`devices.state.${d.state}`)}</p>
              <p className="heading-s">{t(`devices.names.${d.id}`)}</p>
              <p className="body">
                {t(`devices.${d.alert ?? `${d.id}-${d.state}`}`, {
                  freeGiB: d.facts.freeGiB ?? '?',
                  days: d.facts.daysLeft ?? '?',
                  queued: d.facts.queued ?? 0,
                })}
              </p>
            </div>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="button button--secondary"
        onClick={reload}
        data-testid="staff-devices-recheck"
      >
        {t('devices.recheck')}
      </button>
    </div>
  );
}
