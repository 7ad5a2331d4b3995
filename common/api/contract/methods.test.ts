import { describe, expect, it } from 'vitest';
import { events, methods } from '../contract';
import { methodGroups } from './methods';

describe('the contract split by area', () => {
  it('defines every method in exactly one area, and the table holds them all', () => {
    const seen = new Map<string, string>();
    for (const [area, group] of Object.entries(methodGroups))
      for (const name of Object.keys(group)) {
        expect(seen.get(name), `${name} in ${area} and ${seen.get(name)}`).toBeUndefined();
        seen.set(name, area);
      }
    expect([...seen.keys()].sort()).toEqual(Object.keys(methods).sort());
  });

  it('names methods and events `area.verb` (dots and camelCase)', () => {
    for (const name of [...Object.keys(methods), ...Object.keys(events)])
      expect(name).toMatch(/^[a-z][A-Za-z]*(\.[a-z][A-Za-z]*)+$/);
  });
});
