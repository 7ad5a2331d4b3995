import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/** Why the session ended: the host's reasons plus the two endings the citizen chose on screen. */
export type EndingReason =
  'done' | 'cancel' | 'not-me' | 'consent-declined' | 'refused' | 'timeout' | 'staff';

/** How long the screen stays when no card is on the reader, before the kiosk shows its welcome again. */
export const END_SCREEN_SECONDS = 5;

/** A soft two-note chime (Web Audio, quiet); silently nothing where audio is unavailable. */
function chime(): void {
  try {
    const Ctx = window.AudioContext;
    if (!Ctx) return;
    const ctx = new Ctx();
    const gain = ctx.createGain();
    gain.gain.value = 0.08;
    gain.connect(ctx.destination);
    [660, 880].forEach((hz, i) => {
      const osc = ctx.createOscillator();
      osc.type = 'sine';
      osc.frequency.value = hz;
      osc.connect(gain);
      const at = ctx.currentTime + i * 0.35;
      osc.start(at);
      osc.stop(at + 0.3);
    });
    window.setTimeout(() => void ctx.close().catch(() => undefined), 1200);
  } catch {
    /* no audio device: the screen and the animation still say it */
  }
}

/**
 * Every ending lands here: the session is already wiped. While the card is still on the reader the screen asks
 * for it (and the receipt) back and stays until the card leaves; with no card it shows for a few seconds, then
 * the welcome screen comes back (or at once with the button).
 */
export function EndScreen({
  reason,
  cardPresent,
  onDone,
}: {
  reason: EndingReason;
  cardPresent: boolean;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [cardPresent]);
  useEffect(() => {
    if (cardPresent) chime();
  }, [cardPresent]);
  useEffect(() => {
    if (cardPresent) return;
    const timer = window.setTimeout(onDone, END_SCREEN_SECONDS * 1000);
    return () => window.clearTimeout(timer);
  }, [cardPresent, onDone]);
  return (
    <main
      id="main"
      className="screen screen--ending"
      data-testid="screen-ending"
      data-reason={reason}
      data-card={cardPresent ? 'present' : 'absent'}
    >
      {cardPresent ? (
        <>
          <div className="take-card" aria-hidden="true">
            <span className="take-card__card" />
          </div>
          <h1 className="heading-xl" tabIndex={-1} ref={heading} data-testid="take-card">
            {t(reason === 'done' ? 'ending.takeCardAndReceipt' : 'ending.takeCard')}
          </h1>
          <p className="lead">{t(`ending.reason.${reason}`)}</p>
          <p className="body">{t('ending.wiped')}</p>
          <p className="body" role="status">
            {t('ending.cardStillThere')}
          </p>
        </>
      ) : (
        <>
          <h1 className="heading-xl" tabIndex={-1} ref={heading}>
            {t(reason === 'done' ? 'ending.thanksReceipt' : 'ending.thanks')}
          </h1>
          <p className="lead">{t(`ending.reason.${reason}`)}</p>
          <p className="body">{t('ending.wiped')}</p>
          <p className="body" role="status">
            {t('ending.returning')}
          </p>
          <button type="button" className="button" onClick={onDone} data-testid="ending-home">
            {t('ending.home')}
          </button>
        </>
      )}
    </main>
  );
}
