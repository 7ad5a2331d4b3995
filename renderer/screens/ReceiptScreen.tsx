import QRCode from 'qrcode';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReceiptView } from '../../common/api/contract';
import { formatDate, formatDateTime, formatWeekday, hourInVietnam } from '../../common/text/format';
import { useKioskApi } from '../api/KioskApiContext';
import { ReceiptFee } from '../components/FeeBox';
import { PaymentPanel } from '../components/PaymentPanel';
import { PrintFormsButton } from '../components/PrintFormsButton';
import { CallStaffPrompt } from '../staff/CallStaff';
import type { FilledForm } from './FormScreen';
import { SummaryRow } from '../components/SummaryRow';

/** The promised result day as a date and a half-day (morning until 12:00), never a clock time. */
const halfDay = (ms: number): 'morning' | 'afternoon' => (hourInVietnam(ms) < 12 ? 'morning' : 'afternoon');
const dayParts = (ms: number, lang: string) => ({
  weekday: formatWeekday(ms, lang === 'en' ? 'en' : 'vi'),
  date: formatDate(ms),
});

/** GOV.UK-style confirmation: the dossier code in a panel, or a queued receipt when the portal is unreachable. */
export function ReceiptScreen({
  receipt,
  demoMode,
  onFinish,
  onAnother,
  printable,
}: {
  receipt: ReceiptView;
  /** The forms just submitted: "In tờ khai để ký" prints them for signature. */
  printable?: { serviceId: string; forms: FilledForm[] } | undefined;
  demoMode: boolean;
  onFinish(): void;
  /** Another dossier in the same visit (same verified card, no new tap). */
  onAnother?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const api = useKioskApi();
  const [code, setCode] = useState(receipt.dossierCode);
  // Refused for good by the receiving system (a dead letter): nothing more is sent; staff must look at it.
  const [refused, setRefused] = useState(receipt.state === 'failed');
  const [feePaid, setFeePaid] = useState(receipt.feePaid);
  const markPaid = useCallback(() => setFeePaid(true), []);
  const onPaymentQr = useCallback((shown: boolean) => {
    setPaymentQr(shown);
    setReceiptQrChosen(false);
  }, []);
  const [qr, setQr] = useState<string | null>(null);
  /** One QR per page: once the payment panel shows its QR, the receipt's steps aside (a button swaps them). */
  const [paymentQr, setPaymentQr] = useState(false);
  const [receiptQrChosen, setReceiptQrChosen] = useState(false);
  const showReceiptQr = !paymentQr || receiptQrChosen;
  const [print, setPrint] = useState<{ state: 'printing' | 'done' | 'failed'; detail: string }>({
    state: 'printing',
    detail: '',
  });
  // The receipt QR on screen too: it is the citizen's copy when the printer is out of paper.
  useEffect(() => {
    let alive = true;
    void api
      .call('receipt.qr', { localRef: receipt.localRef })
      .then((r) => QRCode.toDataURL(r.text, { errorCorrectionLevel: 'M', margin: 2, width: 360 }))
      .then((url) => alive && setQr(url))
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [api, receipt.localRef, code]);
  // Every dossier of the submission gets its own printed receipt (a linked service files several), on arrival
  // and again once the fee is paid: the reprint says "paid" and carries the e-receipt.
  const linkedRefs = (receipt.linked ?? []).map((l) => l.localRef).join(' ');
  useEffect(() => {
    setPrint({ state: 'printing', detail: '' });
    const refs = [receipt.localRef, ...linkedRefs.split(' ').filter(Boolean)];
    void refs
      .reduce<Promise<string>>(
        (prev, localRef) => prev.then(() => api.call('receipt.print', { localRef }).then((r) => r.kind)),
        Promise.resolve(''),
      )
      .then((kind) => setPrint({ state: 'done', detail: kind }))
      .catch((e: { code?: string }) => setPrint({ state: 'failed', detail: e.code ?? 'printer-failed' }));
  }, [api, receipt.localRef, linkedRefs, feePaid]);
  useEffect(
    () =>
      api.on('dossier.delivered', (e) => {
        if (e.localRef === receipt.localRef) setCode(e.dossierCode);
      }),
    [api, receipt.localRef],
  );
  useEffect(
    () =>
      api.on('dossier.failed', (e) => {
        if (e.localRef === receipt.localRef) setRefused(true);
      }),
    [api, receipt.localRef],
  );
  return (
    <main
      id="main"
      className="screen"
      data-testid="screen-receipt"
      data-state={code ? 'delivered' : refused ? 'failed' : 'queued'}
    >
      {code ? (
        <div className="panel panel--confirmation">
          <h1 className="panel__title">{t('receipt.sentTitle')}</h1>
          <div className="panel__body">
            {t('receipt.codeLabel')}
            <br />
            <strong data-testid="dossier-code" data-personal>
              {code}
            </strong>
          </div>
        </div>
      ) : (
        <div className="panel panel--queued">
          <h1 className="panel__title">{t(refused ? 'receipt.refusedTitle' : 'receipt.queuedTitle')}</h1>
          <div className="panel__body">
            {t('receipt.localRefLabel')}
            <br />
            <strong data-testid="local-ref">{receipt.localRef}</strong>
          </div>
        </div>
      )}
      {!code && !refused && <p className="lead">{t('receipt.queuedBody')}</p>}
      {!code && refused && (
        <>
          <p className="lead" data-testid="receipt-refused">
            {t('receipt.refusedBody')}
          </p>
          <CallStaffPrompt />
        </>
      )}
      <div className="receipt-print" role="status" data-testid="receipt-print" data-state={print.state}>
        {print.state === 'printing' && <p className="body">{t('receipt.printing')}</p>}
        {print.state === 'done' && (
          <p className="body">{print.detail === 'file' ? t('receipt.savedFile') : t('receipt.printed')}</p>
        )}
        {print.state === 'failed' && (
          <p className="body">
            <strong>{t(print.detail, { ns: 'errors', defaultValue: t('receipt.printFailed') })}</strong>{' '}
            {t('receipt.keepScreen')}
          </p>
        )}
      </div>
      {qr && showReceiptQr && (
        <img className="receipt-qr" src={qr} alt={t('receipt.qrAlt')} data-testid="receipt-qr" />
      )}
      {qr && paymentQr && (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => setReceiptQrChosen(!receiptQrChosen)}
          data-testid="swap-qr"
        >
          {receiptQrChosen ? t('qr.showPayment', { ns: 'ux' }) : t('qr.showReceipt', { ns: 'ux' })}
        </button>
      )}
      <dl className="summary-list">
        <SummaryRow k={t('receipt.procedure')} v={`${receipt.procedureName} (${receipt.procedureCode})`} />
        <SummaryRow k={t('receipt.applicant')} v={receipt.maskedId} />
        <SummaryRow k={t('receipt.received')} v={formatDateTime(receipt.receivedAt)} />
        {receipt.appointmentAt && (
          <SummaryRow
            k={t('receipt.appointmentEstimate')}
            v={t('receipt.appointmentValue', {
              ...dayParts(receipt.appointmentAt, i18n.language),
              half: t(`receipt.${halfDay(receipt.appointmentAt)}`),
            })}
            testId="appointment"
          />
        )}
        <SummaryRow
          k={t('fees.title')}
          v={<ReceiptFee feeVnd={receipt.feeVnd} paid={feePaid} />}
          testId="receipt-fee"
        />
      </dl>
      {receipt.linked && receipt.linked.length > 0 && (
        <section data-testid="linked-dossiers">
          <h2 className="heading-m">{t('receipt.linkedTitle')}</h2>
          <ul className="list list--bullet">
            {receipt.linked.map((l) => (
              <li key={l.localRef}>
                {l.procedureName} ({l.procedureCode}):{' '}
                <strong data-personal>{l.dossierCode ?? l.localRef}</strong> —{' '}
                <ReceiptFee feeVnd={l.feeVnd} paid={l.feePaid} inline />
              </li>
            ))}
          </ul>
        </section>
      )}
      {receipt.feeVnd !== null && receipt.feeVnd > 0 && code && !receipt.feePaid && (
        <PaymentPanel
          localRef={receipt.localRef}
          demoMode={demoMode}
          onPaid={markPaid}
          qrHidden={receiptQrChosen}
          onQrChange={onPaymentQr}
        />
      )}
      {printable && <PrintFormsButton serviceId={printable.serviceId} forms={() => printable.forms} />}
      <h2 className="heading-m">{t('receipt.nextTitle')}</h2>
      <p className="body">{t('receipt.next')}</p>
      {onAnother && (
        <>
          <button
            type="button"
            className="button button--secondary"
            onClick={onAnother}
            data-testid="another-dossier"
          >
            {t('fees.another')}
          </button>
          <p className="hint">{t('fees.anotherHint')}</p>
        </>
      )}
      <button type="button" className="button" onClick={onFinish} data-testid="finish">
        {t('receipt.finish')}
      </button>
    </main>
  );
}
