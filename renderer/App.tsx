import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskApi } from '../common/api/contract';
import { idleSecondsForStep } from '../common/idle-timing';
import { KioskApiContext } from './api/KioskApiContext';
import type { ConnectionState } from './api/ws-client';
import { ConfirmStop } from './components/ConfirmStop';
import { DemoBanner } from './components/DemoBanner';
import { DemoPanel } from './components/DemoPanel';
import { DisplayOptions } from './components/DisplayOptions';
import { LanguageSwitch } from './components/LanguageSwitch';
import { SpeechBar } from './components/SpeechBar';
import { BrandingContext, KioskName } from './components/Branding';
import { StaffExit } from './components/StaffExit';
import { StatusStrip } from './components/StatusStrip';
import { TimeoutWarning } from './components/TimeoutWarning';
import { countFields, useIdleTimeout } from './flows/useIdleTimeout';
import { callScreenOf, useJourney } from './flows/useJourney';
import { useKioskInfo } from './flows/useKioskInfo';
import { useSpeakScreen, useSpeechStatus } from './flows/useSpeech';
import { JourneyScreens } from './JourneyScreens';
import { AssistOverlay } from './staff/AssistOverlay';
import { CallStaffButton, CallStaffProvider } from './staff/CallStaff';
import { StaffConsole } from './staff/StaffConsole';
import { useStaffMode } from './staff/useStaffMode';

/**
 * The kiosk's shell: providers, header (staff entry, call staff, display options, language), spoken guidance,
 * the screen of the journey (`JourneyScreens`, state in `flows/useJourney.ts`) or the staff console, the
 * dialogs over it (stop, timeout), the demo tools and the status strip.
 */
export function App({ api, connection }: { api: KioskApi; connection: ConnectionState }) {
  const { t, i18n } = useTranslation();
  const info = useKioskInfo(api, connection);
  const journey = useJourney(api, info.services, info.defaultLanguage);
  const { screen, idState, localError } = journey;

  useEffect(() => {
    document.documentElement.lang = i18n.language;
    document.title = t('app.name');
  }, [i18n.language, t]);

  const idle = useIdleTimeout({
    enabled: screen.name !== 'attract' && screen.name !== 'ended',
    // Longer on a step with many fields (common/idle-timing.ts).
    idleSeconds: idleSecondsForStep(info.timeouts.idleSeconds, countFields()),
    warningSeconds: info.timeouts.warningSeconds,
    onTimeout: () => void journey.endSession('timeout'),
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

  return (
    <KioskApiContext.Provider value={api}>
      <BrandingContext.Provider value={info.branding}>
        <CallStaffProvider screen={callScreenOf(screen, idState)}>
          <div className="kiosk">
            {info.demoMode && <DemoBanner />}
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
            <SpeechBar status={speech} sessionOver={screen.name === 'ended'} />
            {staffMode ? <StaffConsole /> : <JourneyScreens journey={journey} info={info} />}
            {journey.askStop && !staffMode && (
              <ConfirmStop
                onStop={() => void journey.endSession('cancel')}
                onContinue={() => journey.setAskStop(false)}
              />
            )}
            {idle.warning && !staffMode && (
              <TimeoutWarning
                secondsLeft={idle.secondsLeft}
                onExtend={idle.extend}
                onMoreTime={idle.moreTimeAvailable ? idle.moreTime : undefined}
              />
            )}
            {info.demoMode && (
              <DemoPanel
                onPreview={(formId, version) =>
                  journey.setScreen((back) => ({
                    name: 'preview',
                    formId,
                    version,
                    back: back.name === 'preview' ? back.back : back,
                  }))
                }
              />
            )}
            <StatusStrip status={info.status} connection={connection} demoMode={info.demoMode} />
          </div>
        </CallStaffProvider>
      </BrandingContext.Provider>
    </KioskApiContext.Provider>
  );
}
