import type { ReactNode } from 'react';

/**
 * The end of an agency receipt (exam, forms taken by an agency): the papers to bring with the ID card last, what
 * happens next, then "done" and, when offered, "another service". Texts come from the caller's namespace.
 */
export function ToBringAndFinish({
  toBring,
  lang,
  testId,
  text,
  onFinish,
  onAnother,
}: {
  toBring: { vi: string; en: string }[];
  lang: 'vi' | 'en';
  testId: string;
  text: {
    toBringTitle: string;
    toBringNone?: string;
    toBringCard: string;
    next: string;
    done: string;
    another: string;
  };
  onFinish(): void;
  onAnother?: () => void;
}): ReactNode {
  return (
    <>
      <h2 className="heading-m">{text.toBringTitle}</h2>
      {toBring.length === 0 && text.toBringNone ? (
        <p className="body" data-testid={testId}>
          {text.toBringNone}
        </p>
      ) : (
        <ul className="list list--bullet" data-testid={testId}>
          {toBring.map((d) => (
            <li key={d.vi}>{d[lang]}</li>
          ))}
          <li>{text.toBringCard}</li>
        </ul>
      )}
      <p className="body">{text.next}</p>
      <div className="button-group">
        <button type="button" className="button" data-testid="finish" onClick={onFinish}>
          {text.done}
        </button>
        {onAnother && (
          <button
            type="button"
            className="button button--secondary"
            data-testid="another"
            onClick={onAnother}
          >
            {text.another}
          </button>
        )}
      </div>
    </>
  );
}
