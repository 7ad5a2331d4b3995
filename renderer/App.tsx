import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceStatus, KioskApi } from '../common/api/contract';
import type { Identity } from '../common/identity';
import type { Service } from '../catalogue/schema';
import { wipeRendererStorage } from './api/choose-transport';
import { KioskApiContext } from './api/KioskApiContext';
import type { ConnectionState } from './api/ws-client';
import { LanguageSwitch } from './components/LanguageSwitch';
import { StatusStrip } from './components/StatusStrip';
import { AttractScreen } from './screens/AttractScreen';
import { type FilledForm, FormScreen } from './screens/FormScreen';
import { IdentifyScreen } from './screens/IdentifyScreen';
import { ServiceInfoScreen } from './screens/ServiceInfoScreen';
import { ServicesScreen } from './screens/ServicesScreen';

/** Where the citizen is in the journey. Personal data lives in `identity` and `filled` for this session only. */
type Screen =
  | { name: 'attract' }
  | { name: 'identify' }
  | { name: 'services' }
  | { name: 'service'; serviceId: string }
  | { name: 'form'; serviceId: string }
  | { name: 'filled'; serviceId: string; forms: FilledForm[] };

export function App({ api, connection }: { api: KioskApi; connection: ConnectionState }) {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<DeviceStatus | null>(null);
  const [screen, setScreen] = useState<Screen>({ name: 'attract' });
  const [services, setServices] = useState<Service[]>([]);
  const [identity, setIdentity] = useState<Identity | null>(null);

  useEffect(() => {
    let alive = true;
    const off = api.on('status.changed', (s) => setStatus(s));
    if (connection === 'open') {
      api
        .call('status.get', {})
        .then((s) => alive && setStatus(s))
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
      api.on('session.ended', () => {
        setIdentity(null);
        wipeRendererStorage();
        setScreen({ name: 'attract' });
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
    setScreen({ name: 'identify' });
  };
  const endSession = async (): Promise<void> => {
    await api.call('session.end', { reason: 'cancel' }).catch(() => undefined);
    setIdentity(null);
    wipeRendererStorage();
    setScreen({ name: 'attract' });
  };

  const service = 'serviceId' in screen ? services.find((s) => s.id === screen.serviceId) : undefined;
  let body: React.ReactNode;
  switch (screen.name) {
    case 'attract':
      body = <AttractScreen onStart={() => void start()} />;
      break;
    case 'identify':
      body = (
        <IdentifyScreen onBack={() => void endSession()} onBrowse={() => setScreen({ name: 'services' })} />
      );
      break;
    case 'services':
      body = (
        <ServicesScreen
          services={services}
          onChoose={(serviceId) => setScreen({ name: 'service', serviceId })}
          onBack={() => setScreen({ name: 'identify' })}
        />
      );
      break;
    case 'service':
      body = service && (
        <ServiceInfoScreen
          service={service}
          onStart={() => setScreen({ name: 'form', serviceId: service.id })}
          onBack={() => setScreen({ name: 'services' })}
        />
      );
      break;
    case 'form':
      body = service && (
        <FormScreen
          service={service}
          identity={identity}
          onExit={() => setScreen({ name: 'service', serviceId: service.id })}
          onDone={(forms) => setScreen({ name: 'filled', serviceId: service.id, forms })}
        />
      );
      break;
    case 'filled':
      body = (
        <main id="main" className="screen" data-testid="screen-filled">
          <h1 className="heading-l">{t('journey.filledTitle')}</h1>
          <button type="button" className="button" onClick={() => void endSession()}>
            {t('journey.finish')}
          </button>
        </main>
      );
      break;
  }

  return (
    <KioskApiContext.Provider value={api}>
      <div className="kiosk">
        <header className="kiosk__header">
          <span className="kiosk__name">{t('app.name')}</span>
          <LanguageSwitch />
        </header>
        {body}
        <StatusStrip status={status} connection={connection} />
      </div>
    </KioskApiContext.Provider>
  );
}
