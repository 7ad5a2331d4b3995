import { useEffect, useState } from 'react';
import type { EventPayload, KioskApi } from '../../common/api/contract';
import type { ChipVerification, Identity } from '../../common/identity';

/** What the renderer knows of the identify step, from the host's events. Cleared with the session. */
export interface IdentifyState {
  qr: 'none' | 'accepted';
  cardPresent: boolean;
  percent: number | null;
  identity: Identity | null;
  photo: string | null;
  photoPending: boolean;
  verification: ChipVerification | null;
  decision: EventPayload<'identify.verified'>['decision'] | null;
  error: string | null;
}

export const EMPTY_IDENTIFY: IdentifyState = {
  qr: 'none',
  cardPresent: false,
  percent: null,
  identity: null,
  photo: null,
  photoPending: false,
  verification: null,
  decision: null,
  error: null,
};

export function useIdentify(api: KioskApi): [IdentifyState, () => void] {
  const [state, setState] = useState<IdentifyState>(EMPTY_IDENTIFY);
  useEffect(() => {
    const patch = (p: Partial<IdentifyState>): void => setState((s) => ({ ...s, ...p }));
    const offs = [
      api.on('card.presence', ({ present }) => patch({ cardPresent: present })),
      api.on('identify.qr', () => patch({ qr: 'accepted', error: null })),
      api.on('identify.progress', ({ percent }) => patch({ percent, error: null })),
      api.on('identify.identity', ({ identity, photoPending }) => patch({ identity, photoPending })),
      api.on('identify.photo', ({ dataUrl }) => patch({ photo: dataUrl, photoPending: false })),
      api.on('identify.verified', ({ verification, decision }) =>
        patch({ verification, decision, percent: 100 }),
      ),
      api.on('identify.failed', ({ code }) => patch({ error: code })),
      api.on('session.ended', () => setState(EMPTY_IDENTIFY)),
    ];
    return () => offs.forEach((off) => off());
  }, [api]);
  return [state, () => setState(EMPTY_IDENTIFY)];
}
