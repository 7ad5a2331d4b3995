/** "In tờ khai để ký": the button and its hint in both languages, from the `printForms` namespace. */
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { KioskApi } from '../../common/api/contract';
import { KioskApiContext } from '../api/KioskApiContext';
import { initI18n } from '../i18n';
import printForms from '../i18n/screens/print-forms.json';
import { PrintFormsButton } from './PrintFormsButton';

describe('PrintFormsButton', () => {
  it.each(['vi', 'en'] as const)('shows the print button and who it is for (%s)', (lng) => {
    const i18n = initI18n(lng);
    void i18n.changeLanguage(lng);
    const html = renderToStaticMarkup(
      <I18nextProvider i18n={i18n}>
        <KioskApiContext.Provider value={{} as KioskApi}>
          <PrintFormsButton serviceId="residence-confirmation" forms={() => []} />
        </KioskApiContext.Provider>
      </I18nextProvider>,
    );
    expect(html).toContain('data-testid="print-forms-button"');
    expect(html).toContain(printForms[lng].button);
    expect(html).toContain('data-state="idle"');
  });

  it('reads "In tờ khai để ký" in Vietnamese', () => {
    expect(printForms.vi.button).toBe('In tờ khai để ký');
  });
});
