import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result, VehicleInput, VehicleReceiptView } from '../../common/api/contract';
import { formatDate, formatDateTime, formatWeekday, todayInVietnam } from '../../common/text/format';
import { parseVehicleIdentifier } from '../../common/vehicle/identifiers';
import { useKioskApi } from '../api/KioskApiContext';
import { Keyboard } from '../components/Keyboard';
import type { KeyboardLayout } from '../keyboard';
import { type AgencyFailure, AgencyScreen, BackButton, PrintAndFinish, Row, errorCode } from './common';
import type { AgencyFlowProps } from './flow-props';

type Start = Result<'vehicle.start'>;
type FieldId = keyof VehicleInput | 'invoiceDateText';
type Step =
  | { name: 'working' }
  | { name: 'vehicle' }
  | { name: 'invoice' }
  | { name: 'slot' }
  | { name: 'check' }
  | { name: 'receipt'; receipt: VehicleReceiptView }
  | AgencyFailure;

const FIELDS: Record<'vehicle' | 'invoice', { id: FieldId; layout: KeyboardLayout; hint?: string }[]> = {
  vehicle: [
    { id: 'brand', layout: 'text', hint: 'brandHint' },
    { id: 'model', layout: 'text' },
    { id: 'colour', layout: 'text' },
    { id: 'frameNumber', layout: 'plate', hint: 'idHint' },
    { id: 'engineNumber', layout: 'plate', hint: 'idHint' },
  ],
  invoice: [
    { id: 'invoiceNumber', layout: 'plate' },
    { id: 'invoiceDateText', layout: 'numeric', hint: 'invoiceDateHint' },
    { id: 'seller', layout: 'text' },
  ],
};
const LABEL: Record<FieldId, string> = {
  brand: 'brand',
  model: 'model',
  colour: 'colour',
  frameNumber: 'frameNumber',
  engineNumber: 'engineNumber',
  invoiceNumber: 'invoiceNumber',
  invoiceDate: 'invoiceDate',
  invoiceDateText: 'invoiceDate',
  seller: 'seller',
};

/** `DD/MM/YYYY` → `YYYY-MM-DD` when it is a real day not after today (Vietnam time), else null. */
function parseDmy(text: string): string | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!m) return null;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso) return null;
  return iso <= todayInVietnam() ? iso : null;
}

/** A step's "Continue", then "Back" when there is a step before it. */
function ContinueBack({ onContinue, onBack }: { onContinue(): void; onBack?: () => void }) {
  const { t } = useTranslation('agencies');
  return (
    <>
      <button type="button" className="button" data-testid="vehicle-continue" onClick={onContinue}>
        {t('common.continue')}
      </button>
      {onBack && <BackButton onClick={onBack} />}
    </>
  );
}

/**
 * Service 07: the identified owner declares a motorbike (vehicle, then invoice), chooses an inspection session
 * at the commune police, checks and sends; the receipt says where, when and what to bring.
 */
export function VehicleFlow({ identity, onQueue, onFinish }: AgencyFlowProps) {
  const { t, i18n } = useTranslation('agencies');
  const api = useKioskApi();
  const [start, setStart] = useState<Start | null>(null);
  const [step, setStep] = useState<Step>({ name: 'working' });
  const [values, setValues] = useState<Record<FieldId, string>>({
    brand: '',
    model: '',
    colour: '',
    frameNumber: '',
    engineNumber: '',
    invoiceNumber: '',
    invoiceDate: '',
    invoiceDateText: '',
    seller: '',
  });
  const [focus, setFocus] = useState<FieldId | null>(null);
  const [errors, setErrors] = useState<{ field: FieldId; text: string }[]>([]);
  const [slotId, setSlotId] = useState<string | null>(null);

  const begin = useCallback((): void => {
    setStep({ name: 'working' });
    api
      .call('vehicle.start', {})
      .then((s) => {
        setStart(s);
        setStep({ name: 'vehicle' });
      })
      .catch((e) => setStep({ name: 'failed', code: errorCode(e), retry: begin }));
  }, [api]);
  useEffect(begin, [begin]);

  const validate = (page: 'vehicle' | 'invoice'): boolean => {
    const found: { field: FieldId; text: string }[] = [];
    for (const f of FIELDS[page]) {
      const v = values[f.id].trim();
      if (!v)
        found.push({
          field: f.id,
          text: t('vehicle.required', { field: t(`vehicle.${LABEL[f.id]}`).toLowerCase() }),
        });
      else if (f.id === 'frameNumber' || f.id === 'engineNumber') {
        const r = parseVehicleIdentifier(v);
        if (!r.ok)
          found.push({
            field: f.id,
            text: `${t(`vehicle.${LABEL[f.id]}`)}: ${t(r.error, { ns: 'errors' })}`,
          });
      } else if (f.id === 'invoiceDateText' && !parseDmy(v))
        found.push({ field: f.id, text: t('vehicle.badDate') });
    }
    setErrors(found);
    return found.length === 0;
  };

  const declare = (): void => {
    if (!slotId) return;
    setStep({ name: 'working' });
    const vehicle: VehicleInput = {
      brand: values.brand.trim(),
      model: values.model.trim(),
      colour: values.colour.trim(),
      frameNumber: values.frameNumber,
      engineNumber: values.engineNumber,
      invoiceNumber: values.invoiceNumber.trim(),
      invoiceDate: parseDmy(values.invoiceDateText) ?? '',
      seller: values.seller.trim(),
    };
    api
      .call('vehicle.declare', { vehicle, slotId })
      .then((receipt) => setStep({ name: 'receipt', receipt }))
      .catch((e) => setStep({ name: 'failed', code: errorCode(e), retry: declare }));
  };

  const lang = i18n.language;
  const slotLabel = (s: { date: string; halfDay: 'morning' | 'afternoon'; at: number }) =>
    `${t(`vehicle.${s.halfDay}`)} ${formatWeekday(s.at, lang === 'en' ? 'en' : 'vi')}, ${formatDate(s.at)}`;
  const errorSummary = errors.length > 0 && (
    <div className="error-summary" role="alert" data-testid="vehicle-errors">
      <h2 className="error-summary__title">{t('common.problem')}</h2>
      <ul className="list">
        {errors.map((e) => (
          <li key={e.field}>{e.text}</li>
        ))}
      </ul>
    </div>
  );
  const fieldsPage = (page: 'vehicle' | 'invoice', next: () => void, back?: () => void) => {
    const current = FIELDS[page].find((f) => f.id === focus);
    return (
      <>
        <h2 className="heading-m">
          {page === 'vehicle' ? t('vehicle.vehicleTitle') : t('vehicle.invoiceTitle')}
        </h2>
        {errorSummary}
        {FIELDS[page].map((f) => (
          <div
            className={`form-group${errors.some((e) => e.field === f.id) ? ' form-group--error' : ''}`}
            key={f.id}
          >
            <label className="label" htmlFor={`vehicle-${f.id}`}>
              {t(`vehicle.${LABEL[f.id]}`)}
            </label>
            {f.hint && <p className="hint">{t(`vehicle.${f.hint}`)}</p>}
            <input
              id={`vehicle-${f.id}`}
              className="input"
              inputMode="none"
              autoComplete="off"
              value={values[f.id]}
              onFocus={() => setFocus(f.id)}
              onChange={(e) => setValues({ ...values, [f.id]: e.target.value })}
              data-testid={`vehicle-${f.id}`}
            />
          </div>
        ))}
        <ContinueBack
          onContinue={() => {
            if (validate(page)) {
              setFocus(null);
              next();
            }
          }}
          onBack={back}
        />
        {current && (
          <div className="keyboard-dock">
            <Keyboard
              layout={current.layout}
              value={values[current.id]}
              onChange={(v) =>
                setValues({ ...values, [current.id]: current.layout === 'plate' ? v.toUpperCase() : v })
              }
              onDone={() => setFocus(null)}
            />
          </div>
        )}
      </>
    );
  };

  let body: React.ReactNode;
  switch (step.name) {
    case 'vehicle':
      body = (
        <>
          <p className="lead">{t('vehicle.lead')}</p>
          {identity && (
            <dl className="summary-list">
              <Row k={t('vehicle.owner')} v={identity.fullName} testId="vehicle-owner" />
            </dl>
          )}
          {fieldsPage('vehicle', () => setStep({ name: 'invoice' }))}
        </>
      );
      break;
    case 'invoice':
      body = fieldsPage(
        'invoice',
        () => setStep({ name: 'slot' }),
        () => setStep({ name: 'vehicle' }),
      );
      break;
    case 'slot':
      body = start && (
        <>
          <h2 className="heading-m">{t('vehicle.slotTitle')}</h2>
          <p className="body" data-testid="vehicle-unit">
            {t('vehicle.slotLead', { unit: start.policeUnit.name, address: start.policeUnit.address })}
          </p>
          {errorSummary}
          <div className="radios" role="radiogroup" data-testid="vehicle-slots">
            {start.slots.slice(0, 8).map((s) => (
              <label className="radio" key={s.id}>
                <input
                  type="radio"
                  name="vehicle-slot"
                  checked={slotId === s.id}
                  onChange={() => setSlotId(s.id)}
                  data-testid={`vehicle-slot-${s.id}`}
                />
                <span>{slotLabel(s)}</span>
              </label>
            ))}
          </div>
          <ContinueBack
            onContinue={() => {
              if (!slotId) return setErrors([{ field: 'brand', text: t('vehicle.chooseSlot') }]);
              setErrors([]);
              setStep({ name: 'check' });
            }}
            onBack={() => setStep({ name: 'invoice' })}
          />
        </>
      );
      break;
    case 'check': {
      const slot = start?.slots.find((s) => s.id === slotId);
      body = start && slot && (
        <>
          <h2 className="heading-m">{t('vehicle.checkTitle')}</h2>
          <dl className="summary-list" data-testid="vehicle-check">
            {identity && <Row k={t('vehicle.owner')} v={identity.fullName} />}
            <Row k={t('vehicle.brand')} v={values.brand} />
            <Row k={t('vehicle.model')} v={values.model} />
            <Row k={t('vehicle.colour')} v={values.colour} />
            <Row k={t('vehicle.frameNumber')} v={values.frameNumber} />
            <Row k={t('vehicle.engineNumber')} v={values.engineNumber} />
            <Row k={t('vehicle.invoiceNumber')} v={values.invoiceNumber} />
            <Row k={t('vehicle.invoiceDate')} v={values.invoiceDateText} />
            <Row k={t('vehicle.seller')} v={values.seller} />
            <Row k={t('vehicle.place')} v={start.policeUnit.name} />
            <Row k={t('vehicle.appointment')} v={slotLabel(slot)} />
            <Row k={t('vehicle.fee')} v={t('vehicle.feeUnknown')} />
          </dl>
          <button type="button" className="button" onClick={declare} data-testid="vehicle-send">
            {t('vehicle.send')}
          </button>
          <BackButton onClick={() => setStep({ name: 'slot' })} />
        </>
      );
      break;
    }
    case 'receipt': {
      const r = step.receipt;
      body = (
        <div data-testid="vehicle-receipt">
          <div className="panel panel--confirmation">
            <h2 className="panel__title">{t('vehicle.receiptTitle')}</h2>
            <div className="panel__body">
              {t('vehicle.code')}: <strong data-testid="vehicle-code">{r.code}</strong>
            </div>
          </div>
          <dl className="summary-list">
            <Row k={t('vehicle.owner')} v={`${r.ownerName} (${r.maskedId})`} />
            <Row k={t('vehicle.appointment')} v={slotLabel(r.slot)} testId="vehicle-appointment" />
            <Row
              k={t('vehicle.place')}
              v={`${r.policeUnit.name}, ${r.policeUnit.address}`}
              testId="vehicle-place"
            />
            <Row
              k={t('vehicle.frameNumber')}
              v={`${r.vehicle.frameNumber} · ${t('vehicle.engineNumber')}: ${r.vehicle.engineNumber}`}
            />
            <Row
              k={t('vehicle.fee')}
              v={r.feeVnd === null ? t('vehicle.feeUnknown') : `${r.feeVnd} đ`}
              testId="vehicle-fee"
            />
            <Row k="" v={formatDateTime(r.receivedAt)} />
          </dl>
          <h3 className="heading-s">{t('vehicle.bringTitle')}</h3>
          <ul className="list list--bullet" data-testid="vehicle-bring">
            {[1, 2, 3, 4].map((n) => (
              <li key={n}>{t(`vehicle.bring${n}`)}</li>
            ))}
          </ul>
          <p className="body">{t('vehicle.next')}</p>
          <PrintAndFinish print={() => api.call('vehicle.print', { code: r.code })} onFinish={onFinish} />
        </div>
      );
      break;
    }
  }
  return (
    <AgencyScreen
      testId="screen-vehicle"
      step={step}
      title={t('vehicle.title')}
      withKeyboard={focus !== null}
      onQueue={onQueue}
      onFinish={onFinish}
    >
      {body}
    </AgencyScreen>
  );
}
