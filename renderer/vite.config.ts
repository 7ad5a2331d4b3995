import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { withMetaCsp } from '../common/csp';

/** The built index.html carries the CSP itself: Electron loads it from file://, where no header can. */
const metaCsp: Plugin = {
  name: 'kiosk-meta-csp',
  apply: 'build',
  transformIndexHtml: (html) => withMetaCsp(html),
};

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: './',
  plugins: [react(), metaCsp],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    target: 'chrome120',
    chunkSizeWarningLimit: 2000,
  },
  server: { host: '127.0.0.1' },
});
