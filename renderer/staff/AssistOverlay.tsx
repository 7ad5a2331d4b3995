import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useKioskApi } from '../api/KioskApiContext';
import { AlertDialog } from '../components/AlertDialog';
import { useAssist } from './useAssist';
import './assist.css';

/**
 * On the citizen's screens: the question "Cho phép cán bộ hỗ trợ bạn điền hồ sơ?" when an officer offers help
 * (focus on "Không": nothing changes unless the citizen agrees), and while an officer helps, a banner naming the
 * officer with "Trả lại cho người dân". The host keeps the state and audits every step (host/staff/assist.ts).
 */
export function AssistOverlay() {
  const { t } = useTranslation('staffOutbox');
  const api = useKioskApi();
  const view = useAssist();
  const [error, setError] = useState<string | null>(null);
  const no = useRef<HTMLButtonElement>(null);
  // A new question starts without the last answer's error; focus goes to "Không" (AlertDialog's initialFocus).
  useEffect(() => setError(null), [view.state]);
  const act = (p: Promise<unknown>): void => {
    p.catch((e: { code?: string }) => setError(e.code ?? 'internal'));
  };

  if (view.state === 'assisted')
    return (
      <div className="assist-banner" role="status" data-testid="assist-banner">
        <span className="assist-banner__text">{t('assist.banner', { actor: view.actor })}</span>
        <button
          type="button"
          className="button button--secondary assist-banner__button"
          onClick={() => act(api.call('assist.handBack', {}))}
          data-testid="assist-hand-back"
        >
          {t('assist.handBack')}
        </button>
      </div>
    );
  if (view.state !== 'requested') return null;
  return (
    <AlertDialog
      id="assist"
      testId="assist-dialog"
      title={t('assist.dialogTitle')}
      body={t('assist.dialogBody')}
      initialFocus={no}
      actions={
        <>
          <button
            type="button"
            className="button"
            onClick={() => act(api.call('assist.answer', { granted: true }))}
            data-testid="assist-yes"
          >
            {t('assist.yes')}
          </button>
          <button
            ref={no}
            type="button"
            className="button button--secondary"
            onClick={() => act(api.call('assist.answer', { granted: false }))}
            data-testid="assist-no"
          >
            {t('assist.no')}
          </button>
        </>
      }
    >
      {error && (
        <p className="body" role="alert">
          {t(error, { ns: 'errors', defaultValue: t('outbox.failed') })}
        </p>
      )}
    </AlertDialog>
  );
}
