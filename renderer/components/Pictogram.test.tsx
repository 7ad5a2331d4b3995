import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Category } from '../../common/catalogue/schema';
import { CATEGORY_LABELS } from '../../catalogue/search';
import { loadCatalogue } from '../../catalogue';
import { Pictogram, PICTOGRAM_CATEGORIES } from './Pictogram';

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
});
