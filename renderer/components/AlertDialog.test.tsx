/** The one modal dialog: its ARIA wiring, and the dialogs built on it keeping their names, roles and ids. */
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { initI18n } from '../i18n';
import en from '../i18n/locales/en.json';
import vi from '../i18n/locales/vi.json';
import { AlertDialog } from './AlertDialog';
import { ConfirmStop } from './ConfirmStop';
import { TimeoutWarning } from './TimeoutWarning';

const parse = (html: string): { role: string | null; attrs: Record<string, string> } => {
  const m = /<div class="modal"([^>]*)>/.exec(html);
  const attrs = Object.fromEntries(
    [...(m?.[1] ?? '').matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!]),
  );
  return { role: attrs.role ?? null, attrs };
};

describe('AlertDialog', () => {
  it('is a modal alertdialog over a backdrop, labelled by its title and described by its lead', () => {
    const html = renderToStaticMarkup(
      <AlertDialog id="x" testId="x-dialog" title="Tiêu đề" body="Nội dung" actions={<button>Có</button>} />,
    );
    expect(html.startsWith('<div class="modal-backdrop">')).toBe(true);
    const { role, attrs } = parse(html);
    expect(role).toBe('alertdialog');
    expect(attrs).toMatchObject({
      'aria-modal': 'true',
      'aria-labelledby': 'x-title',
      'aria-describedby': 'x-body',
      'data-testid': 'x-dialog',
    });
    expect(html).toContain('<h2 id="x-title" class="heading-l">Tiêu đề</h2>');
    expect(html).toContain('<p id="x-body" class="lead">Nội dung</p>');
    expect(html).toContain('<div class="button-group"><button>Có</button></div>');
  });

  it('without a lead it has no description; a dialog role, data attributes and a focusable title on request', () => {
    const html = renderToStaticMarkup(
      <AlertDialog
        id="y"
        role="dialog"
        testId="y"
        title="T"
        initialFocus="title"
        data={{ 'data-outcome': 'ok' }}
      />,
    );
    const { role, attrs } = parse(html);
    expect(role).toBe('dialog');
    expect(attrs['aria-describedby']).toBeUndefined();
    expect(attrs['data-outcome']).toBe('ok');
    expect(html).toContain('<h2 id="y-title" class="heading-l" tabindex="-1">T</h2>');
    expect(html).not.toContain('class="lead"');
    expect(html).not.toContain('button-group');
  });

  it.each([
    ['vi', vi],
    ['en', en],
  ] as const)('ConfirmStop and TimeoutWarning keep their texts and ids (%s)', (lng, text) => {
    const i18n = initI18n(lng);
    void i18n.changeLanguage(lng);
    const stop = renderToStaticMarkup(
      <I18nextProvider i18n={i18n}>
        <ConfirmStop onStop={() => undefined} onContinue={() => undefined} />
      </I18nextProvider>,
    );
    expect(parse(stop).attrs).toMatchObject({
      role: 'alertdialog',
      'aria-labelledby': 'stop-title',
      'aria-describedby': 'stop-body',
      'data-testid': 'confirm-stop',
    });
    expect(stop).toContain(`>${text.ending.stopTitle}</h2>`);
    expect(stop).toContain(`>${text.ending.stopNo}</button>`);
    expect(stop).toContain(`>${text.ending.stopYes}</button>`);

    const timeout = renderToStaticMarkup(
      <I18nextProvider i18n={i18n}>
        <TimeoutWarning secondsLeft={30} onExtend={() => undefined} />
      </I18nextProvider>,
    );
    expect(parse(timeout).attrs).toMatchObject({ 'aria-describedby': 'timeout-body' });
    expect(timeout).toContain(
      '<p id="timeout-body" class="lead" aria-live="polite" data-speech-once="true">',
    );
    expect(timeout).toContain(`>${text.timeout.extend}</button>`);
  });
});
