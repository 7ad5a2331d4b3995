/**
 * Bundles the Electron main process, the preload and the face worker into dist/electron/*.cjs with esbuild.
 * The kiosk's data (the CSCA trust folder, package.json) is found through native/resources/resource-root.ts
 * from the bundle's own place (KIOSK_BUNDLE_DEPTH = 2: dist/electron/ → the app root, the repository or the
 * packaged app.asar), and production refuses the test CSCA by its hashes (KIOSK_TEST_CSCA_SHA256), so a packaged
 * app needs no source tree. Other `import.meta.url` uses (demo mode only: the simulator, the mock portal) still
 * get each source file's own URL, so `npm start` in demo mode works from a clone.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { testCscaHashes } from './dist/bundle';

const importMetaUrl: Plugin = {
  name: 'import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.(ts|tsx|mts|js|mjs)$/ }, async (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.')) return undefined;
      const contents = text
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
        .replaceAll('import.meta.dirname', JSON.stringify(path.dirname(args.path)))
        .replaceAll('import.meta.filename', JSON.stringify(args.path));
      const ext = path.extname(args.path).slice(1);
      return { contents, loader: ext === 'tsx' ? 'tsx' : ext === 'mts' || ext === 'ts' ? 'ts' : 'js' };
    });
  },
};

const common = {
  bundle: true,
  platform: 'node' as const,
  format: 'cjs' as const,
  target: 'node20',
  sourcemap: false,
  logLevel: 'warning' as const,
  external: ['electron', 'better-sqlite3', 'smartcard', 'serialport', '@serialport/*', 'pdfkit'],
  plugins: [importMetaUrl],
  define: {
    KIOSK_BUNDLE_DEPTH: '2',
    KIOSK_TEST_CSCA_SHA256: JSON.stringify(testCscaHashes(process.cwd())),
  },
};

await build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.cjs' });
await build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs' });
// The face worker (JPEG / JPEG 2000 decoding off the main thread) is its own entry, found beside main.cjs;
// the OpenJPEG WebAssembly package stays in node_modules (its .wasm is read at run time).
await build({
  ...common,
  external: [...common.external, '@cornerstonejs/codec-openjpeg'],
  entryPoints: ['native/face/face-worker.ts'],
  outfile: 'dist/electron/face-worker.cjs',
});
console.log('built dist/electron/main.cjs, dist/electron/preload.cjs and dist/electron/face-worker.cjs');
