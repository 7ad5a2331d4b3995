import QRCode from 'qrcode';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FinePaymentView, FineViolationView } from '../../common/api/contract';
import { formatDate, formatDateTime, formatMoney } from '../../common/text/format';
import { parseDecisionNumber } from '../../common/vehicle/decision';
import { parsePlate } from '../../common/vehicle/plate';
import { useKioskApi } from '../api/KioskApiContext';
import { Keyboard } from '../components/Keyboard';
import { VietQrTransfer } from '../components/PaymentPanel';
import { useWedgeScanner } from '../identify/useWedgeScanner';
import { type AgencyFailure, AgencyScreen, PrintAndFinish, Row, errorCode } from './common';
import type { AgencyFlowProps } from './flow-props';
import { KeyboardTextInput } from '../components/KeyboardTextInput';

type Step =
  | { name: 'search'; error?: string }
  | { name: 'working' }
  | { name: 'results'; query: string; violations: FineViolationView[]; error?: string }
  | { name: 'pay'; payment: FinePaymentView; qr: string | null }
  | { name: 'cancelled'; violations: FineViolationView[]; query: string }
  | { name: 'paid'; payment: FinePaymentView; qr: string | null }
  | AgencyFailure;

/**
 * Service 08, a payment service: look up violations by plate or decision number (typed on the plate keyboard
 * or scanned), choose the unpaid ones, pay them with one VietQR, then the e-receipt (shown and printed).
 * No identification: only the violations are shown, never the owner.
 */
export function FinesFlow({ demoMode, onQueue, onFinish }: AgencyFlowProps) {
  const { t } = useTranslation('agencies');
  const api = useKioskApi();
  const [by, setBy] = useState<'plate' | 'decision'>('plate');
  const [text, setText] = useState('');
  const [typing, setTyping] = useState(true);
  const [step, setStep] = useState<Step>({ name: 'search' });
  const [chosen, setChosen] = useState<string[]>([]);

  const search = useCallback(
    (kind: 'plate' | 'decision', value: string): void => {
      const parsed = kind === 'plate' ? parsePlate(value) : parseDecisionNumber(value);
      if (!parsed.ok) return setStep({ name: 'search', error: parsed.error });
      setTyping(false);
      setStep({ name: 'working' });
      api
        .call('fines.lookup', { by: kind, text: value })
        .then((r) => {
          setChosen(r.violations.filter((v) => !v.paid).map((v) => v.id));
          setStep({ name: 'results', query: r.query, violations: r.violations });
        })
        .catch((e) =>
          errorCode(e) === 'agency-not-found' || errorCode(e).startsWith('decision-')
            ? setStep({ name: 'search', error: errorCode(e) })
            : setStep({ name: 'failed', code: errorCode(e), retry: () => search(kind, value) }),
        );
    },
    [api],
  );
  // A decision's QR read by the scanner: the number (or a link holding it) is looked up at once.
  const scanned = useCallback(
    (payload: string) => {
      setBy('decision');
      setText(payload);
      search('decision', payload);
    },
    [search],
  );
  useWedgeScanner(scanned, { enabled: step.name === 'search' });
  // The same from the serial scanner, which the host routes here (host/kiosk-services.ts `routeScan`).
  const searching = step.name === 'search';
  useEffect(
    () => (searching ? api.on('fines.scanned', ({ text: payload }) => scanned(payload)) : undefined),
    [api, searching, scanned],
  );

  /** Back to an empty search box with the keyboard open. */
  const newSearch = (): void => {
    setText('');
    setTyping(true);
    setStep({ name: 'search' });
  };

  const showPayment = async (p: FinePaymentView): Promise<void> => {
    if (p.state === 'paid') {
      const qr = p.eReceipt ? await QRCode.toDataURL(p.eReceipt.url, { margin: 2, width: 240 }) : null;
      setStep({ name: 'paid', payment: p, qr });
    } else if (p.state === 'cancelled') {
      setStep({ name: 'cancelled', violations: p.violations, query: p.violations[0]?.plate ?? '' });
    } else {
      const qr = p.vietQr ? await QRCode.toDataURL(p.vietQr, { margin: 2, width: 360 }) : null;
      setStep({ name: 'pay', payment: p, qr });
    }
  };
  const pay = (ids: string[]): void => {
    setStep({ name: 'working' });
    api
      .call('fines.pay', { violationIds: ids })
      .then(showPayment)
      .catch((e) => setStep({ name: 'failed', code: errorCode(e), retry: () => pay(ids) }));
  };

  // Wait for the bank: the payment system says when the transfer has arrived.
  const waitingRef = step.name === 'pay' ? step.payment.reference : null;
  useEffect(() => {
    if (!waitingRef) return;
    const timer = window.setInterval(() => {
      void api
        .call('fines.check', { reference: waitingRef })
        .then((p) => (p.state === 'paid' ? showPayment(p) : undefined))
        .catch(() => undefined);
    }, 2000);
    return () => window.clearInterval(timer);
  }, [api, waitingRef]);

  let body: React.ReactNode;
  switch (step.name) {
    case 'search':
      body = (
        <>
          <p className="lead">{t('fines.lead')}</p>
          {step.error && (
            <div
              className="error-summary"
              role="alert"
              data-testid="fines-search-error"
              data-code={step.error}
            >
              <h2 className="error-summary__title">{t('common.problem')}</h2>
              <p className="body">{t(step.error, { ns: 'errors' })}</p>
            </div>
          )}
          <div className="radios radios--inline" role="radiogroup">
            {(['plate', 'decision'] as const).map((k) => (
              <label className="radio" key={k}>
                <input
                  type="radio"
                  name="fines-by"
                  checked={by === k}
                  onChange={() => {
                    setBy(k);
                    setText('');
                  }}
                  data-testid={`fines-by-${k}`}
                />
                <span>{k === 'plate' ? t('fines.byPlate') : t('fines.byDecision')}</span>
              </label>
            ))}
          </div>
          <KeyboardTextInput
            id="fines-text"
            label={by === 'plate' ? t('fines.plateLabel') : t('fines.decisionLabel')}
            hint={by === 'plate' ? t('fines.plateHint') : t('fines.decisionHint')}
            value={text}
            onFocus={() => setTyping(true)}
            onChange={(v) => setText(v.toUpperCase())}
          />
          <button
            type="button"
            className="button"
            onClick={() => search(by, text)}
            data-testid="fines-search"
          >
            {t('fines.search')}
          </button>
          {typing && (
            <div className="keyboard-dock">
              <Keyboard
                layout="plate"
                value={text}
                onChange={(v) => setText(v.toUpperCase())}
                onDone={() => search(by, text)}
              />
            </div>
          )}
        </>
      );
      break;
    case 'results': {
      const unpaid = step.violations.filter((v) => !v.paid);
      const total = step.violations.filter((v) => chosen.includes(v.id)).reduce((s, v) => s + v.amountVnd, 0);
      body =
        unpaid.length === 0 ? (
          <div data-testid="fines-none">
            <div className="inset">
              <p className="body">{t('fines.none', { query: step.query })}</p>
              <p className="body">{t('fines.noneHint')}</p>
            </div>
            <button type="button" className="button" onClick={newSearch}>
              {t('fines.searchAgain')}
            </button>
            <button type="button" className="button button--secondary" onClick={onFinish}>
              {t('common.finish')}
            </button>
          </div>
        ) : (
          <div data-testid="fines-results">
            <h2 className="heading-m">{t('fines.resultsTitle', { query: step.query })}</h2>
            {step.error && (
              <div className="error-summary" role="alert">
                <p className="body">{t(step.error)}</p>
              </div>
            )}
            <p className="body">{t('fines.choose')}</p>
            {step.violations.map((v) => (
              <div className="panel fine-item" key={v.id} data-testid={`fine-${v.id}`}>
                <label className="radio">
                  <input
                    type="checkbox"
                    disabled={v.paid}
                    checked={chosen.includes(v.id)}
                    onChange={(e) =>
                      setChosen(e.target.checked ? [...chosen, v.id] : chosen.filter((x) => x !== v.id))
                    }
                    data-testid={`fine-check-${v.id}`}
                  />
                  <strong>{v.offence}</strong>
                </label>
                <dl className="summary-list">
                  <Row k={t('fines.when')} v={formatDateTime(v.at)} />
                  <Row k={t('fines.where')} v={v.place} />
                  <Row k={t('fines.amount')} v={formatMoney(v.amountVnd)} />
                  <Row
                    k={t('fines.deadline')}
                    v={v.deadline ? formatDate(v.deadline) : t('fines.noDeadline')}
                  />
                  {v.decisionNumber && <Row k={t('fines.decision')} v={v.decisionNumber} />}
                  <Row k={t('fines.issuedBy')} v={v.issuedBy} />
                  {v.paid && <Row k="" v={t('fines.alreadyPaid')} />}
                </dl>
              </div>
            ))}
            <p className="heading-m" data-testid="fines-total">
              {t('fines.total')}: {formatMoney(total)}
            </p>
            <button
              type="button"
              className="button"
              data-testid="fines-pay"
              onClick={() =>
                chosen.length === 0 ? setStep({ ...step, error: 'fines.chooseOne' }) : pay(chosen)
              }
            >
              {t('fines.pay')}
            </button>
            <button type="button" className="button button--secondary" onClick={newSearch}>
              {t('fines.searchAgain')}
            </button>
          </div>
        );
      break;
    }
    case 'pay':
      body = (
        <>
          <VietQrTransfer
            qrDataUrl={step.qr}
            amountVnd={step.payment.amountVnd}
            accountName={step.payment.accountName}
            accountNo={step.payment.accountNo}
            reference={step.payment.reference}
            onDemoBank={
              demoMode
                ? () =>
                    void api
                      .call('simulator.finesBankTransfer', { reference: step.payment.reference })
                      .then(showPayment)
                : undefined
            }
          />
          <button
            type="button"
            className="button button--secondary"
            data-testid="fines-cancel"
            onClick={() =>
              void api
                .call('fines.cancel', { reference: step.payment.reference })
                .then(showPayment)
                .catch((e) => setStep({ name: 'failed', code: errorCode(e), retry: () => setStep(step) }))
            }
          >
            {t('fines.cancelPayment')}
          </button>
        </>
      );
      break;
    case 'cancelled':
      body = (
        <div data-testid="fines-cancelled">
          <div className="inset" role="status">
            <h2 className="heading-m">{t('fines.cancelledTitle')}</h2>
            <p className="body">{t('fines.cancelledBody')}</p>
          </div>
          <button
            type="button"
            className="button"
            data-testid="fines-pay-again"
            onClick={() => pay(step.violations.map((v) => v.id))}
          >
            {t('fines.payAgain')}
          </button>
          <button type="button" className="button button--secondary" onClick={onQueue}>
            {t('common.queue')}
          </button>
          <button type="button" className="button button--secondary" onClick={onFinish}>
            {t('common.finish')}
          </button>
        </div>
      );
      break;
    case 'paid': {
      const p = step.payment;
      body = (
        <div data-testid="fines-paid">
          <div className="panel panel--confirmation">
            <h2 className="panel__title">{t('fines.paidTitle')}</h2>
            <div className="panel__body" data-testid="fines-e-receipt">
              {t('fines.eReceipt')}: {p.eReceipt && t('fines.eReceiptValue', p.eReceipt)}
            </div>
          </div>
          <dl className="summary-list">
            <Row k={t('fines.paidAmount')} v={formatMoney(p.amountVnd)} testId="fines-paid-amount" />
            {p.eReceipt && <Row k={t('fines.paidAt')} v={formatDateTime(p.eReceipt.issuedAt)} />}
          </dl>
          <h3 className="heading-s">{t('fines.paidItems')}</h3>
          <ul className="list list--bullet" data-testid="fines-paid-items">
            {p.violations.map((v) => (
              <li key={v.id}>
                {v.plate} · {v.offence} · {formatDateTime(v.at)} · {formatMoney(v.amountVnd)}
                {v.decisionNumber ? ` · ${v.decisionNumber}` : ''}
              </li>
            ))}
          </ul>
          {step.qr && <img className="receipt-qr" src={step.qr} alt={t('fines.eReceiptQrAlt')} />}
          <PrintAndFinish
            print={() => api.call('fines.print', { reference: p.reference })}
            onFinish={onFinish}
          />
        </div>
      );
      break;
    }
  }
  return (
    <AgencyScreen
      testId="screen-fines"
      step={step}
      title={t('fines.title')}
      withKeyboard={step.name === 'search' && typing}
      onQueue={onQueue}
      onFinish={onFinish}
    >
      {body}
    </AgencyScreen>
  );
}
