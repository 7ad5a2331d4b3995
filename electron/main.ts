/** Electron entry: hands the real Electron module to the kiosk app. Bundled to dist/electron/main.cjs. */
import path from 'node:path';
import electron from 'electron';
import { loadConfig } from '../host/config/config';
import { logger } from '../host/log/logger';
import { startKioskApp, type ElectronLike } from './kiosk-app';

const here = __dirname;
// SIGTERM/SIGINT (npm start stopping, systemd) quit through `will-quit`, which stops every service first.
process.once('SIGTERM', () => electron.app.quit());
process.once('SIGINT', () => electron.app.quit());
void startKioskApp(electron as unknown as ElectronLike, {
  config: loadConfig(),
  rendererIndex: path.join(here, '..', 'renderer', 'index.html'),
  preloadPath: path.join(here, 'preload.cjs'),
}).catch((e: unknown) => {
  logger('electron').fatal({ err: e }, 'kiosk failed to start');
  electron.app.exit(1);
});
