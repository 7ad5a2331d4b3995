import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceStatus, KioskApi, ReceiptView, Result, StaffCallScreen } from '../common/api/contract';
import type { Identity } from '../common/identity';
import type { Service } from '../common/catalogue/schema';
import { wipeRendererStorage } from './api/choose-transport';
import { KioskApiContext } from './api/KioskApiContext';
import type { ConnectionState } from './api/ws-client';
import { DisplayOptions } from './components/DisplayOptions';
import { LanguageSwitch } from './components/LanguageSwitch';
import { SpeechBar } from './components/SpeechBar';
import { StaffExit } from './components/StaffExit';
import { DemoBanner } from './components/DemoBanner';
import { AssistOverlay } from './staff/AssistOverlay';
import { StatusStrip } from './components/StatusStrip';
import { useSpeakScreen, useSpeechStatus } from './flows/useSpeech';
import { AttachmentsScreen } from './screens/AttachmentsScreen';
import { AttractScreen } from './screens/AttractScreen';
import { KioskName } from './components/Branding';
import { DemoPanel } from './components/DemoPanel';
import { TimeoutWarning } from './components/TimeoutWarning';
import { countFields, useIdleTimeout } from './flows/useIdleTimeout';
import { idleSecondsForStep } from '../common/idle-timing';
import { useIdentify } from './flows/useIdentify';
import { ConfirmIdentityScreen, RefusedScreen } from './screens/ConfirmIdentityScreen';
import { ConsentScreen } from './screens/ConsentScreen';
import { ConfirmStop } from './components/ConfirmStop';
import { EndScreen, type EndingReason } from './screens/EndScreen';
import { type DraftData, type FilledForm, FormScreen } from './screens/FormScreen';
import { ResumeScreen } from './screens/ResumeScreen';
import { IdentifyScreen } from './screens/IdentifyScreen';
import { LookupScreen } from './screens/LookupScreen';
import { CanEntryScreen } from './screens/CanEntryScreen';
import { MrzEntryScreen } from './screens/MrzEntryScreen';
import { PreviewScreen } from './screens/PreviewScreen';
import { QueueScreen } from './screens/QueueScreen';
import { RatingScreen } from './screens/RatingScreen';
import { ReadingScreen } from './screens/ReadingScreen';
import { ServiceInfoScreen } from './screens/ServiceInfoScreen';
import { ReceiptScreen } from './screens/ReceiptScreen';
import { ServicesScreen } from './screens/ServicesScreen';
import { CallStaffButton, CallStaffPrompt, CallStaffProvider } from './staff/CallStaff';
import { StaffConsole } from './staff/StaffConsole';
import { useStaffMode } from './staff/useStaffMode';
import { AGENCY_FLOWS } from './agencies/flows';
import { type ExamChoice, ExamReceiptScreen, ExamStartScreen } from './screens/ExamScreens';
import { AgencyFormsReceiptScreen } from './screens/AgencyFormsReceiptScreen';

/** Where the citizen is in the journey. Personal data lives in `identity` and `filled` for this session only. */
type Screen =
  | { name: 'attract' }
  | { name: 'consent' }
  | { name: 'lookup' }
  | { name: 'queue' }
  | { name: 'identify' }
  | { name: 'mrz' }
  | { name: 'confirm' }
  | { name: 'browse' }
  | { name: 'services' }
  | { name: 'service'; serviceId: string }
  | { name: 'form'; serviceId: string; resume?: DraftData }
  | { name: 'resume'; serviceId: string; savedAt: number; draft: DraftData }
  | { name: 'attachments'; serviceId: string; forms: FilledForm[]; declared: string[] }
  | { name: 'submitting'; serviceId: string }
  | { name: 'submit-failed'; serviceId: string; code: string; forms: FilledForm[]; declared: string[] }
  | { name: 'receipt'; receipt: ReceiptView; printable?: { serviceId: string; forms: FilledForm[] } }
  /** A service served through an agency's own system (renderer/agencies): vehicle registration, fines. */
  | { name: 'agency'; serviceId: string }
  /** Service 21 (exam registration, host/agencies/exam): the first question and the system's choices; its receipt. */
  | { name: 'exam-start'; serviceId: string }
  | { name: 'exam-receipt'; receipt: Result<'exam.register'> }
  /** Services 23/24/25: forms filled as usual, taken by an agency's own system (host/agencies/forms); its number. */
  | { name: 'agency-forms-receipt'; serviceId: string; receipt: Result<'agencyForms.submit'> }
  /** After a finished, refused or given-up journey: one tap on a face (skippable), then the end screen. */
  | { name: 'rating'; then: EndingReason }
  | { name: 'preview'; formId: string; version: string; back: Screen }
  /** The session has ended and is wiped: "take your card" until the card leaves the reader. */
  | { name: 'ended'; reason: EndingReason };

/** Screens with no citizen session behind them: a `session.ended` arriving there changes nothing. */
const SESSIONLESS = new Set<Screen['name']>(['attract', 'lookup', 'queue', 'browse', 'ended', 'rating']);

export function App({ api, connection }: { api: KioskApi; connection: ConnectionState }) {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<DeviceStatus | null>(null);
  const [screen, setScreen] = useState<Screen>({ name: 'attract' });
  const [services, setServices] = useState<Service[]>([]);
  const [identity, setIdentity] = useState<Identity | null>(null);
  const [demoMode, setDemoMode] = useState(false);
  const [timeouts, setTimeouts] = useState({ idleSeconds: 90, warningSeconds: 30 });
  /** The kiosk's filing channel (which fee rates apply), from the host's configuration. */
  const [filingChannel, setFilingChannel] = useState<'online' | 'in-person'>('online');
  const [idState, resetIdentify] = useIdentify(api);
  const [localError, setLocalError] = useState<string | null>(null);
  /** A service chosen while browsing, to open once the citizen has been identified. */
  const [pendingService, setPendingService] = useState<string | null>(null);
  /** Service 21: where and what the free candidate chose before the form (no personal data). */
  const [examChoice, setExamChoice] = useState<ExamChoice | null>(null);
  const isExam = (s: Service | null | undefined): boolean =>
    s?.kioskSupport.mode === 'agency' && s.kioskSupport.agency === 'exam';
  /** An agency takes the service's catalogue forms: the usual form path, then the agency's reference number. */
  const takesForms = (s: Service | null | undefined): boolean =>
    s?.kioskSupport.mode === 'agency' && s.kioskSupport.takesForms === true;
  /** The configured language every session starts in (kiosk.hello); a citizen's choice lasts one session. */
  const [defaultLanguage, setDefaultLanguage] = useState<'vi' | 'en'>('vi');
  /** "Do you want to stop?" is open (a back or cancel button that would end the session). */
  const [askStop, setAskStop] = useState(false);
  const cardPresent = status?.reader.state === 'card-present' || status?.reader.state === 'reading';
  useEffect(() => setLocalError(null), [idState.qr, idState.percent]);

  useEffect(() => {
    let alive = true;
    const off = api.on('status.changed', (s) => setStatus(s));
    if (connection === 'open') {
      api
        .call('status.get', {})
        .then((s) => alive && setStatus(s))
        .catch(() => undefined);
      api
        .call('kiosk.hello', {})
        .then((h) => {
          if (!alive) return;
          setDemoMode(h.demoMode);
          setTimeouts(h.timeouts);
          setFilingChannel(h.filingChannel);
          setDefaultLanguage(h.defaultLanguage);
        })
        .catch(() => undefined);
      api
        .call('catalogue.services', {})
        .then((s) => alive && setServices(s))
        .catch(() => undefined);
    }
    return () => {
      alive = false;
      off();
    };
  }, [api, connection]);

  useEffect(
    () =>
      api.on('session.ended', ({ reason }) => {
        setIdentity(null);
        setExamChoice(null);
        setAskStop(false);
        wipeRendererStorage();
        setScreen((s) => (SESSIONLESS.has(s.name) ? s : { name: 'ended', reason }));
      }),
    [api],
  );

  useEffect(() => {
    document.documentElement.lang = i18n.language;
    document.title = t('app.name');
  }, [i18n.language, t]);

  const start = async (): Promise<void> => {
    await api
      .call('session.start', { language: i18n.language === 'en' ? 'en' : 'vi' })
      .catch(() => undefined);
    resetIdentify();
    setScreen({ name: 'consent' });
  };
  const answerConsent = async (granted: boolean): Promise<void> => {
    await api.call('session.consent', { granted }).catch(() => undefined);
    if (granted) setScreen({ name: 'identify' });
    else {
      wipeRendererStorage();
      setPendingService(null);
      setScreen({ name: 'ended', reason: 'consent-declined' });
    }
  };
  const submit = async (serviceId: string, forms: FilledForm[], declared: string[] = []): Promise<void> => {
    setScreen({ name: 'submitting', serviceId });
    try {
      if (examChoice && examChoice.serviceId === serviceId) {
        const { clusterId, electives, priority } = examChoice;
        const receipt = await api.call('exam.register', { serviceId, forms, clusterId, electives, priority });
        setScreen({ name: 'exam-receipt', receipt });
        return;
      }
      if (takesForms(services.find((s) => s.id === serviceId))) {
        const receipt = await api.call('agencyForms.submit', { serviceId, forms });
        setScreen({ name: 'agency-forms-receipt', serviceId, receipt });
        return;
      }
      const receipt = await api.call('dossier.submit', { serviceId, forms, declared });
      setScreen({ name: 'receipt', receipt, printable: { serviceId, forms } });
    } catch (e) {
      setScreen({
        name: 'submit-failed',
        serviceId,
        code: (e as { code?: string }).code ?? 'internal',
        forms,
        declared,
      });
    }
  };
  /**
   * Every ending: the rating (when asked) or the end screen first (so the host's `session.ended` finds it),
   * then the host wipes.
   */
  const endSession = async (reason: EndingReason = 'cancel', rate = false): Promise<void> => {
    setAskStop(false);
    setScreen(rate ? { name: 'rating', then: reason } : { name: 'ended', reason });
    setIdentity(null);
    setPendingService(null);
    setExamChoice(null);
    resetIdentify();
    wipeRendererStorage();
    const hostReason = reason === 'done' || reason === 'timeout' ? reason : 'cancel';
    await api.call('session.end', { reason: hostReason }).catch(() => undefined);
  };
  /** Back to the welcome screen for the next citizen, in the kiosk's default language. */
  const welcomeNext = useCallback(() => {
    setScreen({ name: 'attract' });
    if (i18n.language !== defaultLanguage) void i18n.changeLanguage(defaultLanguage);
  }, [i18n, defaultLanguage]);

  const idle = useIdleTimeout({
    enabled: screen.name !== 'attract' && screen.name !== 'ended',
    // Longer on a step with many fields (common/idle-timing.ts).
    idleSeconds: idleSecondsForStep(timeouts.idleSeconds, countFields()),
    warningSeconds: timeouts.warningSeconds,
    onTimeout: () => void endSession('timeout'),
  });

  const speech = useSpeechStatus(api, connection === 'open');
  /** Staff mode (a right staff PIN): the staff console replaces the citizen screens until it is locked. */
  const staffMode = useStaffMode(api, connection === 'open');
  const screenKey = [
    screen.name,
    'serviceId' in screen ? screen.serviceId : '',
    idState.percent === null ? '' : 'reading',
    idState.decision ?? '',
    idState.error ?? '',
    localError ?? '',
    idle.warning ? 'timeout' : '',
  ].join('|');
  useSpeakScreen(api, screenKey, i18n.language === 'en' ? 'en' : 'vi', Boolean(speech?.enabled));

  const service = 'serviceId' in screen ? services.find((s) => s.id === screen.serviceId) : undefined;
  /** The screen a call for staff names (the screen only, never anything the citizen entered). */
  const callScreen: StaffCallScreen =
    screen.name === 'identify' || screen.name === 'mrz' || screen.name === 'confirm'
      ? idState.decision && idState.decision !== 'accept'
        ? 'refused'
        : idState.error === 'chip-can-required' || idState.error === 'chip-pace-failed'
          ? 'can'
          : idState.percent !== null && !idState.decision
            ? 'reading'
            : screen.name
      : screen.name;
  let body: React.ReactNode;
  switch (screen.name) {
    case 'attract':
      body = (
        <AttractScreen
          onStart={() => void start()}
          onBrowse={() => setScreen({ name: 'browse' })}
          onLookup={() => setScreen({ name: 'lookup' })}
          onQueue={() => setScreen({ name: 'queue' })}
        />
      );
      break;
    case 'queue':
      body = <QueueScreen onDone={() => setScreen({ name: 'attract' })} />;
      break;
    case 'lookup':
      body = <LookupScreen onBack={() => setScreen({ name: 'attract' })} />;
      break;
    case 'consent':
      body = <ConsentScreen onAnswer={(g) => void answerConsent(g)} />;
      break;
    case 'identify':
    case 'mrz':
    case 'confirm':
      if (idState.decision && idState.decision !== 'accept') {
        body = (
          <RefusedScreen decision={idState.decision} onFinish={() => void endSession('refused', true)}>
            <CallStaffPrompt />
          </RefusedScreen>
        );
      } else if (idState.decision === 'accept' && idState.identity) {
        body = (
          <ConfirmIdentityScreen
            state={idState}
            onYes={() => {
              setIdentity(idState.identity);
              const next: Screen = pendingService
                ? { name: 'service', serviceId: pendingService }
                : { name: 'services' };
              setPendingService(null);
              // A form left unfinished with this card comes back first.
              api
                .call('draft.load', {})
                .then((d) =>
                  setScreen(
                    d && services.some((s) => s.id === d.serviceId)
                      ? { name: 'resume', serviceId: d.serviceId, savedAt: d.savedAt, draft: d.data }
                      : next,
                  ),
                )
                .catch(() => setScreen(next));
            }}
            onNo={() => void endSession('not-me')}
          />
        );
      } else if (idState.error === 'chip-can-required' || idState.error === 'chip-pace-failed') {
        body = <CanEntryScreen state={idState} onBack={() => setAskStop(true)} />;
      } else if (idState.percent !== null) {
        body = <ReadingScreen state={idState} onCancel={() => setAskStop(true)} />;
      } else if (screen.name === 'mrz') {
        body = (
          <MrzEntryScreen
            onBack={() => setScreen({ name: 'identify' })}
            onDone={() => setScreen({ name: 'identify' })}
          />
        );
      } else {
        body = (
          <IdentifyScreen
            state={localError ? { ...idState, error: localError } : idState}
            onBack={() => setAskStop(true)}
            onTypeMrz={() => setScreen({ name: 'mrz' })}
            onError={setLocalError}
          />
        );
      }
      break;
    case 'browse':
    case 'services':
      body = (
        <ServicesScreen
          services={services}
          onChoose={(serviceId) => setScreen({ name: 'service', serviceId })}
          onBack={() => (identity ? setAskStop(true) : setScreen({ name: 'attract' }))}
        />
      );
      break;
    case 'service':
      body = service && (
        <ServiceInfoScreen
          service={service}
          channel={filingChannel}
          identity={identity}
          onStart={() => {
            const support = service.kioskSupport;
            if (isExam(service) && !(identity && examChoice?.serviceId === service.id))
              setScreen({ name: 'exam-start', serviceId: service.id });
            else if (
              !isExam(service) &&
              !takesForms(service) &&
              support.mode === 'agency' &&
              (identity || !support.identify)
            ) {
              // A flow without identification (paying a fine) still runs in a session, wiped at its end.
              if (!identity)
                void api
                  .call('session.start', { language: i18n.language === 'en' ? 'en' : 'vi' })
                  .catch(() => undefined)
                  .then(() => setScreen({ name: 'agency', serviceId: service.id }));
              else setScreen({ name: 'agency', serviceId: service.id });
            } else if (identity) setScreen({ name: 'form', serviceId: service.id });
            else {
              setPendingService(service.id);
              void start();
            }
          }}
          onBack={() => setScreen({ name: 'services' })}
          deadEnd={<CallStaffPrompt />}
        />
      );
      break;
    case 'form':
      body = service && (
        <FormScreen
          service={service}
          identity={identity}
          channel={filingChannel}
          resume={screen.name === 'form' ? screen.resume : undefined}
          onExit={() => setScreen({ name: 'service', serviceId: service.id })}
          onDone={(forms, declared) =>
            service.documents.some((d) => !d.formId) &&
            !takesForms(service) &&
            (!isExam(service) || examChoice?.priority)
              ? setScreen({ name: 'attachments', serviceId: service.id, forms, declared })
              : void submit(service.id, forms, declared)
          }
        />
      );
      break;
    case 'attachments':
      body = service && screen.name === 'attachments' && (
        <AttachmentsScreen
          serviceId={service.id}
          onContinue={() => void submit(service.id, screen.forms, screen.declared)}
          onBack={() => setScreen({ name: 'form', serviceId: service.id })}
        />
      );
      break;
    case 'resume':
      body = service && (
        <ResumeScreen
          service={service}
          savedAt={screen.savedAt}
          onResume={() => setScreen({ name: 'form', serviceId: service.id, resume: screen.draft })}
          onDiscard={() => {
            void api.call('draft.discard', {}).catch(() => undefined);
            setScreen({ name: 'services' });
          }}
        />
      );
      break;
    case 'submitting':
      body = (
        <main id="main" className="screen" aria-busy="true" data-testid="screen-submitting">
          <h1 className="heading-l">{t('journey.submitting')}</h1>
        </main>
      );
      break;
    case 'submit-failed':
      body = (
        <main id="main" className="screen" data-testid="screen-submit-failed">
          <div className="error-summary" role="alert">
            <h1 className="error-summary__title">{t('journey.submitFailed')}</h1>
            <p className="body">
              {t(screen.code, { ns: 'errors', defaultValue: t('journey.submitFailedBody') })}
            </p>
          </div>
          <CallStaffPrompt />
          <button
            type="button"
            className="button"
            onClick={() => void submit(screen.serviceId, screen.forms, screen.declared)}
          >
            {t('journey.tryAgain')}
          </button>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void endSession('cancel', true)}
          >
            {t('journey.finish')}
          </button>
        </main>
      );
      break;
    case 'agency': {
      const Flow = service?.kioskSupport.mode === 'agency' ? AGENCY_FLOWS[service.kioskSupport.agency] : null;
      body = service && Flow && (
        <Flow
          service={service}
          identity={identity}
          demoMode={demoMode}
          onFinish={() => void endSession('done', true)}
          onQueue={() => void endSession('cancel').then(() => setScreen({ name: 'queue' }))}
        />
      );
      break;
    }
    case 'rating':
      body = screen.name === 'rating' && (
        <RatingScreen onDone={() => setScreen({ name: 'ended', reason: screen.then })} />
      );
      break;
    case 'preview':
      body = (
        <PreviewScreen
          formId={screen.formId}
          version={screen.version}
          identity={identity ?? idState.identity}
          onClose={() => setScreen(screen.back)}
        />
      );
      break;
    case 'ended':
      body = <EndScreen reason={screen.reason} cardPresent={cardPresent} onDone={welcomeNext} />;
      break;
    case 'exam-start':
      body = screen.name === 'exam-start' && (
        <ExamStartScreen
          serviceId={screen.serviceId}
          onBack={() => setScreen({ name: 'service', serviceId: screen.serviceId })}
          onOtherService={() => setScreen({ name: 'services' })}
          onFinish={() => void endSession(identity ? 'done' : 'cancel', Boolean(identity))}
          onReady={(choice) => {
            setExamChoice(choice);
            if (identity) setScreen({ name: 'form', serviceId: choice.serviceId });
            else {
              setPendingService(choice.serviceId);
              void start();
            }
          }}
        />
      );
      break;
    case 'exam-receipt':
      body = screen.name === 'exam-receipt' && (
        <ExamReceiptScreen
          receipt={screen.receipt}
          onFinish={() => void endSession('done', true)}
          onAnother={() => setScreen({ name: 'services' })}
        />
      );
      break;
    case 'agency-forms-receipt':
      body = screen.name === 'agency-forms-receipt' && (
        <AgencyFormsReceiptScreen
          service={service}
          receipt={screen.receipt}
          onFinish={() => void endSession('done', true)}
          onAnother={() => setScreen({ name: 'services' })}
        />
      );
      break;
    case 'receipt':
      body = (
        <ReceiptScreen
          receipt={screen.receipt}
          printable={screen.printable}
          demoMode={demoMode}
          onFinish={() => void endSession('done', true)}
          onAnother={identity ? () => setScreen({ name: 'services' }) : undefined}
        />
      );
      break;
  }

  return (
    <KioskApiContext.Provider value={api}>
      <CallStaffProvider screen={callScreen}>
        <div className="kiosk">
          {demoMode && <DemoBanner />}
          <AssistOverlay />
          <header className="kiosk__header">
            <StaffExit>
              <KioskName />
            </StaffExit>
            <div className="kiosk__controls">
              {!staffMode && <CallStaffButton />}
              <DisplayOptions />
              <LanguageSwitch />
            </div>
          </header>
          <SpeechBar status={speech} />
          {staffMode ? <StaffConsole /> : body}
          {askStop && !staffMode && (
            <ConfirmStop onStop={() => void endSession('cancel')} onContinue={() => setAskStop(false)} />
          )}
          {idle.warning && !staffMode && (
            <TimeoutWarning
              secondsLeft={idle.secondsLeft}
              onExtend={idle.extend}
              onMoreTime={idle.moreTimeAvailable ? idle.moreTime : undefined}
            />
          )}
          {demoMode && (
            <DemoPanel
              onPreview={(formId, version) =>
                setScreen((back) => ({
                  name: 'preview',
                  formId,
                  version,
                  back: back.name === 'preview' ? back.back : back,
                }))
              }
            />
          )}
          <StatusStrip status={status} connection={connection} demoMode={demoMode} />
        </div>
      </CallStaffProvider>
    </KioskApiContext.Provider>
  );
}
