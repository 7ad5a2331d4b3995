import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useKioskApi } from './api/KioskApiContext';
import { AGENCY_FLOWS } from './agencies/flows';
import type { Journey } from './flows/useJourney';
import type { KioskInfo } from './flows/useKioskInfo';
import { AgencyFormsReceiptScreen } from './screens/AgencyFormsReceiptScreen';
import { AttachmentsScreen } from './screens/AttachmentsScreen';
import { AttractScreen } from './screens/AttractScreen';
import { CanEntryScreen } from './screens/CanEntryScreen';
import { ConfirmIdentityScreen, RefusedScreen } from './screens/ConfirmIdentityScreen';
import { ConsentScreen } from './screens/ConsentScreen';
import { EndScreen } from './screens/EndScreen';
import { ExamReceiptScreen, ExamStartScreen } from './screens/ExamScreens';
import { FormScreen } from './screens/FormScreen';
import { IdentifyScreen } from './screens/IdentifyScreen';
import { LookupScreen } from './screens/LookupScreen';
import { MrzEntryScreen } from './screens/MrzEntryScreen';
import { PreviewScreen } from './screens/PreviewScreen';
import { QueueScreen } from './screens/QueueScreen';
import { RatingScreen } from './screens/RatingScreen';
import { ReadingScreen } from './screens/ReadingScreen';
import { ReceiptScreen } from './screens/ReceiptScreen';
import { ResumeScreen } from './screens/ResumeScreen';
import { ServiceInfoScreen } from './screens/ServiceInfoScreen';
import { ServicesScreen } from './screens/ServicesScreen';
import { CallStaffPrompt } from './staff/CallStaff';

/** The citizen screen for where the journey is (one thing per screen); the shell around it is App's. */
export function JourneyScreens({ journey, info }: { journey: Journey; info: KioskInfo }): ReactNode {
  const { t } = useTranslation();
  const api = useKioskApi();
  const { screen, setScreen, identity, idState, localError, endSession } = journey;
  const { services, demoMode, filingChannel, status } = info;
  const cardPresent = status?.reader.state === 'card-present' || status?.reader.state === 'reading';
  const service = 'serviceId' in screen ? services.find((s) => s.id === screen.serviceId) : undefined;

  switch (screen.name) {
    case 'attract':
      return (
        <AttractScreen
          onStart={() => void journey.start()}
          onBrowse={() => setScreen({ name: 'browse' })}
          onLookup={() => setScreen({ name: 'lookup' })}
          onQueue={() => setScreen({ name: 'queue' })}
        />
      );
    case 'queue':
      return <QueueScreen onDone={() => setScreen({ name: 'attract' })} />;
    case 'lookup':
      return <LookupScreen onBack={() => setScreen({ name: 'attract' })} />;
    case 'consent':
      return <ConsentScreen onAnswer={(g) => void journey.answerConsent(g)} />;
    case 'identify':
    case 'mrz':
    case 'confirm':
      if (idState.decision && idState.decision !== 'accept')
        return (
          <RefusedScreen decision={idState.decision} onFinish={() => void endSession('refused', true)}>
            <CallStaffPrompt />
          </RefusedScreen>
        );
      if (idState.decision === 'accept' && idState.identity)
        return (
          <ConfirmIdentityScreen
            state={idState}
            onYes={journey.confirmIdentity}
            onNo={() => void endSession('not-me')}
          />
        );
      if (idState.error === 'chip-can-required' || idState.error === 'chip-pace-failed')
        return <CanEntryScreen state={idState} onBack={() => journey.setAskStop(true)} />;
      if (idState.percent !== null)
        return <ReadingScreen state={idState} onCancel={() => journey.setAskStop(true)} />;
      if (screen.name === 'mrz')
        return (
          <MrzEntryScreen
            onBack={() => setScreen({ name: 'identify' })}
            onDone={() => setScreen({ name: 'identify' })}
          />
        );
      return (
        <IdentifyScreen
          state={localError ? { ...idState, error: localError } : idState}
          onBack={() => journey.setAskStop(true)}
          onTypeMrz={() => setScreen({ name: 'mrz' })}
          onError={journey.setLocalError}
        />
      );
    case 'browse':
    case 'services':
      return (
        <ServicesScreen
          services={services}
          onChoose={(serviceId) => setScreen({ name: 'service', serviceId })}
          onBack={() => (identity ? journey.setAskStop(true) : setScreen({ name: 'attract' }))}
        />
      );
    case 'service':
      return (
        service && (
          <ServiceInfoScreen
            service={service}
            channel={filingChannel}
            identity={identity}
            onStart={() => journey.startService(service)}
            onBack={() => setScreen({ name: 'services' })}
            deadEnd={<CallStaffPrompt />}
          />
        )
      );
    case 'form':
      return (
        service && (
          <FormScreen
            service={service}
            identity={identity}
            channel={filingChannel}
            resume={screen.resume}
            onExit={() => setScreen({ name: 'service', serviceId: service.id })}
            onDone={(forms, declared) => journey.formDone(service, forms, declared)}
          />
        )
      );
    case 'attachments':
      return (
        service && (
          <AttachmentsScreen
            serviceId={service.id}
            onContinue={() => void journey.submit(service.id, screen.forms, screen.declared)}
            onBack={() => setScreen({ name: 'form', serviceId: service.id })}
          />
        )
      );
    case 'resume':
      return (
        service && (
          <ResumeScreen
            service={service}
            savedAt={screen.savedAt}
            onResume={() => setScreen({ name: 'form', serviceId: service.id, resume: screen.draft })}
            onDiscard={() => {
              void api.call('draft.discard', {}).catch(() => undefined);
              setScreen({ name: 'services' });
            }}
          />
        )
      );
    case 'submitting':
      return (
        <main id="main" className="screen" aria-busy="true" data-testid="screen-submitting">
          <h1 className="heading-l">{t('journey.submitting')}</h1>
        </main>
      );
    case 'submit-failed':
      return (
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
            onClick={() => void journey.submit(screen.serviceId, screen.forms, screen.declared)}
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
    case 'agency': {
      const Flow = service?.kioskSupport.mode === 'agency' ? AGENCY_FLOWS[service.kioskSupport.agency] : null;
      return (
        service &&
        Flow && (
          <Flow
            service={service}
            identity={identity}
            demoMode={demoMode}
            onFinish={() => void endSession('done', true)}
            onQueue={() => void endSession('cancel').then(() => setScreen({ name: 'queue' }))}
          />
        )
      );
    }
    case 'rating':
      return <RatingScreen onDone={() => setScreen({ name: 'ended', reason: screen.then })} />;
    case 'preview':
      return (
        <PreviewScreen
          formId={screen.formId}
          version={screen.version}
          identity={identity ?? idState.identity}
          onClose={() => setScreen(screen.back)}
        />
      );
    case 'ended':
      return <EndScreen reason={screen.reason} cardPresent={cardPresent} onDone={journey.welcomeNext} />;
    case 'exam-start':
      return (
        <ExamStartScreen
          serviceId={screen.serviceId}
          onBack={() => setScreen({ name: 'service', serviceId: screen.serviceId })}
          onOtherService={() => setScreen({ name: 'services' })}
          onFinish={() => void endSession(identity ? 'done' : 'cancel', Boolean(identity))}
          onReady={journey.examReady}
        />
      );
    case 'exam-receipt':
      return (
        <ExamReceiptScreen
          receipt={screen.receipt}
          onFinish={() => void endSession('done', true)}
          onAnother={() => setScreen({ name: 'services' })}
        />
      );
    case 'agency-forms-receipt':
      return (
        <AgencyFormsReceiptScreen
          service={service}
          receipt={screen.receipt}
          onFinish={() => void endSession('done', true)}
          onAnother={() => setScreen({ name: 'services' })}
        />
      );
    case 'receipt':
      return (
        <ReceiptScreen
          receipt={screen.receipt}
          printable={screen.printable}
          demoMode={demoMode}
          onFinish={() => void endSession('done', true)}
          onAnother={identity ? () => setScreen({ name: 'services' }) : undefined}
        />
      );
  }
}
