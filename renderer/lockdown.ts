/**
 * The page's own share of the kiosk lockdown, the same in Chromium and Electron: no context menu (a long
 * press on a touchscreen opens Print / Save as / Inspect in Chromium), no print dialog (receipts are printed
 * by the host), no file picker, no file dropped onto the window opening it.
 */
export function lockDownPage(win: Window = window): void {
  win.addEventListener('contextmenu', (e) => e.preventDefault(), { capture: true });
  win.addEventListener('dragover', (e) => e.preventDefault(), { capture: true });
  win.addEventListener('drop', (e) => e.preventDefault(), { capture: true });
  win.print = () => undefined;
  // No file pickers (File System Access API) either: the kiosk never reads or writes the citizen's files.
  for (const picker of ['showOpenFilePicker', 'showSaveFilePicker', 'showDirectoryPicker']) {
    try {
      Object.defineProperty(win, picker, { value: undefined, configurable: false });
    } catch {
      /* already locked by the browser: nothing to remove */
    }
  }
}
