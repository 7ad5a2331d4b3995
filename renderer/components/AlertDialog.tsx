import { type HTMLAttributes, type ReactNode, type RefObject, useEffect, useRef } from 'react';

/** Extra attributes of the lead paragraph, e.g. a countdown's `aria-live` and `data-speech-once`. */
export type AlertDialogBodyProps = HTMLAttributes<HTMLParagraphElement> & { 'data-speech-once'?: boolean };

export interface AlertDialogProps {
  /** Prefix of the title's and lead's ids (`<id>-title`, `<id>-body`), which label and describe the dialog. */
  id: string;
  title: ReactNode;
  /** The question or warning (`.lead`, read with the title); absent: the dialog has no description. */
  body?: ReactNode;
  bodyProps?: AlertDialogBodyProps;
  /** Anything between the lead and the buttons (a hint, an input, a result). */
  children?: ReactNode;
  /** The buttons, in one button group. */
  actions?: ReactNode;
  /** Below the buttons (the PIN keypad). */
  after?: ReactNode;
  /** `alertdialog` (the default) interrupts to ask or warn; `dialog` for a task such as typing a PIN. */
  role?: 'alertdialog' | 'dialog';
  testId: string;
  /** `data-*` attributes of the dialog (e.g. `data-outcome`), for tests and styles. */
  data?: Record<`data-${string}`, string>;
  /**
   * Where focus goes when the dialog opens: a control (the safe answer, e.g. "Không, tiếp tục"), or the title
   * (`'title'`, then focusable). Moved again whenever `focusKey` changes. Absent: focus is left where it is.
   */
  initialFocus?: RefObject<HTMLElement | null> | 'title';
  focusKey?: unknown;
}

/**
 * The kiosk's modal dialog (GOV.UK-style plain words, big buttons): a backdrop over the screen, the dialog with
 * `aria-modal`, labelled by its title (h2) and described by its lead, then the buttons. Used by every question
 * or warning that interrupts a screen: stop, timeout, assisted session, staff PIN, call staff.
 */
export function AlertDialog({
  id,
  title,
  body,
  bodyProps,
  children,
  actions,
  after,
  role = 'alertdialog',
  testId,
  data,
  initialFocus,
  focusKey,
}: AlertDialogProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (initialFocus === 'title') heading.current?.focus();
    else initialFocus?.current?.focus();
    // Focus moves when the dialog opens and when its content changes (focusKey), not on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusKey]);
  const titleId = `${id}-title`;
  const bodyId = body === undefined ? undefined : `${id}-body`;
  return (
    <div className="modal-backdrop">
      <div
        className="modal"
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={bodyId}
        data-testid={testId}
        {...data}
      >
        <h2
          id={titleId}
          className="heading-l"
          ref={heading}
          tabIndex={initialFocus === 'title' ? -1 : undefined}
        >
          {title}
        </h2>
        {body !== undefined && (
          <p id={bodyId} className="lead" {...bodyProps}>
            {body}
          </p>
        )}
        {children}
        {actions !== undefined && <div className="button-group">{actions}</div>}
        {after}
      </div>
    </div>
  );
}
