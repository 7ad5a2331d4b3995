import { useTranslation } from 'react-i18next';
import type { Language } from '../../common/api/contract';
import type { Identity } from '../../common/identity';
import { feeBox, type FeeOutcome, type FilingChannel } from '../../catalogue/rules';
import type { Service } from '../../common/catalogue/schema';
import { formatMoney, formatNumber, todayInVietnam } from '../../common/text/format';

/**
 * The fee box of a service before the answers are known: only the lines that apply under the kiosk's
 * channel, each once, with the channel named; an exemption the card proves (age); "staff will tell you"
 * when no source gives the fee — never "free" for an unknown fee.
 */
export function ServiceFeeBox({
  service,
  channel,
  identity,
}: {
  service: Service;
  channel: FilingChannel;
  identity: Identity | null;
}) {
  const { t, i18n } = useTranslation();
  const lang = (i18n.language === 'en' ? 'en' : 'vi') as Language;
  const box = feeBox(service, { channel, date: todayInVietnam(), dateOfBirth: identity?.dateOfBirth });
  if (box.unknown)
    return (
      <>
        <span data-fee="unknown">{t('fees.toBeTold')}</span>
        {box.reason && <span className="hint"> — {box.reason[lang]}</span>}
      </>
    );
  if (box.exemption)
    return <span data-fee="exempt">{t('fees.exempt', { reason: box.exemption.label[lang] })}</span>;
  if (box.lines.every((l) => l.amountVnd === 0)) return <span data-fee="free">{t('fees.free')}</span>;
  return (
    <>
      {box.lines.map((l, i) => (
        <span key={i} className="fee">
          {/* A line's label names its case and amount (catalogue convention). */}
          {l.label[lang]}
        </span>
      ))}
      <span className="hint" data-testid="fee-channel">
        {t(`fees.channel_${channel}`)}
      </span>
    </>
  );
}

/** The fee of one dossier (its case decided): amount, free, exempt with the reason, or unknown. */
export function DossierFee({ fee }: { fee: FeeOutcome }) {
  const { t, i18n } = useTranslation();
  const lang = (i18n.language === 'en' ? 'en' : 'vi') as Language;
  switch (fee.status) {
    case 'unknown':
      return <span data-fee="unknown">{t('fees.toBeTold')}</span>;
    case 'free':
      return <span data-fee="free">{t('fees.free')}</span>;
    case 'exempt':
      return <span data-fee="exempt">{t('fees.exempt', { reason: fee.exemption.label[lang] })}</span>;
    case 'due':
      return (
        <span data-fee="due">
          {fee.line.label[lang]} — {t('fees.amount', { amount: formatNumber(fee.amountVnd, lang) })}
        </span>
      );
  }
}

/**
 * A receipt's fee as of now: amount and state, free, or "staff will tell you" (never free when unknown).
 * `inline`: outside a "Phí, lệ phí" row, so the unknown case names the fee itself.
 */
export function ReceiptFee({
  feeVnd,
  paid,
  inline = false,
}: {
  feeVnd: number | null;
  paid: boolean;
  inline?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = (i18n.language === 'en' ? 'en' : 'vi') as Language;
  if (feeVnd === null) return <span data-fee="unknown">{t(inline ? 'fees.unknown' : 'fees.toBeTold')}</span>;
  if (feeVnd === 0) return <span data-fee="free">{t('fees.free')}</span>;
  return (
    <span data-fee="due">
      {formatMoney(feeVnd, { lang })} — {paid ? t('fees.paid') : t('fees.toPay')}
    </span>
  );
}
