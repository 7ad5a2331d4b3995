/** The rating screen: five labelled faces and a skip in both languages; its strings complete and NFC. */
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { RatingReason, type KioskApi } from '../../common/api/contract';
import { KioskApiContext } from '../api/KioskApiContext';
import { initI18n } from '../i18n';
import rating from '../i18n/screens/rating.json';
import { RatingScreen } from './RatingScreen';

type Tree = { [k: string]: string | Tree };
function flatten(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : flatten(v, `${prefix}${k}.`),
  );
}

describe('RatingScreen', () => {
  it('has every string in vi and en, NFC, and a label for each reason code', () => {
    const vi = flatten(rating.vi as Tree);
    const en = flatten(rating.en as Tree);
    expect(vi.map(([k]) => k).sort()).toEqual(en.map(([k]) => k).sort());
    for (const [k, v] of [...vi, ...en]) expect(v.normalize('NFC'), k).toBe(v);
    for (const r of RatingReason.options) {
      expect(rating.vi.reasons).toHaveProperty(r);
      expect(rating.en.reasons).toHaveProperty(r);
    }
  });

  it.each(['vi', 'en'] as const)('shows five labelled faces and a skip button (%s)', (lng) => {
    const i18n = initI18n(lng);
    void i18n.changeLanguage(lng);
    const html = renderToStaticMarkup(
      <I18nextProvider i18n={i18n}>
        <KioskApiContext.Provider value={{} as KioskApi}>
          <RatingScreen onDone={() => undefined} />
        </KioskApiContext.Provider>
      </I18nextProvider>,
    );
    const faces = [...html.matchAll(/data-testid="rating-(\d)"/g)].map((m) => m[1]);
    expect(faces).toEqual(['1', '2', '3', '4', '5']);
    for (const s of ['1', '2', '3', '4', '5'])
      expect(html).toContain(rating[lng].faces[s as '1'].replace(/'/g, '&#x27;'));
    expect(html).toContain(rating[lng].title.replace(/'/g, '&#x27;'));
    expect(html).toContain('data-testid="rating-skip"');
  });
});
