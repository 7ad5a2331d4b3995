/**
 * Starting the devices under the configured mode (a step of host/kiosk-services.ts): PC/SC under the reader
 * policy, the serial QR scanner, and — demo mode only — the reader simulator behind an isolated pcscd.
 */
import type { KioskConfig } from '../config/config';
import { readerNamesForUsbIds } from '../devices/ccid-names';
import type { DeviceStatusBoard } from '../devices/device-status';
import { type IsolatedPcscd, startIsolatedPcscd, systemPcscdHasRealReader } from '../devices/isolated-pcscd';
import { readerPolicy } from '../devices/reader-policy';
import { type RunningDevices, startDevices } from '../devices/start-devices';
import { logger } from '../log/logger';

const log = logger('kiosk-services');

/** How devices are started: the real ones by default; tests may substitute. */
export type StartDevicesFn = (
  config: KioskConfig,
  status: DeviceStatusBoard,
  onScan: (payload: string) => void,
  onScanError: (code: string) => void,
) => Promise<RunningDevices | null>;

/**
 * Real devices under the configured mode. Production never runs the simulator and reads only allowed
 * readers. Demo mode runs the simulator behind an isolated pcscd whose vpcd is reachable from this machine
 * only (isolated-pcscd.ts) — unless a real reader is attached (`simulator: "auto"`) or the host was handed
 * a pcscd (PCSCLITE_CSOCK_NAME and devices.vpcdSocketDir: tests).
 */
export const startConfiguredDevices: StartDevicesFn = async (config, status, onScan, onScanError) => {
  if (!config.devices.enabled) return null;
  const demo = config.mode === 'demo';
  let simulator: boolean | 'auto' = demo ? config.devices.simulator : false;
  let vpcdSocketDir = config.devices.vpcdSocketDir;
  let vpcdPort = config.devices.vpcdPort;
  let vpcdBasePort = config.devices.vpcdBasePort;
  let isolated: IsolatedPcscd | null = null;
  if (simulator !== false && !process.env.PCSCLITE_CSOCK_NAME) {
    if (simulator === 'auto' && (await systemPcscdHasRealReader())) simulator = false;
    else {
      try {
        isolated = await startIsolatedPcscd();
        // Before the first PC/SC call of this process: pcsc-lite reads the socket name once.
        process.env.PCSCLITE_CSOCK_NAME = isolated.socketPath;
        vpcdSocketDir = isolated.dir;
        vpcdPort = vpcdBasePort = isolated.basePort;
        simulator = true;
      } catch (e) {
        log.warn(
          { err: e },
          'demo mode without the reader simulator: the simulator runs only behind a pcscd whose virtual reader is unreachable from the network',
        );
        simulator = false;
      }
    }
  } else if (simulator !== false && !vpcdSocketDir)
    log.warn(
      'the reader simulator uses the given pcscd over TCP: its vpcd port may be reachable from the network (tests only)',
    );
  const devices = await startDevices(
    {
      simulator,
      scannerPath: config.devices.scannerPath,
      vpcdPort,
      vpcdBasePort,
      vpcdSocketDir,
      readers: readerPolicy(
        config.mode,
        config.devices.allowedReaders,
        readerNamesForUsbIds(config.devices.allowedUsbIds),
      ),
      // The technician reads this in the host's log; reader names are not personal data.
      onReaderRefused: (_name, reason) => log.warn({ reason }, 'card reader refused'),
    },
    status,
    onScan,
    onScanError,
  ).catch(async (e: unknown) => {
    await isolated?.stop();
    throw e;
  });
  if (!isolated) return devices;
  const own = isolated;
  return {
    ...devices,
    stop: async () => {
      await devices.stop();
      await own.stop();
    },
  };
};
