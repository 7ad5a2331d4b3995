/**
 * Composition root: builds the host's services and binds them to KioskApi handlers, one part per area
 * (host/wiring/): the kiosk and journeys, the citizen's session and identification, dossiers, agencies,
 * queue numbers, staff, speech, the catalogue and places, and — demo mode only — the reader simulator.
 * Used by host/kiosk-services.ts (Node process or Electron's main, with real devices) and by tests with fakes.
 */
import { longestIdleSeconds } from '../common/idle-timing';
import type { TrustStore } from '../native/emrtd';
import { type Handlers, KioskHost } from './api/kiosk-host';
import type { AgencyEndpoint } from './agencies/endpoints';
import type { KioskConfig } from './config/config';
import { DeviceStatusBoard } from './devices/device-status';
import type { SimulatorControl } from './devices/simulator-control';
import type { IdentifyService, PcscLike } from './identify/identify-service';
import type { Delivery } from './outbox';
import type { PrinterService } from './printer';
import type { CentreQueue } from './queue/centre';
import type { ReportStore } from './reports';
import { SessionManager } from './session/session-manager';
import type { SpeechService } from './speech';
import type { PrivateSpeech } from './speech/private-speech';
import type { StaffCalls } from './staff/staff-calls';
import type { StaffSession } from './staff/staff-session';
import { agencyPart } from './wiring/agencies';
import { catalogueHandlers } from './wiring/catalogue';
import { dossierPart } from './wiring/dossier';
import { identifyPart } from './wiring/identify';
import { journeysFor, kioskHandlers } from './wiring/kiosk';
import { auditOf, type Emit } from './wiring/parts';
import { queueHandlers } from './wiring/queue';
import { simulatorHandlers } from './wiring/simulator';
import { speechPart } from './wiring/speech';
import { staffPart } from './wiring/staff';

export type { SimulatorControl } from './devices/simulator-control';

export interface HostServices {
  config: KioskConfig;
  status: DeviceStatusBoard;
  sessions: SessionManager;
  simulator: SimulatorControl | null;
  identify: IdentifyService;
  delivery: Delivery | null;
  /** Aggregate report counters (no personal data), with a store only. */
  reports: ReportStore | null;
  /** Staff mode (the console) and the call button. */
  staff: StaffSession;
  staffCalls: StaffCalls;
}

export interface CreatedHost {
  host: KioskHost;
  services: HostServices;
  dispose(): Promise<void>;
}

export interface HostDeps {
  simulator?: SimulatorControl | null;
  pcsc?: PcscLike | null;
  status?: DeviceStatusBoard;
  trustStore?: () => TrustStore;
  delivery?: Delivery | null;
  speech?: SpeechService | null;
  /** The speech privacy gate (tests inject one with a fixed headset state). */
  privateSpeech?: PrivateSpeech;
  printer?: PrinterService | null;
  /** The centre's queue system (host/queue/centre.ts); null: the kiosk issues its own numbers. */
  queueCentre?: CentreQueue | null;
  /** The devices were started (host/kiosk-services.ts): a missing reader is then an alert. */
  readerExpected?: boolean;
  /** Agency systems by name (host/agencies/endpoints.ts); absent: none (their services are unavailable). */
  agencies?: ReadonlyMap<string, AgencyEndpoint>;
}

export function createHost(config: KioskConfig, deps: HostDeps = {}): CreatedHost {
  const status = deps.status ?? new DeviceStatusBoard();
  const sessions = new SessionManager();
  const simulator = deps.simulator ?? null;
  const delivery = deps.delivery ?? null;
  const printer = deps.printer ?? null;
  const audit = auditOf(delivery);
  // Events go to the transports once `host` exists (below); none is sent while the parts are being built.
  let host: KioskHost | null = null;
  const emit: Emit = (event, payload) => host?.emit(event, payload);

  const { reports, journeys } = journeysFor(config, delivery);
  // Staff mode first: a citizen's session closes it, a dossier filed while assisted is recorded under the officer.
  const staff = staffPart({
    config,
    sessions,
    status,
    delivery,
    printer,
    audit,
    emit,
    readerExpected: deps.readerExpected ?? false,
  });
  const citizen = identifyPart({
    config,
    pcsc: deps.pcsc ?? null,
    sessions,
    status,
    trustStore: deps.trustStore,
    journeys,
    audit,
    emit,
    onSessionStart: () => staff.staff.close('citizen'),
  });
  const agencies = agencyPart({ config, sessions, printer, agencies: deps.agencies ?? new Map() });
  const dossier = dossierPart({
    config,
    sessions,
    status,
    delivery,
    printer,
    emit,
    onFiled: (localRef) => staff.assist.noteDossier(localRef),
  });
  const speech = speechPart({
    config,
    sessions,
    speech: deps.speech ?? null,
    privateSpeech: deps.privateSpeech,
    emit,
  });

  const handlers: Handlers = {
    ...kioskHandlers({ config, status, trustStore: deps.trustStore, journeys }),
    ...citizen.handlers,
    ...dossier.handlers,
    ...agencies.handlers,
    ...queueHandlers({ config, delivery, printer, centre: deps.queueCentre ?? null }),
    ...staff.handlers,
    ...speech.handlers,
    ...catalogueHandlers({ config, reconciliation: () => dossier.reconciliation?.latest ?? null }),
    // Production does not register the simulator's methods at all: they answer `unknown-method`.
    ...(config.mode === 'demo' ? simulatorHandlers(simulator, dossier.requirePayments) : {}),
    ...agencies.demo,
  };
  // Every call is observed for the journey counters (step, service, error codes; never the parameters' values).
  const created = new KioskHost(journeys ? journeys.wrap(handlers) : handlers, () => sessions.touch());
  host = created;

  dossier.start();
  // The host wipes a session the UI has abandoned; every call counts as activity (KioskHost's onCall).
  // Never before the renderer's own watch could end it (long form steps, "I need more time": common/idle-timing.ts).
  sessions.watch(
    (longestIdleSeconds(config.timeouts.idleSeconds, config.timeouts.warningSeconds) + 30) * 1000,
  );
  speech.start();
  const offStatus = status.onChange((s) => emit('status.changed', s));
  const offEnd = sessions.onEnd((reason) => emit('session.ended', { reason }));
  const offJourney = sessions.onEnd((reason) => journeys?.end(reason));
  staff.start();

  const services: HostServices = {
    config,
    status,
    sessions,
    simulator,
    identify: citizen.identify,
    delivery,
    reports,
    staff: staff.staff,
    staffCalls: staff.staffCalls,
  };
  return {
    host: created,
    services,
    dispose: async () => {
      offStatus();
      speech.dispose();
      sessions.unwatch();
      dossier.dispose();
      offEnd();
      sessions.end('staff');
      offJourney();
      staff.dispose();
    },
  };
}
