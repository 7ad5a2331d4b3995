import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceStatus, KioskApi } from '../common/api/contract';
import { wipeRendererStorage } from './api/choose-transport';
import { KioskApiContext } from './api/KioskApiContext';
import type { ConnectionState } from './api/ws-client';
import { LanguageSwitch } from './components/LanguageSwitch';
import { StatusStrip } from './components/StatusStrip';
import { AttractScreen } from './screens/AttractScreen';
import { IdentifyScreen } from './screens/IdentifyScreen';

type Screen = 'attract' | 'identify';

export function App({ api, connection }: { api: KioskApi; connection: ConnectionState }) {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<DeviceStatus | null>(null);
  const [screen, setScreen] = useState<Screen>('attract');

  useEffect(() => {
    let alive = true;
    const off = api.on('status.changed', (s) => setStatus(s));
    if (connection === 'open') {
      api
        .call('status.get', {})
        .then((s) => alive && setStatus(s))
        .catch(() => undefined);
    }
    return () => {
      alive = false;
      off();
    };
  }, [api, connection]);

  useEffect(() => {
    document.documentElement.lang = i18n.language;
    document.title = t('app.name');
  }, [i18n.language, t]);

  const start = async (): Promise<void> => {
    await api
      .call('session.start', { language: i18n.language === 'en' ? 'en' : 'vi' })
      .catch(() => undefined);
    setScreen('identify');
  };
  const backToAttract = async (): Promise<void> => {
    await api.call('session.end', { reason: 'cancel' }).catch(() => undefined);
    wipeRendererStorage();
    setScreen('attract');
  };

  return (
    <KioskApiContext.Provider value={api}>
      <div className="kiosk">
        <header className="kiosk__header">
          <span className="kiosk__name">{t('app.name')}</span>
          <LanguageSwitch />
        </header>
        {screen === 'attract' ? (
          <AttractScreen onStart={() => void start()} />
        ) : (
          <IdentifyScreen onBack={() => void backToAttract()} />
        )}
        <StatusStrip status={status} connection={connection} />
      </div>
    </KioskApiContext.Provider>
  );
}
