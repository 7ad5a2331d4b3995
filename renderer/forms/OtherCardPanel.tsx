/**
 * "Ask them to tap their card": another person's chip (household head, owner, the other parent, the spouse)
 * read through the same pipeline as the citizen's own — their consent, their QR (or MRZ) key, their chip,
 * the verdict — to fill their block of the form. Nothing is read before they agree; a card that fails
 * verification fills nothing.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OtherCardRole } from '../../common/api/contract';
import type { Identity } from '../../common/identity';
import { useKioskApi } from '../api/KioskApiContext';

type Phase = 'consent' | 'reading' | 'refused';

export function OtherCardPanel({
  role,
  onIdentity,
  onClose,
}: {
  role: OtherCardRole;
  onIdentity(identity: Identity): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const api = useKioskApi();
  const [phase, setPhase] = useState<Phase>('consent');
  const [qr, setQr] = useState(false);
  const [card, setCard] = useState(false);
  const [percent, setPercent] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const who = t(`formOther.who.${role}`);

  useEffect(() => {
    if (phase !== 'reading') return;
    const offs = [
      api.on('identify.qr', () => {
        setQr(true);
        setError(null);
      }),
      api.on('card.presence', ({ present }) => setCard(present)),
      api.on('identify.progress', ({ percent: p }) => setPercent(p)),
      api.on('identify.failed', ({ code }) => setError(code)),
      api.on('identify.other', (e) => {
        if (e.role !== role) return;
        if (e.decision === 'accept') onIdentity(e.identity);
        else setPhase('refused');
      }),
    ];
    return () => offs.forEach((off) => off());
  }, [api, phase, role, onIdentity]);

  const cancel = (): void => {
    void api.call('identify.otherCancel', {}).catch(() => undefined);
    onClose();
  };

  if (phase === 'consent')
    return (
      <main id="main" className="screen" data-testid="other-card" data-role={role}>
        <button type="button" className="back-link" onClick={cancel}>
          {t('form.back')}
        </button>
        <h1 className="heading-l">{t('formOther.title', { who })}</h1>
        <p className="body">{t('formOther.consentText', { who })}</p>
        <button
          type="button"
          className="button"
          data-testid="other-consent-yes"
          onClick={() => {
            void api
              .call('identify.other', { role })
              .then(() => api.call('session.consent', { granted: true }))
              .then(() => setPhase('reading'))
              .catch((e: { code?: string }) => setError(e.code ?? 'chip-read-failed'));
          }}
        >
          {t('formOther.consentYes', { who })}
        </button>
        <button
          type="button"
          className="button button--secondary"
          data-testid="other-cancel"
          onClick={cancel}
        >
          {t('formOther.consentNo')}
        </button>
        {error && (
          <p className="error-message">
            {t(error, { ns: 'errors', defaultValue: t('identify.genericError') })}
          </p>
        )}
      </main>
    );

  if (phase === 'refused')
    return (
      <main id="main" className="screen" data-testid="other-card-refused">
        <h1 className="heading-l">{t('formOther.refusedTitle')}</h1>
        <p className="body">{t('formOther.refusedText', { who })}</p>
        <button type="button" className="button" onClick={onClose}>
          {t('formOther.back')}
        </button>
      </main>
    );

  return (
    <main id="main" className="screen" data-testid="other-card" data-role={role}>
      <button type="button" className="back-link" onClick={cancel}>
        {t('form.back')}
      </button>
      <h1 className="heading-l">{t('formOther.readingTitle', { who })}</h1>
      {error && (
        <div className="error-summary" role="alert">
          <p className="body">{t(error, { ns: 'errors', defaultValue: t('identify.genericError') })}</p>
        </div>
      )}
      <ol className="task-list">
        <li
          className={qr ? 'task-list__item task-list__item--done' : 'task-list__item'}
          data-testid="other-qr"
        >
          <span className="task-list__mark" aria-hidden="true">
            {qr ? '✓' : '1'}
          </span>
          <strong>{t('formOther.qrStep')}</strong>
        </li>
        <li className={card ? 'task-list__item task-list__item--done' : 'task-list__item'}>
          <span className="task-list__mark" aria-hidden="true">
            {card ? '✓' : '2'}
          </span>
          <strong>{t('formOther.cardStep')}</strong>
        </li>
      </ol>
      {percent !== null && (
        <p className="body" role="status">
          {t('formOther.reading', { percent })}
        </p>
      )}
      <button type="button" className="button button--secondary" onClick={cancel}>
        {t('formOther.consentNo')}
      </button>
    </main>
  );
}
