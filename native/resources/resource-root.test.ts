import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { resourcePath, resourceRootFor } from './resource-root';

describe('resource root', () => {
  it('is the repository in the source tree: the bundled CSCA is found there', () => {
    expect(existsSync(resourcePath('native', 'emrtd', 'trust', 'csca-vietnam-2021.pem'))).toBe(true);
    expect(existsSync(resourcePath('package.json'))).toBe(true);
  });

  it('is the install prefix for a bundle in <prefix>/host/ (depth 1) and the app root for dist/electron/ (depth 2)', () => {
    const pkg = pathToFileURL('/usr/lib/vn-public-service-kiosk/host/kiosk-host.mjs').href;
    expect(resourceRootFor(pkg, {}, 1)).toBe('/usr/lib/vn-public-service-kiosk');
    const electron = pathToFileURL('/opt/app/resources/app.asar/dist/electron/main.cjs').href;
    expect(resourceRootFor(electron, {}, 2)).toBe('/opt/app/resources/app.asar');
  });

  it('KIOSK_RESOURCES wins', () => {
    const url = pathToFileURL('/x/host/kiosk-host.mjs').href;
    expect(resourceRootFor(url, { KIOSK_RESOURCES: '/srv/kiosk/' }, 1)).toBe(path.resolve('/srv/kiosk'));
  });
});
