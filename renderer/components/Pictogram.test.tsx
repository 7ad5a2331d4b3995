import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Category } from '../../common/catalogue/schema';
import { CATEGORY_LABELS } from '../../catalogue/search';
import { loadCatalogue } from '../../catalogue';
import { Pictogram, PICTOGRAM_CATEGORIES, PictogramImages } from './Pictogram';

describe('category pictograms', () => {
  it('every catalogue category has a tile label in both languages and a pictogram', () => {
    for (const c of Category.options) {
      expect(CATEGORY_LABELS[c].vi.length, c).toBeGreaterThan(0);
      expect(CATEGORY_LABELS[c].en.length, c).toBeGreaterThan(0);
      expect(PICTOGRAM_CATEGORIES, c).toContain(c);
    }
  });

  it('every service has a category, so the category tiles reach every service', () => {
    const services = loadCatalogue().services;
    expect(services.length).toBeGreaterThan(0);
    for (const s of services) expect(Category.options, s.id).toContain(s.category);
  });

  it('draws an inline, decorative SVG in the current colour (nothing for an unknown category)', () => {
    const svg = renderToStaticMarkup(createElement(Pictogram, { category: 'residence' }));
    expect(svg).toMatch(/^<svg [^>]*aria-hidden="true"/);
    expect(svg).toContain('stroke="currentColor"');
    expect(svg).not.toMatch(/href|url\(/);
    expect(renderToStaticMarkup(createElement(Pictogram, { category: 'nope' }))).toBe('');
  });

  it('shows a configured image instead: by service id first, then by category id, same size, decorative', () => {
    const house = 'data:image/svg+xml;base64,PHN2Zy8+';
    const card = 'data:image/png;base64,iVBORw0KGgo=';
    const images = { residence: house, 'id-card-renewal': card };
    const render = (props: { category: string; service?: string; size?: number }) =>
      renderToStaticMarkup(
        createElement(PictogramImages.Provider, { value: images }, createElement(Pictogram, props)),
      );
    const img = (src: string, key: string, size = 64) =>
      `<img class="pictogram pictogram--image" src="${src}" alt="" width="${size}" height="${size}" ` +
      `data-pictogram="${key}" data-pictogram-source="configured"/>`;
    expect(render({ category: 'residence' })).toBe(img(house, 'residence'));
    expect(render({ category: 'residence', service: 'permanent-residence' })).toBe(img(house, 'residence'));
    expect(render({ category: 'identity', service: 'id-card-renewal', size: 48 })).toBe(
      img(card, 'id-card-renewal', 48),
    );
    // Not configured: the built-in drawing, exactly as without the map.
    const plain = renderToStaticMarkup(createElement(Pictogram, { category: 'travel', service: 'passport' }));
    expect(render({ category: 'travel', service: 'passport' })).toBe(plain);
    expect(plain).toMatch(/^<svg [^>]*data-pictogram="travel"/);
    // Inherited object keys are not images.
    expect(render({ category: 'nope', service: 'toString' })).toBe('');
  });
});
