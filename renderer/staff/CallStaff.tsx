import { createContext, useCallback, useContext, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result, StaffCallScreen } from '../../common/api/contract';
import { useKioskApi } from '../api/KioskApiContext';
import { AlertDialog } from '../components/AlertDialog';
import './call-staff.css';

/**
 * "Gọi cán bộ": the call button in the header of every citizen screen, and a prominent one on every dead end
 * (`CallStaffPrompt`). A call sends the screen's name only (`staff.call`). What the citizen is told follows
 * what really happened: "staff have been told" only when the centre's receiver took the call; without a
 * receiver, or when it failed, they are asked to go to the counter, with a queue number one tap away.
 */
type CallState =
  | { kind: 'closed' }
  | { kind: 'sending' }
  | { kind: 'done'; delivery: Result<'staff.call'>['delivery'] }
  | { kind: 'error' };

const CallStaffContext = createContext<() => void>(() => undefined);

export function CallStaffProvider({
  screen,
  children,
}: {
  screen: StaffCallScreen;
  children: React.ReactNode;
}) {
  const api = useKioskApi();
  const [state, setState] = useState<CallState>({ kind: 'closed' });
  const screenRef = useRef(screen);
  screenRef.current = screen;
  const call = useCallback(() => {
    setState({ kind: 'sending' });
    api
      .call('staff.call', { screen: screenRef.current })
      .then((r) => setState({ kind: 'done', delivery: r.delivery }))
      .catch(() => setState({ kind: 'error' }));
  }, [api]);
  return (
    <CallStaffContext.Provider value={call}>
      {children}
      {state.kind !== 'closed' && (
        <CallStaffDialog state={state} onRetry={call} onClose={() => setState({ kind: 'closed' })} />
      )}
    </CallStaffContext.Provider>
  );
}

/** The small button in the header, on every citizen screen. */
export function CallStaffButton() {
  const { t } = useTranslation('staff');
  const call = useContext(CallStaffContext);
  return (
    <button type="button" className="call-staff-button" onClick={call} data-testid="call-staff">
      {t('call.button')}
    </button>
  );
}

/** The prominent version for dead ends (refused card, info-only service, errors). */
export function CallStaffPrompt() {
  const { t } = useTranslation('staff');
  const call = useContext(CallStaffContext);
  return (
    <div className="call-staff-prompt" data-testid="call-staff-prompt">
      <p className="body">{t('call.promptLead')}</p>
      <button type="button" className="button button--secondary" onClick={call} data-testid="call-staff-big">
        {t('call.button')}
      </button>
    </div>
  );
}

function CallStaffDialog({
  state,
  onRetry,
  onClose,
}: {
  state: Exclude<CallState, { kind: 'closed' }>;
  onRetry(): void;
  onClose(): void;
}) {
  const { t } = useTranslation('staff');
  const api = useKioskApi();
  const [ticket, setTicket] = useState<Result<'queue.take'> | null>(null);
  const [ticketFailed, setTicketFailed] = useState(false);
  const takeNumber = (): void => {
    setTicketFailed(false);
    api
      .call('queue.take', { group: 'general' })
      .then(setTicket)
      .catch(() => setTicketFailed(true));
  };
  const outcome =
    state.kind === 'sending'
      ? 'sending'
      : state.kind === 'error'
        ? 'failed'
        : state.delivery === 'delivered'
          ? 'delivered'
          : state.delivery === 'no-channel'
            ? 'counter'
            : 'failed';
  return (
    <AlertDialog
      id="call-staff"
      role="dialog"
      testId="call-staff-dialog"
      data={{ 'data-outcome': outcome }}
      title={t(`call.${outcome}.title`)}
      initialFocus="title"
      focusKey={state.kind}
      actions={
        outcome === 'sending' ? undefined : (
          <>
            {outcome === 'failed' && (
              <button type="button" className="button" onClick={onRetry} data-testid="call-staff-retry">
                {t('call.retry')}
              </button>
            )}
            {outcome !== 'delivered' && !ticket && (
              <button
                type="button"
                className={outcome === 'counter' ? 'button' : 'button button--secondary'}
                onClick={takeNumber}
                data-testid="call-staff-take-number"
              >
                {t('call.takeNumber')}
              </button>
            )}
            <button
              type="button"
              className={outcome === 'delivered' || ticket ? 'button' : 'button button--secondary'}
              onClick={onClose}
              data-testid="call-staff-close"
            >
              {t('call.close')}
            </button>
          </>
        )
      }
    >
      <p className="body" role="status" data-testid="call-staff-message">
        {t(`call.${outcome}.body`)}
      </p>
      {ticket && (
        <div className="panel panel--confirmation" data-testid="call-staff-ticket">
          <p className="panel__title">{t('call.ticket')}</p>
          <p className="panel__body">
            <strong className="queue-number">{ticket.number}</strong>
          </p>
        </div>
      )}
      {ticketFailed && (
        <p className="error-message" role="alert">
          {t('call.ticketFailed')}
        </p>
      )}
    </AlertDialog>
  );
}
