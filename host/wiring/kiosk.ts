/** The kiosk's own methods (hello, status, trust list, rating) and the journey counters (host/reports). */
import { loadCatalogue, todayInVietnam } from '../../catalogue';
import { PROTOCOL_VERSION } from '../../common/api/contract';
import type { TrustStore } from '../../native/emrtd';
import { defaultTrustStore, describeTrustStore } from '../../native/emrtd/trust-store';
import type { Handlers } from '../api/kiosk-host';
import type { KioskConfig } from '../config/config';
import type { DeviceStatusBoard } from '../devices/device-status';
import type { Delivery } from '../outbox';
import { JourneyTracker, ReportStore } from '../reports';
import { loadBranding } from '../branding/branding';

type KioskMethod = 'kiosk.hello' | 'status.get' | 'trust.list' | 'rating.submit';

export interface Journeys {
  /** Aggregate report counters (no personal data), with a store only. */
  reports: ReportStore | null;
  journeys: JourneyTracker | null;
}

/** Journeys and ratings, counted without personal data in the store's aggregate table (host/reports). */
export function journeysFor(config: KioskConfig, delivery: Delivery | null): Journeys {
  const reports = delivery ? new ReportStore(delivery.store.db) : null;
  let serviceIds: ReadonlySet<string> | null = null;
  const journeys = reports
    ? new JourneyTracker({
        reports,
        channel: config.dossier.channel,
        serviceIds: () => (serviceIds ??= new Set(loadCatalogue().services.map((s) => s.id))),
        dayOf: (ms) => todayInVietnam(new Date(ms)),
      })
    : null;
  return { reports, journeys };
}

export function kioskHandlers(o: {
  config: KioskConfig;
  status: DeviceStatusBoard;
  trustStore: (() => TrustStore) | undefined;
  journeys: JourneyTracker | null;
}): Pick<Handlers, KioskMethod> {
  const { config } = o;
  // The agency's name and emblem (configuration `branding`): a bad emblem stops the start here.
  const branding = loadBranding(config);
  return {
    'kiosk.hello': () => ({
      protocolVersion: PROTOCOL_VERSION,
      kioskName: config.kioskName,
      defaultLanguage: config.defaultLanguage,
      demoMode: config.mode === 'demo',
      timeouts: config.timeouts,
      filingChannel: config.dossier.channel,
      branding,
    }),
    'status.get': () => o.status.get(),
    'trust.list': () => describeTrustStore(o.trustStore?.() ?? defaultTrustStore()),
    'rating.submit': ({ score, reasons }) => o.journeys?.rate(score, reasons ?? []) ?? { recorded: false },
  };
}
