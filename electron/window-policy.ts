/**
 * The kiosk window's security policy, as plain data and pure functions (no Electron import), so it
 * is unit-tested under Node. Applied by electron/main.ts.
 */

export const KIOSK_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  spellcheck: false,
  devTools: false,
  backgroundThrottling: false,
  autoplayPolicy: 'no-user-gesture-required',
} as const;

/** Only the camera (QR scanning) may be granted; everything else (geolocation, notifications, mic…) is denied. */
export function isPermissionAllowed(permission: string, details: { mediaTypes?: string[] } = {}): boolean {
  if (permission !== 'media') return false;
  const types = details.mediaTypes ?? [];
  return types.length > 0 && types.every((t) => t === 'video');
}

/** The window may only show the renderer it was opened on: any other navigation is blocked. */
export function isNavigationAllowed(target: string, rendererUrl: string): boolean {
  try {
    const t = new URL(target);
    const r = new URL(rendererUrl);
    if (t.protocol !== r.protocol) return false;
    if (t.protocol === 'file:') return t.pathname === r.pathname;
    return t.origin === r.origin;
  } catch {
    return false;
  }
}

/** Command-line switches for a public kiosk (applied before `ready`). */
export const KIOSK_SWITCHES: ReadonlyArray<readonly [string, string?]> = [
  ['disable-pinch'],
  ['overscroll-history-navigation', '0'],
  ['disable-features', 'TranslateUI,Translate,HardwareMediaKeyHandling'],
  ['autoplay-policy', 'no-user-gesture-required'],
];

/** Keys that could leave the kiosk or open tools; swallowed in production. */
export function isBlockedShortcut(input: {
  key: string;
  control?: boolean;
  alt?: boolean;
  meta?: boolean;
  shift?: boolean;
}): boolean {
  const k = input.key.toLowerCase();
  if (k === 'f11' || k === 'f12' || k === 'f5') return true;
  if (input.alt && (k === 'f4' || k === 'arrowleft' || k === 'arrowright')) return true;
  if (
    (input.control || input.meta) &&
    ['r', 'w', 'q', 'n', 't', 'p', 's', 'o', 'u', '+', '-', '=', '0'].includes(k)
  )
    return true;
  if ((input.control || input.meta) && input.shift && ['i', 'j', 'c'].includes(k)) return true;
  return false;
}
