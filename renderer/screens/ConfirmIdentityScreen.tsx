import { useTranslation } from 'react-i18next';
import type { IdentifyState } from '../flows/useIdentify';
import { formatDate } from '../../common/text/format';

/** "Is this you?" with the photo, the name and the chip's verdicts in plain words. */
export function ConfirmIdentityScreen({
  state,
  onYes,
  onNo,
}: {
  state: IdentifyState;
  onYes(): void;
  onNo(): void;
}) {
  const { t } = useTranslation();
  const id = state.identity!;
  const v = state.verification;
  return (
    <main id="main" className="screen" data-testid="screen-confirm">
      <h1 className="heading-l">{t('confirm.title')}</h1>
      <div className="identity-card">
        {state.photo ? (
          <img
            className="identity-card__photo"
            src={state.photo}
            alt={t('confirm.photoAlt')}
            data-testid="identity-photo"
          />
        ) : (
          <div
            className="identity-card__photo identity-card__photo--empty"
            data-testid="identity-photo-empty"
          >
            {!state.photoPending && <span>{t('confirm.photoUnavailable')}</span>}
          </div>
        )}
        {/* Spoken with the screen (speech-text.ts); the facts only through a headset (data-personal). */}
        <dl className="identity-card__facts" data-speak>
          <dt>{t('confirm.name')}</dt>
          <dd data-testid="identity-name" data-personal>
            {id.fullName}
          </dd>
          <dt>{t('confirm.dob')}</dt>
          <dd data-personal>{formatDate(id.dateOfBirth)}</dd>
          <dt>{t('confirm.idNumber')}</dt>
          <dd data-testid="identity-id" data-personal>
            {id.idNumber}
          </dd>
        </dl>
      </div>
      {v && (
        <ul className="check-list" data-testid="verification">
          <li>
            <span aria-hidden="true">✓ </span>
            {t(`confirm.passive.${v.passive}`)}
          </li>
          <li>
            <span aria-hidden="true">{v.active === 'valid' ? '✓ ' : '• '}</span>
            {t(`confirm.active.${v.active}`)}
          </li>
          {v.chipAuthentication === 'valid' && (
            <li>
              <span aria-hidden="true">✓ </span>
              {t('confirm.chipAuthentication.valid')}
            </li>
          )}
        </ul>
      )}
      <div className="button-group">
        <button type="button" className="button" onClick={onYes} data-testid="confirm-yes">
          {t('confirm.yes')}
        </button>
        <button type="button" className="button button--secondary" onClick={onNo} data-testid="confirm-no">
          {t('confirm.no')}
        </button>
      </div>
    </main>
  );
}

/** A card whose chip data is forged or cannot be verified: refused politely, staff called. */
export function RefusedScreen({
  decision,
  onFinish,
  children,
}: {
  decision: string;
  onFinish(): void;
  /** The call-for-staff prompt (a dead end). */
  children?: React.ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <main id="main" className="screen" data-testid="screen-refused" data-decision={decision}>
      <h1 className="heading-l">{t('refused.title')}</h1>
      <p className="lead">{t(decision === 'refuse-forged' ? 'refused.forged' : 'refused.unverifiable')}</p>
      <div className="inset">
        <p className="body">{t('refused.staff')}</p>
      </div>
      {children}
      <button type="button" className="button" onClick={onFinish} data-testid="refused-finish">
        {t('refused.finish')}
      </button>
    </main>
  );
}
