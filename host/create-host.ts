/**
 * Composition root: builds the host's services and binds them to KioskApi handlers.
 * Used by host/main.ts (Node process, WebSocket transport) and electron/main.ts (in-process, IPC).
 */
import { hostname } from 'node:os';
import { communeByCodeOrNull, communes, provinces, remapOldAddress } from '../catalogue/admin-units';
import { getForm, loadCatalogue, todayInVietnam } from '../catalogue';
import { homeScreen, searchServices } from '../catalogue/search';
import { KioskApiError, type OtherCardRole, PROTOCOL_VERSION } from '../common/api/contract';
import { type Handlers, KioskHost } from './api/kiosk-host';
import type { TrustStore } from '../native/emrtd';
import { defaultTrustStore, describeTrustStore } from '../native/emrtd/trust-store';
import type { KioskConfig } from './config/config';
import { DeviceStatusBoard } from './devices/device-status';
import type { SimulatorControl } from './devices/simulator-control';
import { DossierService } from './dossier/dossier-service';
import { DraftService } from './dossier/draft-service';
import { PaymentService } from './dossier/payment-service';
import { ReceiptService } from './dossier/receipt-service';
import { dossierRoutingFrom } from './dossier/routing';
import type { AgencyEndpoint } from './agencies/endpoints';
import { createAgencyHandlers } from './agencies/handlers';
import { HttpExamAdapter } from './agencies/exam/http-adapter';
import { ExamService } from './agencies/exam/service';
import { HttpFormsAgencyAdapter } from './agencies/forms/http-adapter';
import { AgencyFormsService } from './agencies/forms/service';
import { loadAgencyTable } from './portal/agencies/receiving-agency';
import { ReconciliationService, withPortalFees } from './portal/reconcile';
import { AttachmentService, SANE_DEMO_CONFIG_DIR } from './attachments';
import { statusLabel } from './portal/status';
import { QueueService } from './queue/queue-service';
import { StaffPin } from './staff/staff-pin';
import { AlertService } from './staff/alert-service';
import { resolveWebhookToken } from './staff/alert-webhook';
import { StaffCalls } from './staff/staff-calls';
import { DeviceAlerts } from './staff/device-alerts';
import { StaffSession } from './staff/staff-session';
import { AssistService } from './staff/assist';
import { OutboxMonitor } from './staff/outbox-monitor';
import type { CentreQueue } from './queue/centre';
import type { PrinterService } from './printer';
import { FormsPrintService } from './print-forms';
import { parseLookupInput } from './receipt';
import type { SpeechService } from './speech';
import { PrivateSpeech } from './speech/private-speech';
import { longestIdleSeconds } from '../common/idle-timing';
import type { Delivery } from './outbox';
import { type IdentifyEvent, IdentifyService, type PcscLike } from './identify/identify-service';
import { SessionManager } from './session/session-manager';
import { JourneyTracker, ReportStore } from './reports';
import { logger, swallowed } from './log/logger';
import { loadBranding } from './branding/branding';

const log = logger('create-host');

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
  // The agency's name and emblem (configuration `branding`): a bad emblem stops the start here.
  const branding = loadBranding(config);
  const status = deps.status ?? new DeviceStatusBoard();
  const sessions = new SessionManager();
  const simulator = deps.simulator ?? null;
  // Journeys and ratings, counted without personal data in the store's aggregate table (host/reports).
  const reports = deps.delivery ? new ReportStore(deps.delivery.store.db) : null;
  let serviceIds: ReadonlySet<string> | null = null;
  const journeys = reports
    ? new JourneyTracker({
        reports,
        channel: config.dossier.channel,
        serviceIds: () => (serviceIds ??= new Set(loadCatalogue().services.map((s) => s.id))),
        dayOf: (ms) => todayInVietnam(new Date(ms)),
      })
    : null;
  // Identify events are forwarded to the transports once `host` exists (below).
  let emit: (e: IdentifyEvent) => void = () => undefined;
  const identify = new IdentifyService({
    pcsc: deps.pcsc ?? null,
    sessions,
    status,
    emit: (e) => emit(e),
    trustStore: deps.trustStore,
    policy: { acceptUnknownCsca: config.trust.acceptUnknownCsca },
    // Refused and forged cards are audited: decision, verdicts, card type, CSCA — no personal data.
    onRefused: (r) => {
      journeys?.refused();
      deps.delivery?.store.audit('citizen', 'card.refused', undefined, { ...r });
    },
  });
  const delivery = deps.delivery ?? null;
  // Service 21: the exam system (host/agencies/exam); unavailable without its URL or demo mock.
  const examEndpoint = deps.agencies?.get('exam');
  const exams = new ExamService({
    adapter: examEndpoint
      ? new HttpExamAdapter({ baseUrl: examEndpoint.url, timeoutMs: examEndpoint.timeoutMs })
      : null,
    sessions,
    window: config.exam.window,
    printer: deps.printer ?? null,
  });
  // Services 23/24/25: forms taken by an agency's own system (host/agencies/forms); unavailable without its URL.
  const agencyForms = new AgencyFormsService({
    adapter: (agency) => {
      const e = deps.agencies?.get(agency);
      return e ? new HttpFormsAgencyAdapter({ baseUrl: e.url, timeoutMs: e.timeoutMs }) : null;
    },
    sessions,
    printer: deps.printer ?? null,
  });
  const dossiers = delivery
    ? new DossierService({
        outbox: delivery.outbox,
        store: delivery.store,
        sessions,
        waitForCodeMs: config.portal.waitForCodeMs,
        channel: config.dossier.channel,
        contribution: {
          baseSalaryVnd: config.dossier.baseSalaryVnd,
          months: config.dossier.healthInsuranceMonths,
        },
        routing: dossierRoutingFrom({ ...config.portal, kioskCommuneCode: config.kioskCommuneCode }),
      })
    : null;
  const payments = delivery
    ? new PaymentService({ store: delivery.store, portal: delivery.portal, sessions })
    : null;
  const drafts = delivery ? new DraftService({ store: delivery.store, sessions }) : null;
  const requireDrafts = (): DraftService => {
    if (!drafts) throw new KioskApiError('not-available', 'No store');
    return drafts;
  };
  const requirePayments = (): PaymentService => {
    if (!payments) throw new KioskApiError('not-available', 'No portal');
    return payments;
  };
  // The PIN's lockout is persisted and every attempt audited in the store (in memory without one).
  const staffPin = new StaffPin(config.staff.pinHash, { store: delivery?.store ?? null });
  const alerts = new AlertService(delivery?.store ?? null);
  // Staff mode: opened by a right PIN, closed by staff.lock, 5 min without staff activity or a citizen session.
  const staff = new StaffSession({
    audit: delivery
      ? (actor, action, subject, detail) => delivery.store.audit(actor, action, subject, detail)
      : null,
  });
  let alertsChanged: () => void = () => undefined;
  const webhook = config.staff.alertWebhook;
  const staffCalls = new StaffCalls({
    alerts,
    audit: delivery
      ? (actor, action, subject, detail) => delivery.store.audit(actor, action, subject, detail)
      : null,
    webhook: webhook ? { url: webhook.url, token: resolveWebhookToken(webhook.tokenFile) } : null,
    kiosk: config.kioskName,
    instance: hostname(),
    onChange: () => alertsChanged(),
  });
  // Device alerts from the status board, the printer and the doctor's disk and CSCA checks (loaded when first
  // needed: the doctor imports the composition root).
  const deviceAlerts = new DeviceAlerts(
    alerts,
    {
      status: () => status.get(),
      readerExpected: deps.readerExpected ?? false,
      printerNearEnd: deps.printer ? async () => (await deps.printer!.status()).paperNearEnd : undefined,
      disk: async () => (await import('./doctor/system-checks')).diskCheck(config.dataDir),
      csca: async () => (await import('./doctor/trust-check')).cscaCheck(config),
    },
    () => alertsChanged(),
  );
  const queue = delivery
    ? new QueueService({
        store: delivery.store,
        printer: deps.printer ?? null,
        centre: deps.queueCentre ?? null,
        kioskPrefix: config.queue.kioskPrefix,
        kioskId: config.queue.kioskPrefix ?? 'KIOSK',
      })
    : null;
  // Staff: the outbox monitor (no personal data) and the assisted session (every step audited).
  const outboxMonitor = delivery
    ? new OutboxMonitor({
        store: delivery.store,
        outbox: delivery.outbox,
        printer: deps.printer ?? null,
        kioskName: config.kioskName,
      })
    : null;
  const requireMonitor = (): OutboxMonitor => {
    if (!outboxMonitor) throw new KioskApiError('not-available', 'No store');
    return outboxMonitor;
  };
  const assist = new AssistService({
    sessions,
    audit: delivery
      ? (actor, action, subject, detail) => delivery.store.audit(actor, action, subject, detail)
      : null,
    onChange: (v) => host.emit('assist.changed', v),
  });
  const staffActor = () => staff.require();
  const speech = deps.speech ?? null;
  const receipts = delivery
    ? new ReceiptService({
        store: delivery.store,
        printer: deps.printer ?? null,
        sessions,
        issuingSystem: config.kioskName,
        portal: delivery.portal,
        agencyTable: loadAgencyTable(config.portal.agencyTable),
      })
    : null;
  // "In tờ khai để ký": completed forms as A4 PDFs (CUPS), or a download in browser mode.
  const formsPrint = new FormsPrintService({
    sessions,
    printer: deps.printer ?? null,
    issuingSystem: config.kioskName,
    routing: dossierRoutingFrom({ ...config.portal, kioskCommuneCode: config.kioskCommuneCode }),
  });
  // Documents for the dossier: camera frames, SANE scans (demo: SANE's test backend), or "bring to the counter".
  const attachments = new AttachmentService({
    sessions,
    scanner: {
      device: process.env.KIOSK_SCANNER_DEVICE ?? null,
      env: process.env.KIOSK_SANE_CONFIG_DIR
        ? { SANE_CONFIG_DIR: process.env.KIOSK_SANE_CONFIG_DIR }
        : config.mode === 'demo'
          ? { SANE_CONFIG_DIR: SANE_DEMO_CONFIG_DIR }
          : {},
    },
  });
  // Start-up reconciliation of the catalogue against the provincial system (diagnostics, staff).
  const reconciliation = delivery
    ? new ReconciliationService({
        portal: delivery.portal,
        table: loadAgencyTable(config.portal.agencyTable),
        services: () => loadCatalogue().services,
        today: () => todayInVietnam(),
        onResult: (r) => status.update('portal', { mismatches: r.findings.length }),
      })
    : null;
  void reconciliation?.run();
  const speechStatus = () => ({
    enabled: speech?.enabled ?? false,
    state: speech?.state ?? ('idle' as const),
    volumeStep: speech?.volumeStep ?? 0,
    volumeStepCount: speech?.volumeStepCount ?? 1,
    audio: speech?.audioAvailable ?? false,
  });
  // Personal data reaches the synthesizer only through a headset (host/speech/private-speech.ts).
  const privateSpeech =
    deps.privateSpeech ??
    new PrivateSpeech({ setting: config.speech.privateOutput, personal: () => sessions.active?.personal });
  const services: HostServices = {
    config,
    status,
    sessions,
    simulator,
    identify,
    delivery,
    reports,
    staff,
    staffCalls,
  };
  // Agency services (host/agencies): 07 vehicle registration, 08 traffic fines.
  const agencyApi = createAgencyHandlers({
    config,
    sessions,
    printer: deps.printer ?? null,
    agencies: deps.agencies ?? new Map(),
  });

  const requireSimulator = (): SimulatorControl => {
    if (!simulator) throw new KioskApiError('not-available', 'The reader simulator is not running');
    return simulator;
  };
  const demo = config.mode === 'demo';
  // Production does not register the simulator's methods at all: they answer `unknown-method`.
  const simulatorHandlers: Partial<Handlers> = demo
    ? {
        'simulator.profiles': () => requireSimulator().profiles(),
        'simulator.insertCard': async ({ profileId, faults }) => {
          await requireSimulator().insertCard(profileId, faults ?? []);
          return { inserted: true };
        },
        'simulator.removeCard': async () => {
          await requireSimulator().removeCard();
          return { removed: true };
        },
        'simulator.showQr': async ({ profileId }) => {
          await requireSimulator().showQr(profileId);
          return { shown: true };
        },
        'simulator.bankTransfer': ({ localRef }) => {
          if (!simulator) throw new KioskApiError('not-available', 'Demo mode only');
          return requirePayments().simulateBankTransfer(localRef);
        },
      }
    : {};

  // Every call is observed for the journey counters (step, service, error codes; never the parameters' values).
  const track = (h: Handlers): Handlers => (journeys ? journeys.wrap(h) : h);
  const host = new KioskHost(
    track({
      'kiosk.hello': () => ({
        protocolVersion: PROTOCOL_VERSION,
        kioskName: config.kioskName,
        defaultLanguage: config.defaultLanguage,
        demoMode: demo,
        timeouts: config.timeouts,
        filingChannel: config.dossier.channel,
        branding,
      }),
      'status.get': () => status.get(),
      'trust.list': () => describeTrustStore(deps.trustStore?.() ?? defaultTrustStore()),
      'session.start': ({ language }) => {
        // A citizen at the screen: staff mode never stays open behind them.
        staff.close('citizen');
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
      'dossier.submit': async ({ serviceId, forms, declared }) => {
        if (!dossiers) throw new KioskApiError('not-available', 'Dossier delivery is not configured');
        const filed = await dossiers.submit(serviceId, forms, { declared: declared ?? [] });
        // A dossier filed with an officer's help is recorded under the officer in the audit chain.
        assist.noteDossier(filed.localRef);
        return filed;
      },
      'exam.options': ({ serviceId }) => exams.options(serviceId),
      'exam.register': (p) => exams.register(p),
      'agencyForms.submit': (p) => agencyForms.submit(p),
      'receipt.qr': ({ localRef }) => {
        if (!receipts) throw new KioskApiError('not-available', 'No store');
        return { text: receipts.qrText(localRef) };
      },
      'receipt.print': async ({ localRef }) => {
        if (!receipts) throw new KioskApiError('not-available', 'No store');
        return { kind: (await receipts.print(localRef)).kind };
      },
      'forms.print': ({ serviceId, forms }) => formsPrint.print(serviceId, forms),
      'dossier.lookup': async ({ text }) => {
        if (!delivery) throw new KioskApiError('not-available', 'No portal');
        const answer = await delivery.outbox.lookup(parseLookupInput(text));
        if (answer.kind === 'queued') return { kind: 'queued', localRef: answer.localRef };
        if (answer.kind === 'failed') return { kind: 'failed', localRef: answer.localRef };
        const i = answer.info;
        return {
          kind: 'portal',
          dossierCode: i.dossierCode,
          status: i.status,
          statusLabel: { vi: statusLabel(i.status, 'vi'), en: statusLabel(i.status, 'en') },
          procedureCode: i.procedureCode,
          procedureName: i.procedureName,
          receivedAt: i.receivedAt,
          appointmentAt: i.appointmentAt,
          feeVnd: i.feeVnd,
          feePaid: i.feePaid,
        };
      },
      'draft.save': ({ serviceId, data }) => requireDrafts().save(serviceId, data),
      'draft.load': () => requireDrafts().load(),
      'draft.discard': () => ({ discarded: requireDrafts().discard() }),
      'queue.take': async ({ group }) => {
        if (!queue) throw new KioskApiError('not-available', 'No store');
        const ticket = await queue.take(group);
        // The number is on screen even when the printer fails (out of paper): printing is best effort.
        const printed = await queue
          .print(ticket, config.kioskName)
          .catch(swallowed(log, 'warn', 'queue ticket not printed', null));
        return { ...ticket, printed };
      },
      'payment.prepare': ({ localRef }) => requirePayments().prepare(localRef),
      'payment.check': ({ localRef }) => requirePayments().check(localRef),
      'attachment.list': ({ serviceId }) => attachments.list(serviceId),
      'attachment.photo': ({ serviceId, code, image }) => attachments.photo(serviceId, code, image),
      'attachment.scan': ({ serviceId, code }) => attachments.scan(serviceId, code),
      'attachment.bring': ({ serviceId, code }) => attachments.bringToCounter(serviceId, code),
      'attachment.remove': ({ serviceId, code }) => attachments.remove(serviceId, code),
      'portal.reconciliation': () => reconciliation?.latest ?? null,
      'staff.unlock': ({ pin }) => {
        const r = staffPin.verify(pin);
        if (r.ok) staff.open('staff:pin');
        return r;
      },
      'staff.alerts': () => {
        staff.require({ touch: false });
        return alerts.list();
      },
      'staff.state': () => ({ active: staff.active }),
      'staff.touch': () => {
        staff.require();
        return { active: true as const };
      },
      'staff.lock': () => {
        staff.close('lock');
        return { locked: true as const };
      },
      'staff.exitShell': () => {
        staff.require();
        staff.close('exit');
        queueMicrotask(() => host.emit('staff.exit', {}));
        return { exiting: true as const };
      },
      'staff.call': ({ screen }) => staffCalls.call(screen),
      'staff.calls': () => {
        staff.require({ touch: false });
        return staffCalls.list();
      },
      'staff.answerCall': ({ id }) => ({ answered: staffCalls.answer(id, staff.require()) }),
      'staff.devices': () => {
        staff.require({ touch: false });
        return deviceAlerts.check();
      },
      'staff.diagnostics': async () => {
        const actor = staff.require();
        const { runDoctor } = await import('./doctor');
        // The card read and QR scan tests wait for a technician at the reader: not from the console.
        const r = await runDoctor({ config, read: false, scan: false, checkTimeoutMs: 10_000 });
        delivery?.store.audit(actor, 'staff.diagnostics', undefined, { ...r.summary, ok: r.ok });
        return {
          startedAt: r.startedAt,
          ok: r.ok,
          checks: r.checks.map((c) => ({ id: c.id, status: c.status, detail: c.detail })),
        };
      },
      'staff.clearAlert': ({ code }) => {
        const actor = staff.require();
        const cleared = alerts.clear(code, actor);
        if (code === 'staff-call') staffCalls.answerAll(actor);
        alertsChanged();
        return { cleared };
      },
      // The panel's own reads do not keep staff mode open (a tap in the console does: staff.touch).
      'staff.outbox.summary': () => {
        staff.require({ touch: false });
        return requireMonitor().summary();
      },
      'staff.outbox.list': ({ limit }) => {
        staff.require({ touch: false });
        return requireMonitor().list(limit);
      },
      'staff.outbox.retry': ({ id }) => requireMonitor().retry(staffActor(), id),
      'staff.outbox.export': async ({ print }) => {
        const monitor = requireMonitor();
        const { csv, rows } = monitor.exportCsv(staffActor());
        const printed = print
          ? await monitor
              .printDeadLetters(rows)
              .catch(swallowed(log, 'warn', 'dead letters not printed', null))
          : null;
        return { csv, rows: rows.length, printed };
      },
      'staff.assist.request': () => {
        const view = assist.request(staffActor());
        // The officer's console gives way to the citizen's screen, where the citizen is asked.
        staff.close('lock');
        return view;
      },
      'staff.assist.cancel': () => (staffActor(), assist.cancel()),
      'assist.state': () => assist.view(),
      'assist.answer': ({ granted }) => assist.answer(granted),
      'assist.handBack': () => assist.handBack(),
      'rating.submit': ({ score, reasons }) => journeys?.rate(score, reasons ?? []) ?? { recorded: false },
      'speech.say': async ({ text, lang, masked, parts, append }) => {
        if (!speech) return { outcome: 'silent' };
        if (masked) return { outcome: 'skipped' };
        const spoken = await privateSpeech.text(parts ?? [{ text }], lang);
        return { outcome: await speech.say(spoken, lang, { interrupt: !append }) };
      },
      'speech.status': () => speechStatus(),
      'speech.control': ({ action }) => {
        if (speech) {
          if (action === 'repeat') void speech.repeat();
          else if (action === 'pause') speech.pause();
          else if (action === 'resume') speech.resume();
          else if (action === 'stop') speech.stop();
          else if (action === 'louder') speech.volumeUp();
          else if (action === 'quieter') speech.volumeDown();
          else speech.setEnabled(action === 'enable');
        }
        return speechStatus();
      },
      'catalogue.services': () =>
        config.portal.feesFrom === 'portal'
          ? withPortalFees(loadCatalogue().services, reconciliation?.latest ?? null)
          : [...loadCatalogue().services],
      'catalogue.form': ({ id, version }) => {
        try {
          return getForm(id, version);
        } catch {
          throw new KioskApiError('catalogue-form-not-found', `No form ${id}`);
        }
      },
      'catalogue.home': () => {
        const home = homeScreen(loadCatalogue().services);
        return {
          mostUsed: home.mostUsed.map((s) => s.id),
          categories: home.categories.map((c) => ({
            id: c.id,
            label: c.label,
            serviceIds: c.services.map((s) => s.id),
          })),
        };
      },
      'catalogue.search': ({ query }) =>
        searchServices(query, { limit: 10 }).map((h) => ({ serviceId: h.service.id, score: h.score })),
      'catalogue.forms': () =>
        loadCatalogue().forms.map((f) => ({
          id: f.id,
          version: f.version,
          title: f.title,
          effectiveFrom: f.effectiveFrom,
          fidelity: f.fidelity,
        })),
      'places.provinces': () => provinces().map((p) => ({ code: p.code, name: p.fullName })),
      'places.communes': ({ provinceCode }) =>
        communes(provinceCode).map((c) => ({ code: c.code, name: c.fullName })),
      ...simulatorHandlers,
      ...agencyApi.handlers,
      ...agencyApi.demo,
      'places.home': () => {
        const c = config.kioskCommuneCode ? communeByCodeOrNull(config.kioskCommuneCode) : null;
        return c
          ? { provinceCode: c.provinceCode, communeCode: c.code, label: `${c.fullName}, ${c.provinceName}` }
          : null;
      },
      'places.remap': ({ text }) => {
        const r = remapOldAddress(text);
        const label = (c: { fullName: string; provinceName: string }): string =>
          `${c.fullName}, ${c.provinceName}`;
        if (r.status === 'unique')
          return {
            status: 'unique',
            provinceCode: r.unit.provinceCode,
            communeCode: r.unit.code,
            label: label(r.unit),
            detail: r.detail,
          };
        if (r.status === 'ambiguous')
          return {
            status: 'ambiguous',
            detail: r.detail,
            candidates: r.candidates.map((c) => ({
              provinceCode: c.provinceCode,
              communeCode: c.code,
              label: label(c),
            })),
          };
        return { status: 'not-found' };
      },
    }),
    () => sessions.touch(),
  );

  emit = (e) => {
    switch (e.type) {
      case 'card':
        return host.emit('card.presence', { present: e.present });
      case 'progress':
        return host.emit('identify.progress', {
          file: e.file,
          bytes: e.bytes,
          total: e.total,
          percent: e.percent,
        });
      case 'identity':
        return host.emit('identify.identity', {
          identity: e.identity,
          verification: e.verification,
          photoPending: e.photoPending,
        });
      case 'photo':
        return host.emit('identify.photo', { dataUrl: e.dataUrl });
      case 'verified':
        return host.emit('identify.verified', { verification: e.verification, decision: e.decision });
      case 'failed':
        journeys?.failed(e.code);
        return host.emit('identify.failed', { code: e.code });
      case 'qr':
        return host.emit('identify.qr', { cardType: e.cardType });
      case 'qr-waiting':
        return host.emit('identify.qrWaiting', {});
      case 'other':
        return host.emit('identify.other', {
          role: e.role as OtherCardRole,
          identity: e.identity,
          decision: e.decision,
        });
    }
  };
  const onDelivered = (e: { localRef: string; dossierCode: string }): void => {
    host.emit('dossier.delivered', { localRef: e.localRef, dossierCode: e.dossierCode });
    status.update('portal', { queued: delivery?.outbox.waitingCount() ?? 0 });
  };
  const onFailed = (e: { localRef: string }): void => host.emit('dossier.failed', { localRef: e.localRef });
  const onOutboxState = (e: { portalState: 'up' | 'down' }): void =>
    status.update('portal', { state: e.portalState, queued: delivery?.outbox.waitingCount() ?? 0 });
  delivery?.outbox.on('delivered', onDelivered);
  delivery?.outbox.on('failed', onFailed);
  delivery?.outbox.on('state', onOutboxState);
  // The host wipes a session the UI has abandoned; every call counts as activity (KioskHost's onCall).
  // Never before the renderer's own watch could end it (long form steps, "I need more time": common/idle-timing.ts).
  sessions.watch(
    (longestIdleSeconds(config.timeouts.idleSeconds, config.timeouts.warningSeconds) + 30) * 1000,
  );
  const onSpeech = (): void => host.emit('speech.status', speechStatus());
  speech?.on('state', onSpeech);
  speech?.on('volume', onSpeech);
  speech?.on('audio', onSpeech);
  // Every citizen starts with the default volume and speech setting; nothing of the last one is kept.
  const offSpeechReset = sessions.onEnd(() => speech?.resetForNewSession());
  const offStatus = status.onChange((s) => host.emit('status.changed', s));
  const offEnd = sessions.onEnd((reason) => host.emit('session.ended', { reason }));
  const offJourney = sessions.onEnd((reason) => journeys?.end(reason));
  const offStaff = staff.onChange((active) => host.emit('staff.mode', { active }));
  staff.watch();
  alertsChanged = () => host.emit('staff.alertsChanged', {});
  const offDeviceAlerts = status.onChange(() => deviceAlerts.fromStatus());
  deviceAlerts.watch();

  return {
    host,
    services,
    dispose: async () => {
      offStatus();
      offSpeechReset();
      speech?.off('state', onSpeech);
      speech?.off('volume', onSpeech);
      speech?.off('audio', onSpeech);
      sessions.unwatch();
      delivery?.outbox.off('delivered', onDelivered);
      delivery?.outbox.off('failed', onFailed);
      delivery?.outbox.off('state', onOutboxState);
      offEnd();
      sessions.end('staff');
      offJourney();
      assist.dispose();
      staff.unwatch();
      staff.close('shutdown');
      offStaff();
      offDeviceAlerts();
      deviceAlerts.unwatch();
    },
  };
}
