import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useKioskApi } from '../api/KioskApiContext';
import { AlertDialog } from './AlertDialog';
import { Keyboard } from './Keyboard';

/**
 * Staff only: pressing the kiosk's name for three seconds asks for the staff PIN, which opens staff mode (the
 * staff console, renderer/staff). The PIN is masked on screen and never spoken.
 */
export function StaffExit({ children }: { children: React.ReactNode }) {
  const { t } = useTranslation();
  const api = useKioskApi();
  const [open, setOpen] = useState(false);
  const [pin, setPin] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const timer = useRef<number | null>(null);

  const start = (): void => {
    timer.current = window.setTimeout(() => {
      setPin('');
      setMessage(null);
      setOpen(true);
    }, 3000);
  };
  const cancel = (): void => {
    if (timer.current) window.clearTimeout(timer.current);
    timer.current = null;
  };
  const submit = async (): Promise<void> => {
    const r = await api.call('staff.unlock', { pin }).catch(() => ({ ok: false, lockedForSeconds: 0 }));
    setPin('');
    if (r.ok) setOpen(false);
    else if (r.lockedForSeconds > 0)
      setMessage(t('staff.locked', { minutes: Math.ceil(r.lockedForSeconds / 60) }));
    else setMessage(t('staff.wrong'));
  };

  return (
    <>
      <span onPointerDown={start} onPointerUp={cancel} onPointerLeave={cancel} data-testid="staff-hold">
        {children}
      </span>
      {open && (
        <AlertDialog
          id="staff"
          role="dialog"
          testId="staff-dialog"
          title={t('staff.title')}
          actions={
            <>
              <button
                type="button"
                className="button"
                onClick={() => void submit()}
                data-testid="staff-submit"
              >
                {t('staff.submit')}
              </button>
              <button type="button" className="button button--secondary" onClick={() => setOpen(false)}>
                {t('staff.cancel')}
              </button>
            </>
          }
          after={
            <Keyboard
              layout="numeric"
              value={pin}
              onChange={(v) => setPin(v.replace(/\D/g, '').slice(0, 12))}
              onDone={() => void submit()}
            />
          }
        >
          <label className="label" htmlFor="staff-pin">
            {t('staff.pin')}
          </label>
          <input
            id="staff-pin"
            className="input input--year"
            type="password"
            inputMode="none"
            autoComplete="off"
            value={pin}
            readOnly
            data-testid="staff-pin"
          />
          {message && (
            <p className="body" role="status" data-testid="staff-message">
              {message}
            </p>
          )}
        </AlertDialog>
      )}
    </>
  );
}
