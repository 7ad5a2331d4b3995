/** The citizen's session and identification: session.* and identify.* methods, identify events to the screen. */
import type { OtherCardRole } from '../../common/api/contract';
import type { TrustStore } from '../../native/emrtd';
import type { Handlers } from '../api/kiosk-host';
import type { KioskConfig } from '../config/config';
import type { DeviceStatusBoard } from '../devices/device-status';
import { type IdentifyEvent, IdentifyService, type PcscLike } from '../identify/identify-service';
import type { JourneyTracker } from '../reports';
import type { SessionManager } from '../session/session-manager';
import type { Audit, Emit } from './parts';

type IdentifyMethod = Extract<keyof Handlers, `session.${string}` | `identify.${string}`>;

export interface IdentifyPart {
  identify: IdentifyService;
  handlers: Pick<Handlers, IdentifyMethod>;
}

export function identifyPart(o: {
  config: KioskConfig;
  pcsc: PcscLike | null;
  sessions: SessionManager;
  status: DeviceStatusBoard;
  trustStore: (() => TrustStore) | undefined;
  journeys: JourneyTracker | null;
  audit: Audit | null;
  emit: Emit;
  /** A citizen at the screen: staff mode never stays open behind them. */
  onSessionStart: () => void;
}): IdentifyPart {
  const { sessions } = o;
  const identify = new IdentifyService({
    pcsc: o.pcsc,
    sessions,
    status: o.status,
    emit: (e) => forwardIdentifyEvent(e, o.emit, o.journeys),
    trustStore: o.trustStore,
    policy: { acceptUnknownCsca: o.config.trust.acceptUnknownCsca },
    // Refused and forged cards are audited: decision, verdicts, card type, CSCA — no personal data.
    onRefused: (r) => {
      o.journeys?.refused();
      o.audit?.('citizen', 'card.refused', undefined, { ...r });
    },
  });
  return {
    identify,
    handlers: {
      'session.start': ({ language }) => {
        o.onSessionStart();
        return { sessionId: sessions.start(language).id };
      },
      'session.end': ({ reason }) => ({ ended: sessions.end(reason) }),
      'session.consent': ({ granted }) => {
        identify.setConsent(granted);
        return { accepted: granted };
      },
      'identify.other': ({ role }) => {
        identify.startOther(role);
        return { started: true as const };
      },
      'identify.otherCancel': () => {
        identify.cancelOther();
        return { cancelled: true as const };
      },
      'identify.qr': ({ payload }) => ({ accepted: true, cardType: identify.provideQr(payload).cardType }),
      'identify.mrz': (key) => {
        identify.provideMrz(key);
        return { accepted: true };
      },
      'identify.can': ({ can }) => {
        identify.provideCan(can);
        return { accepted: true };
      },
    },
  };
}

/** An identify event as the KioskApi event the screen listens to (a failed read also counts in the journeys). */
function forwardIdentifyEvent(e: IdentifyEvent, emit: Emit, journeys: JourneyTracker | null): void {
  switch (e.type) {
    case 'card':
      return emit('card.presence', { present: e.present });
    case 'progress':
      return emit('identify.progress', { file: e.file, bytes: e.bytes, total: e.total, percent: e.percent });
    case 'identity':
      return emit('identify.identity', {
        identity: e.identity,
        verification: e.verification,
        photoPending: e.photoPending,
      });
    case 'photo':
      return emit('identify.photo', { dataUrl: e.dataUrl });
    case 'verified':
      return emit('identify.verified', { verification: e.verification, decision: e.decision });
    case 'failed':
      journeys?.failed(e.code);
      return emit('identify.failed', { code: e.code });
    case 'qr':
      return emit('identify.qr', { cardType: e.cardType });
    case 'qr-waiting':
      return emit('identify.qrWaiting', {});
    case 'other':
      return emit('identify.other', {
        role: e.role as OtherCardRole,
        identity: e.identity,
        decision: e.decision,
      });
  }
}
