import { createContext, useContext } from 'react';
import { useTranslation } from 'react-i18next';
import type { Hello } from '../../common/api/contract';
import './branding.css';

export type Branding = NonNullable<Hello['branding']>;

/** The configuration's agency name, emblem and pictograms, from the one `kiosk.hello` (flows/useKioskInfo). */
export const BrandingContext = createContext<Branding | null>(null);

/** The configured branding (null until known, and without a `branding` block). */
export function useBranding(): Branding | null {
  return useContext(BrandingContext);
}

/** The configured agency name in the page's language, and the emblem. */
function useAgency(): { name: string | undefined; emblem: string | null } {
  const { i18n } = useTranslation();
  const branding = useBranding();
  return {
    name: branding?.agencyName?.[i18n.language === 'en' ? 'en' : 'vi'],
    emblem: branding?.emblem ?? null,
  };
}

/** The kiosk's name in the header, with the agency's emblem and name beside it when configured. */
export function KioskName() {
  const { t } = useTranslation();
  const { name: agency, emblem } = useAgency();
  return (
    <span className="kiosk__name" data-testid="kiosk-name">
      {emblem && <img className="kiosk__emblem" src={emblem} alt="" data-testid="header-emblem" />}
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
  const { name: agency, emblem } = useAgency();
  if (!agency && !emblem) return null;
  return (
    <div className="agency-banner" data-testid="agency-banner">
      {emblem && <img className="agency-banner__emblem" src={emblem} alt="" data-testid="agency-emblem" />}
      {agency && <p className="agency-banner__name">{agency}</p>}
    </div>
  );
}
