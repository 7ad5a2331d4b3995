/**
 * Service 21 (exam registration for free candidates), before and after the catalogue form: the first
 * question ("are you in year 12 at a school?" → the school registers you, with the next step), the window the
 * exam system (or the configuration) gives, then one question per screen — registration place, subjects,
 * priority category — from the system's own lists; and the registration receipt.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PrintedNote, ToBringAndFinish } from '../components/ToBringAndFinish';
import type { Result } from '../../common/api/contract';
import { formatDateTime } from '../../common/text/format';
import { useKioskApi } from '../api/KioskApiContext';
import { SummaryRow } from '../components/SummaryRow';

export interface ExamChoice {
  serviceId: string;
  clusterId: string;
  electives: string[];
  priority: string | null;
}

type Options = Result<'exam.options'>;
type Step =
  | { name: 'question' }
  | { name: 'school' }
  | { name: 'loading' }
  | { name: 'failed'; code: string }
  | { name: 'closed'; options: Options }
  | { name: 'place'; options: Options }
  | { name: 'subjects'; options: Options; clusterId: string }
  | { name: 'priority'; options: Options; clusterId: string; electives: string[] };

/** dd/mm/yyyy from an ISO date. */
const vnDate = (iso: string | null, unknown: string): string =>
  iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : unknown;

function OneOf({
  name,
  items,
  value,
  onChange,
}: {
  name: string;
  items: { id: string; name: string }[];
  value: string | null;
  onChange(id: string): void;
}) {
  return (
    <div className="radios" data-testid={`exam-${name}-options`}>
      {items.map((o) => (
        <label key={o.id} className="radio">
          <input
            type="radio"
            name={name}
            value={o.id}
            checked={value === o.id}
            data-testid={`exam-${name}-${o.id}`}
            onChange={() => onChange(o.id)}
          />
          <span>{o.name}</span>
        </label>
      ))}
    </div>
  );
}

export function ExamStartScreen({
  serviceId,
  onReady,
  onBack,
  onOtherService,
  onFinish,
}: {
  serviceId: string;
  onReady(choice: ExamChoice): void;
  onBack(): void;
  onOtherService(): void;
  onFinish(): void;
}) {
  const { t } = useTranslation('exam');
  const { t: te } = useTranslation('errors');
  const api = useKioskApi();
  const [step, setStep] = useState<Step>({ name: 'question' });
  const [pick, setPick] = useState<string | null>(null);
  const [picks, setPicks] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);

  const load = () => {
    setStep({ name: 'loading' });
    api
      .call('exam.options', { serviceId })
      .then((options) =>
        setStep(options.window.state === 'closed' ? { name: 'closed', options } : { name: 'place', options }),
      )
      .catch((e: { code?: string }) => setStep({ name: 'failed', code: e.code ?? 'exam-system-down' }));
  };
  useEffect(() => {
    setPick(null);
    setPicks([]);
    setError(null);
  }, [step.name]);

  const ways = (
    <div className="button-group">
      <button type="button" className="button" data-testid="exam-other-service" onClick={onOtherService}>
        {t('otherService')}
      </button>
      <button type="button" className="button button--secondary" data-testid="exam-finish" onClick={onFinish}>
        {t('finish')}
      </button>
    </div>
  );
  const errorBox = error && (
    <div className="error-summary" role="alert" data-testid="error-summary">
      <h2 className="error-summary__title">{error}</h2>
    </div>
  );
  const unknown = t('unknownDate');

  switch (step.name) {
    case 'question':
      return (
        <main id="main" className="screen" data-testid="screen-exam-question">
          <button type="button" className="back-link" onClick={onBack}>
            {t('translation:form.back')}
          </button>
          <h1 className="heading-l">{t('atSchoolTitle')}</h1>
          <p className="lead">{t('atSchoolLead')}</p>
          <div className="button-group">
            <button
              type="button"
              className="button"
              data-testid="exam-at-school-yes"
              onClick={() => setStep({ name: 'school' })}
            >
              {t('yes')}
            </button>
            <button type="button" className="button" data-testid="exam-at-school-no" onClick={load}>
              {t('no')}
            </button>
          </div>
        </main>
      );
    case 'school':
      return (
        <main id="main" className="screen" data-testid="screen-exam-school">
          <div className="panel panel--confirmation">
            <h1 className="panel__title">{t('schoolTitle')}</h1>
          </div>
          <p className="lead">{t('schoolBody')}</p>
          {ways}
        </main>
      );
    case 'loading':
      return (
        <main id="main" className="screen" aria-busy="true" data-testid="screen-exam-loading">
          <h1 className="heading-l">{t('loading')}</h1>
        </main>
      );
    case 'failed':
      return (
        <main id="main" className="screen" data-testid="screen-exam-failed">
          <div className="error-summary" role="alert">
            <h1 className="error-summary__title">{t('failedTitle')}</h1>
            <p className="body" data-testid="exam-error">
              {te(step.code, { defaultValue: te('exam-system-down') })}
            </p>
          </div>
          <button type="button" className="button" data-testid="exam-try-again" onClick={load}>
            {t('tryAgain')}
          </button>
          {ways}
        </main>
      );
    case 'closed': {
      const w = step.options.window;
      return (
        <main id="main" className="screen" data-testid="screen-exam-closed">
          <div className="error-summary" role="alert">
            <h1 className="error-summary__title">{t('closedTitle')}</h1>
            <p className="body" data-testid="exam-window">
              {w.opensOn || w.closesOn
                ? t('closedDates', { from: vnDate(w.opensOn, unknown), to: vnDate(w.closesOn, unknown) })
                : t('closedNoDates')}
            </p>
          </div>
          <p className="lead">{t('closedNext')}</p>
          {ways}
        </main>
      );
    }
    case 'place': {
      const { options } = step;
      const w = options.window;
      return (
        <main id="main" className="screen" data-testid="screen-exam-place">
          {errorBox}
          <h1 className="heading-l">{t('placeTitle')}</h1>
          <p className="body">{t('placeLead')}</p>
          <p className="body" data-testid="exam-window">
            {w.state === 'open'
              ? t('windowOpen', { from: vnDate(w.opensOn, unknown), to: vnDate(w.closesOn, unknown) })
              : t('windowUnknown')}
          </p>
          <OneOf name="cluster" items={options.clusters} value={pick} onChange={setPick} />
          <button
            type="button"
            className="button"
            data-testid="exam-continue"
            onClick={() =>
              pick ? setStep({ name: 'subjects', options, clusterId: pick }) : setError(t('chooseError'))
            }
          >
            {t('continue')}
          </button>
        </main>
      );
    }
    case 'subjects': {
      const { options, clusterId } = step;
      const n = options.subjects.choose;
      const toggle = (id: string) => {
        setError(null);
        setPicks((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));
      };
      return (
        <main id="main" className="screen" data-testid="screen-exam-subjects">
          {errorBox}
          <h1 className="heading-l">{t('subjectsTitle')}</h1>
          <p className="body">
            {t('subjectsCompulsory', { list: options.subjects.compulsory.map((s) => s.name).join(', ') })}
          </p>
          <p className="body">{t('subjectsChoose', { count: n })}</p>
          <div className="checkboxes" data-testid="exam-subject-options">
            {options.subjects.electives.map((s) => (
              <label key={s.id} className="radio">
                <input
                  type="checkbox"
                  value={s.id}
                  checked={picks.includes(s.id)}
                  data-testid={`exam-subject-${s.id}`}
                  onChange={() => toggle(s.id)}
                />
                <span>{s.name}</span>
              </label>
            ))}
          </div>
          <button
            type="button"
            className="button"
            data-testid="exam-continue"
            onClick={() =>
              picks.length === n
                ? setStep({ name: 'priority', options, clusterId, electives: picks })
                : setError(t('subjectsError', { count: n }))
            }
          >
            {t('continue')}
          </button>
        </main>
      );
    }
    case 'priority': {
      const { options, clusterId, electives } = step;
      return (
        <main id="main" className="screen" data-testid="screen-exam-priority">
          {errorBox}
          <h1 className="heading-l">{t('priorityTitle')}</h1>
          <p className="body">{t('priorityLead')}</p>
          <OneOf
            name="priority"
            items={[...options.priorities, { id: 'none', name: t('priorityNone') }]}
            value={pick}
            onChange={setPick}
          />
          <button
            type="button"
            className="button"
            data-testid="exam-continue"
            onClick={() =>
              pick
                ? onReady({ serviceId, clusterId, electives, priority: pick === 'none' ? null : pick })
                : setError(t('chooseError'))
            }
          >
            {t('continue')}
          </button>
        </main>
      );
    }
  }
}

export function ExamReceiptScreen({
  receipt,
  onFinish,
  onAnother,
}: {
  receipt: Result<'exam.register'>;
  onFinish(): void;
  onAnother?: () => void;
}) {
  const { t, i18n } = useTranslation('exam');
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const at = new Date(receipt.receivedAt);
  const when = Number.isNaN(at.getTime()) ? receipt.receivedAt : formatDateTime(at);
  return (
    <main id="main" className="screen" data-testid="screen-exam-receipt">
      <div className="panel panel--confirmation">
        <h1 className="panel__title">{t('receiptTitle')}</h1>
        <div className="panel__body">
          {t('registrationNumber')}
          <br />
          <strong data-testid="exam-registration-number">{receipt.registrationNumber}</strong>
        </div>
      </div>
      <PrintedNote printed={receipt.printed} testId="exam-print" t={t} />
      <dl className="summary-list">
        <SummaryRow k={t('place')} v={receipt.clusterName} testId="exam-place" />
        <SummaryRow k={t('subjects')} v={receipt.subjects.join(', ')} testId="exam-subjects" />
        <SummaryRow k={t('receivedAt')} v={when} />
      </dl>
      <ToBringAndFinish
        toBring={receipt.toBring}
        lang={lang}
        testId="exam-to-bring"
        t={t}
        none
        onFinish={onFinish}
        onAnother={onAnother}
      />
    </main>
  );
}
