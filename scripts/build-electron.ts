/** Bundles the Electron main process, the preload and the face worker into dist/electron/*.cjs with esbuild. */
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node' as const,
  format: 'cjs' as const,
  target: 'node20',
  sourcemap: false,
  logLevel: 'warning' as const,
  external: ['electron', 'better-sqlite3', 'smartcard', 'serialport', '@serialport/*', 'pdfkit'],
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
