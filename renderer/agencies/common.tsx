import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** An agency's failure: its sentence, and the ways forward (try again, a queue ticket, finish). */
export function AgencyProblem({
  code,
  onRetry,
  onQueue,
  onFinish,
}: {
  code: string;
  onRetry?: () => void;
  onQueue(): void;
  onFinish(): void;
}) {
  const { t } = useTranslation('agencies');
  return (
    <>
      <div className="error-summary" role="alert" data-testid="agency-error" data-code={code}>
        <h2 className="error-summary__title">{t('common.problem')}</h2>
        <p className="body">
          {t(code, { ns: 'errors', defaultValue: t('agency-server-error', { ns: 'errors' }) })}
        </p>
      </div>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry} data-testid="agency-retry">
          {t('common.tryAgain')}
        </button>
      )}
      <button type="button" className="button button--secondary" onClick={onQueue} data-testid="agency-queue">
        {t('common.queue')}
      </button>
      <button
        type="button"
        className="button button--secondary"
        onClick={onFinish}
        data-testid="agency-finish"
      >
        {t('common.finish')}
      </button>
    </>
  );
}

export const errorCode = (e: unknown): string => (e as { code?: string }).code ?? 'agency-server-error';

/** One row of a summary list (the flows call it `Row`). */
export { SummaryRow as Row } from '../components/SummaryRow';

/** The end of an agency flow: print the receipt (what the printer said), then finish. */
export function PrintAndFinish({ print, onFinish }: { print(): Promise<unknown>; onFinish(): void }) {
  const { t } = useTranslation('agencies');
  const [state, setState] = useState<'idle' | 'printing' | 'done' | string>('idle');
  return (
    <>
      <button
        type="button"
        className="button"
        data-testid="agency-print"
        disabled={state === 'printing'}
        onClick={() => {
          setState('printing');
          print()
            .then(() => setState('done'))
            .catch((e) => setState(errorCode(e)));
        }}
      >
        {state === 'printing' ? t('common.printing') : t('common.print')}
      </button>
      {state === 'done' && (
        <p className="body" role="status" data-testid="agency-printed">
          {t('common.printed')}
        </p>
      )}
      {state !== 'idle' && state !== 'printing' && state !== 'done' && (
        <p className="body" role="alert">
          {t(state, { ns: 'errors' })}
        </p>
      )}
      <button type="button" className="button button--secondary" onClick={onFinish} data-testid="agency-done">
        {t('common.finish')}
      </button>
    </>
  );
}

/** "Back" to the previous step of a flow. */
export function BackButton({ onClick }: { onClick(): void }) {
  const { t } = useTranslation('agencies');
  return (
    <button type="button" className="button button--secondary" onClick={onClick}>
      {t('common.back')}
    </button>
  );
}

/** The step every agency flow has when the agency's system failed: its code and how to try again. */
export interface AgencyFailure {
  name: 'failed';
  code: string;
  retry: () => void;
}
const isFailure = (step: { name: string }): step is AgencyFailure => step.name === 'failed';

/**
 * The screen of an agency flow: its title over the current step, with room for the keyboard when it is open.
 * The steps every flow shares are drawn here: `working` (the agency's system is answering) and `failed`
 * (`AgencyProblem`); for the others it shows `children`, the flow's own body for that step.
 */
export function AgencyScreen({
  testId,
  step,
  title,
  withKeyboard,
  onQueue,
  onFinish,
  children,
}: {
  testId: string;
  step: { name: string };
  title: string;
  withKeyboard: boolean;
  onQueue(): void;
  onFinish(): void;
  children?: React.ReactNode;
}) {
  return (
    <main
      id="main"
      className={`screen${withKeyboard ? ' screen--with-keyboard' : ''}`}
      data-testid={testId}
      data-step={step.name}
    >
      <h1 className="heading-l">{title}</h1>
      {step.name === 'working' ? (
        <AgencyWorking />
      ) : isFailure(step) ? (
        <AgencyProblem code={step.code} onRetry={step.retry} onQueue={onQueue} onFinish={onFinish} />
      ) : (
        children
      )}
    </main>
  );
}

/** While the agency's system answers. */
function AgencyWorking() {
  const { t } = useTranslation('agencies');
  return (
    <p className="body" aria-busy="true" data-testid="agency-working">
      {t('common.working')}
    </p>
  );
}
