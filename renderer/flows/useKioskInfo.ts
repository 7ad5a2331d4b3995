import { useEffect, useState } from 'react';
import type { DeviceStatus, Hello, KioskApi } from '../../common/api/contract';
import type { Service } from '../../common/catalogue/schema';
import type { ConnectionState } from '../api/ws-client';

/** What the kiosk tells the UI about itself: device status, configuration (`kiosk.hello`) and the services. */
export interface KioskInfo {
  status: DeviceStatus | null;
  services: Service[];
  demoMode: boolean;
  timeouts: { idleSeconds: number; warningSeconds: number };
  /** The kiosk's filing channel (which fee rates apply), from the host's configuration. */
  filingChannel: 'online' | 'in-person';
  /** The configured language every session starts in (kiosk.hello); a citizen's choice lasts one session. */
  defaultLanguage: 'vi' | 'en';
  /** The configured agency name, emblem and pictograms (null without a `branding` block). */
  branding: NonNullable<Hello['branding']> | null;
}

/** Reads the kiosk's status, configuration and services once the connection is open; follows status changes. */
export function useKioskInfo(api: KioskApi, connection: ConnectionState): KioskInfo {
  const [status, setStatus] = useState<DeviceStatus | null>(null);
  const [services, setServices] = useState<Service[]>([]);
  const [demoMode, setDemoMode] = useState(false);
  const [timeouts, setTimeouts] = useState({ idleSeconds: 90, warningSeconds: 30 });
  const [filingChannel, setFilingChannel] = useState<'online' | 'in-person'>('online');
  const [defaultLanguage, setDefaultLanguage] = useState<'vi' | 'en'>('vi');
  const [branding, setBranding] = useState<KioskInfo['branding']>(null);

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
          setBranding(h.branding ?? null);
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

  return { status, services, demoMode, timeouts, filingChannel, defaultLanguage, branding };
}
