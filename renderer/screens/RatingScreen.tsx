/**
 * "How was the service today?" — after a finished, refused or abandoned journey: five faces, one tap. A happy
 * face (4–5) is sent at once; an unhappy one (1–3) offers optional reason chips. Skippable at every point.
 * Nothing personal: the host counts a score and reason codes per day and service (`rating.submit`).
 * Spoken like every screen (its heading and lead, through useSpeakScreen in App).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RatingReason } from '../../common/api/contract';
import { useKioskApi } from '../api/KioskApiContext';
import './rating.css';

const SCORES = [1, 2, 3, 4, 5] as const;

/** A face drawn as SVG (no emoji font needed): the mouth curves from sad (1) to happy (5). */
function Face({ score }: { score: number }) {
  const curve = (score - 3) * 9; // -18 … +18
  const colour = ['#d4351c', '#f47738', '#505a5f', '#00703c', '#005a30'][score - 1];
  return (
    <svg viewBox="0 0 100 100" aria-hidden="true" focusable="false">
      <circle cx="50" cy="50" r="46" fill="#fff" stroke={colour} strokeWidth="6" />
      <circle cx="34" cy="40" r="6" fill={colour} />
      <circle cx="66" cy="40" r="6" fill={colour} />
      <path
        d={`M 28 ${68 - curve / 2} Q 50 ${68 + curve} 72 ${68 - curve / 2}`}
        fill="none"
        stroke={colour}
        strokeWidth="6"
        strokeLinecap="round"
      />
    </svg>
  );
}

export function RatingScreen({ onDone }: { onDone(): void }) {
  const { t } = useTranslation('rating');
  const api = useKioskApi();
  const [score, setScore] = useState<number | null>(null);
  const [reasons, setReasons] = useState<RatingReason[]>([]);
  const send = (s: number, r: RatingReason[]): void => {
    // Best effort: a rating that cannot be stored never keeps the next citizen waiting.
    void api.call('rating.submit', { score: s, reasons: r }).catch(() => undefined);
    onDone();
  };
  const toggle = (r: RatingReason) =>
    setReasons((xs) => (xs.includes(r) ? xs.filter((x) => x !== r) : [...xs, r]));

  if (score === null)
    return (
      <main id="main" className="screen" data-testid="screen-rating">
        <h1 className="heading-l">{t('title')}</h1>
        <p className="lead">{t('lead')}</p>
        <div className="rating-faces" role="group" aria-label={t('title')}>
          {SCORES.map((s) => (
            <button
              key={s}
              type="button"
              className="rating-face"
              aria-pressed="false"
              data-testid={`rating-${s}`}
              onClick={() => (s >= 4 ? send(s, []) : setScore(s))}
            >
              <Face score={s} />
              <span>{t(`faces.${s}`)}</span>
            </button>
          ))}
        </div>
        <button type="button" className="button button--secondary" data-testid="rating-skip" onClick={onDone}>
          {t('skip')}
        </button>
      </main>
    );

  return (
    <main id="main" className="screen" data-testid="screen-rating-reasons">
      <h1 className="heading-l">{t('reasonsTitle')}</h1>
      <p className="lead">{t('reasonsLead')}</p>
      <div className="rating-chips" role="group" aria-label={t('reasonsTitle')}>
        {RatingReason.options.map((r) => (
          <button
            key={r}
            type="button"
            className="rating-chip"
            aria-pressed={reasons.includes(r)}
            data-testid={`rating-reason-${r}`}
            onClick={() => toggle(r)}
          >
            {t(`reasons.${r}`)}
          </button>
        ))}
      </div>
      <div className="button-group">
        <button
          type="button"
          className="button"
          data-testid="rating-send"
          disabled={reasons.length === 0}
          onClick={() => send(score, reasons)}
        >
          {t('send')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          data-testid="rating-send-without-reasons"
          onClick={() => send(score, [])}
        >
          {t('sendWithoutReasons')}
        </button>
      </div>
    </main>
  );
}
