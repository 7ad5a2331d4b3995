/** Bundles the Electron main process and the preload into dist/electron/*.cjs with esbuild. */
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
console.log('built dist/electron/main.cjs and dist/electron/preload.cjs');
