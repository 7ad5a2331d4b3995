import { useCallback, useEffect, useRef, useState } from 'react';
import type { KioskApi } from '../../common/api/contract';
import { useKioskApi } from '../api/KioskApiContext';

/**
 * Loads staff data and loads it again when the host says alerts changed (`staff.alertsChanged`) or after an
 * action (`reload`). `error` holds the error code (e.g. `staff.locked`) when the last load failed.
 */
export function useStaffData<T>(load: (api: KioskApi) => Promise<T>): {
  data: T | null;
  error: string | null;
  reload: () => void;
} {
  const api = useKioskApi();
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const loader = useRef(load);
  loader.current = load;
  const reload = useCallback(() => setTick((n) => n + 1), []);
  useEffect(() => api.on('staff.alertsChanged', reload), [api, reload]);
  useEffect(() => {
    let alive = true;
    loader
      .current(api)
      .then((d) => {
        if (!alive) return;
        setData(d);
        setError(null);
      })
      .catch((e: { code?: string }) => alive && setError(e.code ?? 'internal'));
    return () => {
      alive = false;
    };
  }, [api, tick]);
  return { data, error, reload };
}
