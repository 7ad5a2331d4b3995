import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../common/api/contract';
import { formatMoney } from '../../common/text/format';
import { useKioskApi } from '../api/KioskApiContext';
import { SummaryRow } from './SummaryRow';

type Payment = Result<'payment.prepare'>;

/**
 * Paying the fee by bank transfer: a VietQR every Vietnamese banking app reads, with the amount and the
 * transfer reference; the kiosk watches the portal until the payment arrives. Paying at the counter stays
 * possible. In demo mode the technician can play the bank.
 */
export function PaymentPanel({
  localRef,
  demoMode,
  onPaid,
  qrHidden = false,
  onQrChange,
}: {
  localRef: string;
  demoMode: boolean;
  onPaid(): void;
  /** The receipt screen shows one QR at a time: this panel's QR is hidden while the receipt's is shown. */
  qrHidden?: boolean;
  /** Whether this panel has a QR to show now (the VietQR to pay, then the e-receipt's). */
  onQrChange?(shown: boolean): void;
}) {
  const { t } = useTranslation();
  const api = useKioskApi();
  const [payment, setPayment] = useState<Payment | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  const [paid, setPaid] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const [eReceipt, setEReceipt] = useState<{
    number: string;
    series: string;
    url: string;
    qr: string;
  } | null>(null);
  const showEReceipt = async (e: { number: string; series: string; url: string } | null | undefined) => {
    if (!e) return;
    setEReceipt({
      ...e,
      qr: await QRCode.toDataURL(e.url, { errorCorrectionLevel: 'M', margin: 2, width: 240 }),
    });
  };

  const open = async (): Promise<void> => {
    try {
      const p = await api.call('payment.prepare', { localRef });
      setPayment(p);
      if (p.vietQr)
        setQr(await QRCode.toDataURL(p.vietQr, { errorCorrectionLevel: 'M', margin: 2, width: 360 }));
      if (p.paid || !p.required) setPaid(true);
    } catch (e) {
      setFailed((e as { code?: string }).code ?? 'payment-failed');
    }
  };

  useEffect(() => {
    if (!payment?.required || paid) return;
    const timer = window.setInterval(() => {
      void api
        .call('payment.check', { localRef })
        .then((r) => {
          if (!r.paid) return;
          setPaid(true);
          void showEReceipt(r.eReceipt);
        })
        .catch(() => undefined);
    }, 2000);
    return () => window.clearInterval(timer);
  }, [api, localRef, payment, paid]);

  useEffect(() => {
    if (paid) onPaid();
  }, [paid, onPaid]);

  const hasQr = paid ? eReceipt !== null : !failed && qr !== null;
  useEffect(() => onQrChange?.(hasQr), [hasQr, onQrChange]);

  if (paid)
    return (
      <div className="inset" role="status" data-testid="payment-paid">
        <p className="body">
          <strong>{t('payment.paid')}</strong>
        </p>
        {eReceipt && (
          <div data-testid="e-receipt">
            <p className="body">
              {t('payment.eReceipt', { number: eReceipt.number, series: eReceipt.series })}
            </p>
            {!qrHidden && (
              <img
                className="receipt-qr"
                src={eReceipt.qr}
                alt={t('payment.eReceiptQrAlt')}
                data-testid="e-receipt-qr"
              />
            )}
          </div>
        )}
      </div>
    );
  if (failed)
    return (
      <div className="inset" role="alert" data-testid="payment-failed">
        <p className="body">{t(failed, { ns: 'errors', defaultValue: t('payment.failed') })}</p>
      </div>
    );
  if (!payment)
    return (
      <div className="payment" data-testid="payment">
        <h2 className="heading-m">{t('payment.title')}</h2>
        <p className="body">{t('payment.lead')}</p>
        <button type="button" className="button" onClick={() => void open()} data-testid="pay-now">
          {t('payment.payNow')}
        </button>
        <p className="body body--muted">{t('payment.orCounter')}</p>
      </div>
    );
  return (
    <VietQrTransfer
      qrDataUrl={qrHidden ? null : qr}
      amountVnd={payment.amountVnd}
      accountName={payment.accountName}
      accountNo={payment.accountNo}
      reference={payment.reference}
      onDemoBank={
        demoMode
          ? () =>
              void api.call('simulator.bankTransfer', { localRef }).then((r) => {
                if (!r.paid) return;
                setPaid(true);
                void showEReceipt(r.eReceipt);
              })
          : undefined
      }
    />
  );
}

/**
 * The transfer step every payment shares (dossier fees, traffic fines): the VietQR, the amount, the account
 * and the transfer reference, and in demo mode the technician's "the bank has received it".
 */
export function VietQrTransfer({
  qrDataUrl,
  amountVnd,
  accountName,
  accountNo,
  reference,
  onDemoBank,
}: {
  qrDataUrl: string | null;
  amountVnd: number;
  accountName: string;
  accountNo: string;
  reference: string;
  onDemoBank?: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="payment" data-testid="payment">
      <h2 className="heading-m">{t('payment.scanTitle')}</h2>
      <ol className="list list--bullet">
        <li>{t('payment.step1')}</li>
        <li>{t('payment.step2')}</li>
        <li>{t('payment.step3')}</li>
      </ol>
      {qrDataUrl && (
        <img className="receipt-qr" src={qrDataUrl} alt={t('payment.qrAlt')} data-testid="vietqr" />
      )}
      <dl className="summary-list">
        <SummaryRow k={t('payment.amount')} v={formatMoney(amountVnd)} testId="payment-amount" />
        <SummaryRow k={t('payment.account')} v={`${accountName} · ${accountNo}`} />
        <SummaryRow k={t('payment.reference')} v={reference} testId="payment-reference" />
      </dl>
      <p className="body" role="status">
        {t('payment.waiting')}
      </p>
      {onDemoBank && (
        <button
          type="button"
          className="button button--secondary demo-action"
          data-testid="demo-bank"
          onClick={onDemoBank}
        >
          {t('payment.demoBank')}
        </button>
      )}
    </div>
  );
}
