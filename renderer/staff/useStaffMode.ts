import { useEffect, useState } from 'react';
import type { KioskApi } from '../../common/api/contract';

/** Is staff mode on? From `staff.state` once connected, then from the host's `staff.mode` events. */
export function useStaffMode(api: KioskApi, connected: boolean): boolean {
  const [active, setActive] = useState(false);
  useEffect(() => api.on('staff.mode', (e) => setActive(e.active)), [api]);
  useEffect(() => {
    if (!connected) return;
    let alive = true;
    api
      .call('staff.state', {})
      .then((s) => alive && setActive(s.active))
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [api, connected]);
  return active;
}
