import { describe, expect, it } from 'vitest';
import {
  isBlockedShortcut,
  isNavigationAllowed,
  isPermissionAllowed,
  KIOSK_WEB_PREFERENCES,
} from './window-policy';

describe('kiosk window policy', () => {
  it('isolates the renderer', () => {
    expect(KIOSK_WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
    });
  });
  it('grants only the camera', () => {
    expect(isPermissionAllowed('media', { mediaTypes: ['video'] })).toBe(true);
    expect(isPermissionAllowed('media', { mediaTypes: ['audio'] })).toBe(false);
    expect(isPermissionAllowed('media', { mediaTypes: ['video', 'audio'] })).toBe(false);
    for (const p of [
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
      'midi',
      'hid',
      'serial',
    ]) {
      expect(isPermissionAllowed(p)).toBe(false);
    }
  });
  it('allows navigation only within the renderer', () => {
    const r = 'file:///opt/kiosk/renderer/index.html';
    expect(isNavigationAllowed('file:///opt/kiosk/renderer/index.html#x', r)).toBe(true);
    expect(isNavigationAllowed('file:///etc/passwd', r)).toBe(false);
    expect(isNavigationAllowed('https://example.com/', r)).toBe(false);
    expect(isNavigationAllowed('not a url', r)).toBe(false);
    expect(isNavigationAllowed('http://127.0.0.1:5000/x', 'http://127.0.0.1:5000/')).toBe(true);
    expect(isNavigationAllowed('http://127.0.0.1:5001/x', 'http://127.0.0.1:5000/')).toBe(false);
  });
  it('blocks escape shortcuts', () => {
    expect(isBlockedShortcut({ key: 'F12' })).toBe(true);
    expect(isBlockedShortcut({ key: 'r', control: true })).toBe(true);
    expect(isBlockedShortcut({ key: 'I', control: true, shift: true })).toBe(true);
    expect(isBlockedShortcut({ key: 'F4', alt: true })).toBe(true);
    expect(isBlockedShortcut({ key: 'a' })).toBe(false);
    expect(isBlockedShortcut({ key: 'Enter' })).toBe(false);
  });
});
