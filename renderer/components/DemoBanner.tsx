import { useTranslation } from 'react-i18next';
import './demo-banner.css';

/** Always on screen in demo mode: fictional cards, test PKI and the mock portal are not for citizens. */
export function DemoBanner() {
  const { t } = useTranslation();
  return (
    <p className="demo-banner" data-testid="demo-banner" role="note">
      <span aria-hidden="true">⚠ </span>
      {t('demo.banner')}
    </p>
  );
}
