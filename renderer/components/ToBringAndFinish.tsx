import type { ReactNode } from 'react';

/**
 * The end of an agency receipt (exam, forms taken by an agency): the papers to bring with the ID card last, what
 * happens next, then "done" and, when offered, "another service". `t` reads the caller's namespace (keys
 * toBringTitle, toBringNone when `none` is set, toBringCard, next, done, another).
 */
export function ToBringAndFinish({
  toBring,
  lang,
  testId,
  t,
  none = false,
  onFinish,
  onAnother,
}: {
  toBring: { vi: string; en: string }[];
  lang: 'vi' | 'en';
  testId: string;
  t(key: string): string;
  none?: boolean;
  onFinish(): void;
  onAnother?: () => void;
}): ReactNode {
  return (
    <>
      <h2 className="heading-m">{t('toBringTitle')}</h2>
      {toBring.length === 0 && none ? (
        <p className="body" data-testid={testId}>
          {t('toBringNone')}
        </p>
      ) : (
        <ul className="list list--bullet" data-testid={testId}>
          {toBring.map((d) => (
            <li key={d.vi}>{d[lang]}</li>
          ))}
          <li>{t('toBringCard')}</li>
        </ul>
      )}
      <p className="body">{t('next')}</p>
      <div className="button-group">
        <button type="button" className="button" data-testid="finish" onClick={onFinish}>
          {t('done')}
        </button>
        {onAnother && (
          <button
            type="button"
            className="button button--secondary"
            data-testid="another"
            onClick={onAnother}
          >
            {t('another')}
          </button>
        )}
      </div>
    </>
  );
}

/** How the receipt was printed (`printed`: the printer's kind, `file`, `failed`; nothing shown for `none`). */
export function PrintedNote({
  printed,
  testId,
  t,
}: {
  printed: string;
  testId: string;
  t(key: string): string;
}): ReactNode {
  if (printed === 'none') return null;
  const key = printed === 'failed' ? 'printFailed' : printed === 'file' ? 'printedFile' : 'printed';
  return (
    <p className="body" role="status" data-testid={testId} data-state={printed}>
      {t(key)}
    </p>
  );
}
