import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../common/api/contract';
import { formatDate } from '../../common/text/format';
import { useKioskApi } from '../api/KioskApiContext';
import { Keyboard } from '../components/Keyboard';
import { KeyboardDock } from '../components/KeyboardDock';
import { useWedgeScanner } from '../identify/useWedgeScanner';
import { KeyboardTextInput } from '../components/KeyboardTextInput';
import { SummaryRow } from '../components/SummaryRow';

type Answer = Result<'dossier.lookup'>;

/** Look up a dossier by its code, typed or scanned from the receipt's QR. No identification needed. */
export function LookupScreen({ onBack }: { onBack(): void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const api = useKioskApi();
  const [text, setText] = useState('');
  const [typing, setTyping] = useState(true);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [error, setError] = useState<string | null>(null);

  const lookup = useCallback(
    (value: string): void => {
      setError(null);
      setAnswer(null);
      if (!value.trim()) return setError('lookup-empty');
      api
        .call('dossier.lookup', { text: value.trim() })
        .then((a) => {
          setAnswer(a);
          setTyping(false);
        })
        .catch((e: { code?: string }) => setError(e.code ?? 'lookup-failed'));
    },
    [api],
  );
  useWedgeScanner(lookup);
  useEffect(
    () =>
      api.on('lookup.scanned', ({ text: scanned }) => {
        setText(scanned.startsWith('{') ? '' : scanned);
        lookup(scanned);
      }),
    [api, lookup],
  );

  return (
    <main id="main" className={`screen${typing ? ' screen--with-keyboard' : ''}`} data-testid="screen-lookup">
      <button type="button" className="back-link" onClick={onBack}>
        {t('form.back')}
      </button>
      <h1 className="heading-l">{t('lookup.title')}</h1>
      {error && (
        <div className="error-summary" role="alert" data-testid="lookup-error">
          <h2 className="error-summary__title">{t('lookup.problem')}</h2>
          <p className="body">{t(error, { ns: 'errors', defaultValue: t('lookup.notFound') })}</p>
        </div>
      )}
      <KeyboardTextInput
        id="lookup-code"
        label={t('lookup.codeLabel')}
        hint={t('lookup.codeHint')}
        value={text}
        onFocus={() => setTyping(true)}
        onChange={setText}
      />
      <button type="button" className="button" onClick={() => lookup(text)} data-testid="lookup-search">
        {t('lookup.search')}
      </button>
      {answer?.kind === 'portal' && (
        <section aria-live="polite" data-testid="lookup-result">
          <div className="panel panel--queued">
            <h2 className="panel__title" data-testid="lookup-status">
              {answer.statusLabel[lang]}
            </h2>
            <div className="panel__body" data-personal>
              {answer.dossierCode}
            </div>
          </div>
          <dl className="summary-list" data-speak>
            <SummaryRow k={t('receipt.procedure')} v={answer.procedureName} />
            <SummaryRow k={t('receipt.received')} v={formatDate(answer.receivedAt)} />
            {answer.appointmentAt && (
              <SummaryRow k={t('receipt.appointment')} v={formatDate(answer.appointmentAt)} />
            )}
            {answer.feeVnd !== null && answer.feeVnd > 0 && (
              <SummaryRow
                k={t('receipt.fee')}
                v={answer.feePaid ? t('receipt.paid') : t('receipt.payAtCounter')}
              />
            )}
          </dl>
        </section>
      )}
      {answer && answer.kind !== 'portal' && (
        <div className="inset" data-testid="lookup-result">
          <p className="body">{answer.kind === 'queued' ? t('lookup.queued') : t('lookup.failed')}</p>
        </div>
      )}
      {typing && (
        <KeyboardDock>
          <Keyboard
            layout="email"
            value={text}
            onChange={(v) => setText(v.toUpperCase())}
            onDone={() => setTyping(false)}
          />
        </KeyboardDock>
      )}
    </main>
  );
}
