import { describe, expect, it } from 'vitest';
import { lockDownPage } from './lockdown';

/** A stand-in window: just what lockDownPage touches. */
function fakeWindow() {
  const listeners = new Map<string, (e: { preventDefault(): void }) => void>();
  const win = {
    addEventListener: (type: string, l: (e: { preventDefault(): void }) => void) => listeners.set(type, l),
    print: () => 'dialog',
    showOpenFilePicker: () => 'picker',
  };
  return {
    win,
    fire: (type: string) => {
      let prevented = false;
      listeners.get(type)?.({ preventDefault: () => (prevented = true) });
      return prevented;
    },
  };
}

describe('page lockdown', () => {
  it('swallows the context menu (long press) and file drops, and disables print and file pickers', () => {
    const { win, fire } = fakeWindow();
    lockDownPage(win as unknown as Window);
    expect(fire('contextmenu')).toBe(true);
    expect(fire('drop')).toBe(true);
    expect(fire('dragover')).toBe(true);
    expect(win.print()).toBeUndefined();
    expect((win as { showOpenFilePicker?: unknown }).showOpenFilePicker).toBeUndefined();
    expect((win as { showSaveFilePicker?: unknown }).showSaveFilePicker).toBeUndefined();
  });
});
