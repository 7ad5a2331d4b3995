import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskApi, ReceiptView, Result, StaffCallScreen } from '../../common/api/contract';
import type { Service } from '../../common/catalogue/schema';
import type { Identity } from '../../common/identity';
import { wipeRendererStorage } from '../api/choose-transport';
import type { EndingReason } from '../screens/EndScreen';
import type { ExamChoice } from '../screens/ExamScreens';
import type { DraftData, FilledForm } from '../screens/FormScreen';
import { type IdentifyState, useIdentify } from './useIdentify';

/** Where the citizen is in the journey. Personal data lives in `identity` and `filled` for this session only. */
export type Screen =
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

/** Service 21: the exam registration, with its own first question and receipt. */
export const isExam = (s: Service | null | undefined): boolean =>
  s?.kioskSupport.mode === 'agency' && s.kioskSupport.agency === 'exam';
/** An agency takes the service's catalogue forms: the usual form path, then the agency's reference number. */
export const takesForms = (s: Service | null | undefined): boolean =>
  s?.kioskSupport.mode === 'agency' && s.kioskSupport.takesForms === true;

/** The screen a call for staff names (the screen only, never anything the citizen entered). */
export function callScreenOf(screen: Screen, id: IdentifyState): StaffCallScreen {
  if (screen.name !== 'identify' && screen.name !== 'mrz' && screen.name !== 'confirm') return screen.name;
  if (id.decision && id.decision !== 'accept') return 'refused';
  if (id.error === 'chip-can-required' || id.error === 'chip-pace-failed') return 'can';
  if (id.percent !== null && !id.decision) return 'reading';
  return screen.name;
}

/**
 * The citizen's journey: the screen shown, the identity once confirmed, and every step that moves between
 * screens (start, consent, choosing a service, submitting, ending). Endings wipe what the session held.
 */
export function useJourney(api: KioskApi, services: Service[], defaultLanguage: 'vi' | 'en') {
  const { i18n } = useTranslation();
  const [screen, setScreen] = useState<Screen>({ name: 'attract' });
  const [identity, setIdentity] = useState<Identity | null>(null);
  const [idState, resetIdentify] = useIdentify(api);
  const [localError, setLocalError] = useState<string | null>(null);
  /** A service chosen while browsing, to open once the citizen has been identified. */
  const [pendingService, setPendingService] = useState<string | null>(null);
  /** Service 21: where and what the free candidate chose before the form (no personal data). */
  const [examChoice, setExamChoice] = useState<ExamChoice | null>(null);
  /** "Do you want to stop?" is open (a back or cancel button that would end the session). */
  const [askStop, setAskStop] = useState(false);
  useEffect(() => setLocalError(null), [idState.qr, idState.percent]);

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

  const language = (): 'vi' | 'en' => (i18n.language === 'en' ? 'en' : 'vi');
  const start = async (): Promise<void> => {
    await api.call('session.start', { language: language() }).catch(() => undefined);
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

  /** "Yes, this is me": the service chosen before, or the services; a draft left with this card comes first. */
  const confirmIdentity = (): void => {
    setIdentity(idState.identity);
    const next: Screen = pendingService
      ? { name: 'service', serviceId: pendingService }
      : { name: 'services' };
    setPendingService(null);
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
  };

  /** "Start" on a service's page: its first question, an agency's flow, the form, or identification first. */
  const startService = (service: Service): void => {
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
          .call('session.start', { language: language() })
          .catch(() => undefined)
          .then(() => setScreen({ name: 'agency', serviceId: service.id }));
      else setScreen({ name: 'agency', serviceId: service.id });
    } else if (identity) setScreen({ name: 'form', serviceId: service.id });
    else {
      setPendingService(service.id);
      void start();
    }
  };

  /** The form is done: the papers to bring first when the service needs some, else straight to sending. */
  const formDone = (service: Service, forms: FilledForm[], declared: string[]): void => {
    if (
      service.documents.some((d) => !d.formId) &&
      !takesForms(service) &&
      (!isExam(service) || examChoice?.priority)
    )
      setScreen({ name: 'attachments', serviceId: service.id, forms, declared });
    else void submit(service.id, forms, declared);
  };

  /** Service 21: the candidate's choices are made; the form once identified. */
  const examReady = (choice: ExamChoice): void => {
    setExamChoice(choice);
    if (identity) setScreen({ name: 'form', serviceId: choice.serviceId });
    else {
      setPendingService(choice.serviceId);
      void start();
    }
  };

  return {
    screen,
    setScreen,
    identity,
    idState,
    localError,
    setLocalError,
    askStop,
    setAskStop,
    start,
    answerConsent,
    submit,
    endSession,
    welcomeNext,
    confirmIdentity,
    startService,
    formDone,
    examReady,
  };
}

export type Journey = ReturnType<typeof useJourney>;
