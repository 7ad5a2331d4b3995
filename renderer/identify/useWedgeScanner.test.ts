import { describe, expect, it } from 'vitest';
import { applyDecision, retractTyped, type EditableField } from './useWedgeScanner';

class FakeField implements EditableField {
  events: string[] = [];
  constructor(
    public value: string,
    public selectionStart: number | null = value.length,
    public selectionEnd: number | null = value.length,
  ) {}
  setSelectionRange(start: number, end: number): void {
    this.selectionStart = start;
    this.selectionEnd = end;
  }
  dispatchEvent(event: Event): boolean {
    this.events.push(event.type);
    return true;
  }
}

describe('retractTyped', () => {
  it('removes the leaked scanner keys before the caret and fires input', () => {
    const field = new FakeField('Hà Nội00109');
    expect(retractTyped(field, '00109')).toBe(true);
    expect(field.value).toBe('Hà Nội');
    expect(field.selectionStart).toBe(6);
    expect(field.events).toEqual(['input']);
  });
  it('works with the caret in the middle of the text', () => {
    const field = new FakeField('ab00109cd', 7);
    expect(retractTyped(field, '00109')).toBe(true);
    expect(field.value).toBe('abcd');
    expect(field.selectionStart).toBe(2);
  });
  it('leaves the field alone when the text before the caret is not the leaked keys', () => {
    const field = new FakeField('something else');
    expect(retractTyped(field, '00109')).toBe(false);
    expect(field.value).toBe('something else');
    expect(retractTyped(field, '')).toBe(false);
  });
});

describe('applyDecision', () => {
  const fakeEvent = () => {
    const calls: string[] = [];
    return {
      calls,
      preventDefault: () => calls.push('preventDefault'),
      stopImmediatePropagation: () => calls.push('stop'),
    };
  };
  it('swallows and retracts from the focused field', () => {
    const e = fakeEvent();
    const field = new FakeField('x00109');
    applyDecision({ swallow: true, retract: '00109', scan: null, rejected: null }, e, field);
    expect(e.calls).toEqual(['preventDefault', 'stop']);
    expect(field.value).toBe('x');
  });
  it('lets a normal key through untouched', () => {
    const e = fakeEvent();
    const field = new FakeField('abc');
    applyDecision({ swallow: false, retract: '', scan: null, rejected: null }, e, field);
    expect(e.calls).toEqual([]);
    expect(field.value).toBe('abc');
  });
  it('does not touch non-text or read-only elements', () => {
    const e = fakeEvent();
    const checkbox = Object.assign(new FakeField('on', null, null), {});
    applyDecision({ swallow: true, retract: 'on', scan: null, rejected: null }, e, checkbox);
    expect(checkbox.value).toBe('on');
    const readOnly = Object.assign(new FakeField('ab00109'), { readOnly: true });
    applyDecision({ swallow: true, retract: '00109', scan: null, rejected: null }, e, readOnly);
    expect(readOnly.value).toBe('ab00109');
  });
});
