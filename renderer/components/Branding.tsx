import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Hello, KioskApi } from '../../common/api/contract';
import { useKioskApi } from '../api/KioskApiContext';
import './branding.css';

type Branding = NonNullable<Hello['branding']>;

/** One `kiosk.hello` per API connection for every branded place (a failed call is asked again next time). */
const asked = new WeakMap<KioskApi, Promise<Branding | null>>();

function brandingOf(api: KioskApi): Promise<Branding | null> {
  let p = asked.get(api);
  if (!p) {
    p = api.call('kiosk.hello', {}).then((h) => h.branding ?? null);
    p.catch(() => asked.delete(api));
    asked.set(api, p);
  }
  return p;
}

/** The configuration's agency name and emblem (null until known, and without a `branding` block). */
export function useBranding(): Branding | null {
  const api = useKioskApi();
  const [branding, setBranding] = useState<Branding | null>(null);
  useEffect(() => {
    let alive = true;
    brandingOf(api)
      .then((b) => alive && setBranding(b))
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [api]);
  return branding;
}

/** The kiosk's name in the header, with the agency's emblem and name beside it when configured. */
export function KioskName() {
  const { t, i18n } = useTranslation();
  const branding = useBranding();
  const agency = branding?.agencyName?.[i18n.language === 'en' ? 'en' : 'vi'];
  return (
    <span className="kiosk__name" data-testid="kiosk-name">
      {branding?.emblem && (
        <img className="kiosk__emblem" src={branding.emblem} alt="" data-testid="header-emblem" />
      )}
      <span>
        {t('app.name')}
        {agency && (
          <span className="kiosk__agency" data-testid="header-agency">
            {agency}
          </span>
        )}
      </span>
    </span>
  );
}

/** The attract screen's agency line: emblem and name (nothing without a `branding` block). */
export function AgencyBanner() {
  const { i18n } = useTranslation();
  const branding = useBranding();
  const agency = branding?.agencyName?.[i18n.language === 'en' ? 'en' : 'vi'];
  if (!branding || (!agency && !branding.emblem)) return null;
  return (
    <div className="agency-banner" data-testid="agency-banner">
      {branding.emblem && (
        <img className="agency-banner__emblem" src={branding.emblem} alt="" data-testid="agency-emblem" />
      )}
      {agency && <p className="agency-banner__name">{agency}</p>}
    </div>
  );
}
