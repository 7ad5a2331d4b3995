/**
 * Every residence on every form is a two-level address, and every address the card can fill holds one after
 * prefill, for every fictional citizen (fixtures/citizens): today's province and commune, or, for a commune
 * that was split, today's province and the candidate communes the citizen chooses from.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { communeByCodeOrNull, remapOldAddress } from './admin-units';
import { flattenFields, loadCatalogue } from './index';
import type { Field, PrefillRule } from '../common/catalogue/schema';

const dir = fileURLToPath(new URL('../fixtures/citizens/', import.meta.url));
const citizens = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(dir + f, 'utf8')) as Record<string, unknown> & { id: string });

const RESIDENCE = /cư trú|thường trú|tạm trú|chỗ ở|địa chỉ|nơi đến|nơi ở/i;

function rulesOf(field: Field): PrefillRule[] {
  if (!field.prefill) return [];
  return typeof field.prefill === 'string' ? [{ from: field.prefill }] : field.prefill;
}

describe('addresses everywhere', () => {
  const forms = loadCatalogue().forms;

  it('asks every residence as a two-level address (no free-text residences)', () => {
    const text = forms.flatMap((f) =>
      flattenFields(f)
        .filter((x) => x.type === 'text' && RESIDENCE.test(x.label.vi))
        .map((x) => `${f.id}.${x.id}`),
    );
    expect(text).toEqual([]);
  });

  it('fills every address the card can give with today’s units, for every fictional citizen', () => {
    let filled = 0;
    let split = 0;
    for (const form of forms)
      for (const field of flattenFields(form).filter((f) => f.type === 'address'))
        for (const rule of rulesOf(field)) {
          if (!rule.from?.startsWith('identity.')) continue;
          for (const citizen of citizens) {
            const text = citizen[rule.from.slice('identity.'.length)];
            if (typeof text !== 'string') continue;
            const where = `${form.id}.${field.id} × ${citizen.id}`;
            // the field gets the card's text (renderer/forms/form-values) and remaps it (places.remap)
            const r = remapOldAddress(text);
            if (r.status === 'unique') {
              expect(communeByCodeOrNull(r.unit.code)?.provinceCode, where).toBe(r.unit.provinceCode);
              filled++;
              continue;
            }
            // not unique: only a commune split between new communes of one province may leave the choice open
            expect(r.status, where).toBe('ambiguous');
            if (r.status === 'ambiguous')
              expect(new Set(r.candidates.map((c) => c.provinceCode)).size, where).toBe(1);
            split++;
          }
        }
    expect(filled).toBeGreaterThan(30);
    expect(split).toBeGreaterThan(0); // the can-cuoc-2024 card: Phường Lạch Tray was split
  });
});
