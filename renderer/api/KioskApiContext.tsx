import { createContext, useContext } from 'react';
import type { KioskApi } from '../../common/api/contract';

export const KioskApiContext = createContext<KioskApi | null>(null);

export function useKioskApi(): KioskApi {
  const api = useContext(KioskApiContext);
  if (!api) throw new Error('KioskApiContext missing');
  return api;
}
