import { useMemo } from 'react';
import { useKioskApi } from '../api/KioskApiContext';
import type { PlacesSource } from './FormContext';

/** The administrative units for address fields, asked of the host (the form screen and its preview share it). */
export function usePlacesSource(): PlacesSource {
  const api = useKioskApi();
  return useMemo<PlacesSource>(
    () => ({
      provinces: () => api.call('places.provinces', {}),
      communes: (provinceCode) => api.call('places.communes', { provinceCode }),
      remap: (text) => api.call('places.remap', { text }),
      home: () => api.call('places.home', {}),
    }),
    [api],
  );
}
