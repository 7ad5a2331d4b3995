/**
 * The one place the host finds its data files (the CSCA trust folder, the package's version, the face worker):
 * - `KIOSK_RESOURCES` when set (a packaged kiosk's launcher may set it; tests do);
 * - else the folder above the running code's own folder. In the source tree this file is
 *   `<repo>/native/resources/resource-root.ts`, so the root is the repository; in the Debian package the bundled
 *   host is `<prefix>/host/kiosk-host.mjs` and the root is the install prefix `/usr/lib/vn-public-service-kiosk`,
 *   whose layout mirrors the repository's for the files it ships (`native/emrtd/trust/`, `dist/renderer/`, …).
 *   A bundle defines `KIOSK_BUNDLE_DEPTH`, how many folders below the root it sits: 1 for the package's
 *   `host/*.mjs` (scripts/dist/bundle.ts), 2 for Electron's `dist/electron/main.cjs` (scripts/build-electron.ts).
 * Never a source-file URL written into a bundle: a packaged kiosk has no source tree.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

declare const KIOSK_BUNDLE_DEPTH: number | undefined;

/** The resource root for code at `moduleUrl` (its import.meta.url) — exported for tests. */
export function resourceRootFor(moduleUrl: string, env: NodeJS.ProcessEnv, bundleDepth?: number): string {
  if (env.KIOSK_RESOURCES) return path.resolve(env.KIOSK_RESOURCES);
  const here = path.dirname(fileURLToPath(moduleUrl));
  return path.resolve(here, ...Array<string>(bundleDepth ?? 2).fill('..'));
}

/** The absolute path of a resource given as a repository-relative path, e.g. `native/emrtd/trust`. */
export function resourcePath(...relative: string[]): string {
  // Bundled (the package's ESM bundle, the Electron CommonJS bundle): the bundle file's own place, whatever a
  // bundler wrote for import.meta.url.
  if (typeof KIOSK_BUNDLE_DEPTH === 'number')
    return path.join(
      resourceRootFor(pathToFileURL(__filename).href, process.env, KIOSK_BUNDLE_DEPTH),
      ...relative,
    );
  return path.join(resourceRootFor(import.meta.url, process.env), ...relative);
}
