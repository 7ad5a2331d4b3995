import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useKioskApi } from '../api/KioskApiContext';
import type { FilledForm } from '../forms/form-values';

/** Error codes with a sentence of their own; any other failure reads "could not print, ask at the counter". */
const OWN_SENTENCE = new Set(['print-forms-no-a4', 'print-forms-invalid', 'print-forms-render-failed']);

/**
 * "In tờ khai để ký": prints the completed forms (A4 at the kiosk's printer) for a citizen who wants paper or
 * a dossier that needs handwritten consent; in browser mode the PDF is downloaded instead.
 */
export function PrintFormsButton({ serviceId, forms }: { serviceId: string; forms: () => FilledForm[] }) {
  const { t } = useTranslation('printForms');
  const api = useKioskApi();
  const [state, setState] = useState<
    | { s: 'idle' }
    | { s: 'printing' }
    | { s: 'printed' }
    | { s: 'download'; url: string }
    | { s: 'failed'; code: string }
  >({ s: 'idle' });
  const link = useRef<HTMLAnchorElement>(null);
  // the PDF holds personal data: its object URL lives only while this screen does
  useEffect(
    () => () => {
      if (state.s === 'download') URL.revokeObjectURL(state.url);
    },
    [state],
  );
  useEffect(() => {
    if (state.s === 'download') link.current?.click();
  }, [state]);
  const print = (): void => {
    setState({ s: 'printing' });
    api
      .call('forms.print', { serviceId, forms: forms() })
      .then((r) => {
        if (r.kind === 'download' && r.pdfBase64) {
          const bytes = Uint8Array.from(atob(r.pdfBase64), (c) => c.charCodeAt(0));
          setState({
            s: 'download',
            url: URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' })),
          });
        } else setState({ s: 'printed' });
      })
      .catch((e: { code?: string }) =>
        setState({ s: 'failed', code: e.code ?? 'print-forms-render-failed' }),
      );
  };
  return (
    <div className="print-forms" data-testid="print-forms" data-state={state.s}>
      <button
        type="button"
        className="button button--secondary"
        onClick={print}
        disabled={state.s === 'printing'}
        data-testid="print-forms-button"
      >
        {t('button')}
      </button>
      <p className="hint">{t('hint')}</p>
      <div role="status">
        {state.s === 'printing' && <p className="body">{t('printing')}</p>}
        {state.s === 'printed' && <p className="body">{t('printed')}</p>}
        {state.s === 'download' && (
          <p className="body">
            {t('download')}{' '}
            <a ref={link} href={state.url} download="to-khai.pdf" data-testid="print-forms-download">
              {t('downloadLink')}
            </a>
          </p>
        )}
        {state.s === 'failed' && (
          <p className="body">
            <strong>{OWN_SENTENCE.has(state.code) ? t(state.code, { ns: 'errors' }) : t('failed')}</strong>
          </p>
        )}
      </div>
    </div>
  );
}
