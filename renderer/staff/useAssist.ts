import { useEffect, useState } from 'react';
import type { AssistView } from '../../common/api/contract';
import { useKioskApi } from '../api/KioskApiContext';

const NONE: AssistView = { state: 'none', actor: null, since: null };

/** The assisted session's state as the host has it (`assist.state`, then every `assist.changed`). */
export function useAssist(): AssistView {
  const api = useKioskApi();
  const [view, setView] = useState<AssistView>(NONE);
  useEffect(() => {
    let live = true;
    const off = api.on('assist.changed', (v) => setView(v));
    api
      .call('assist.state', {})
      .then((v) => live && setView(v))
      .catch(() => undefined);
    return () => {
      live = false;
      off();
    };
  }, [api]);
  return view;
}
