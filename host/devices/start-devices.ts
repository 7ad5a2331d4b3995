/**
 * Starts the kiosk's devices for the host: PC/SC (real readers, or the reader simulator behind pcscd's
 * vpcd driver when none is attached), and the QR scanner on a serial port (the simulator's virtual
 * scanner in demo mode). Reports everything on the status board.
 */
import type { SimulatorProfile } from '../../common/api/contract';
import { PcscService } from '../../native/pcsc/pcsc-service';
import { SerialScanner } from '../../native/qr/serial-scanner';
import {
  type CitizenProfile,
  listProfiles,
  startVirtualCard,
  startVirtualScanner,
  type VirtualCard,
  type VirtualScanner,
  VPCD_DEFAULT_PORT,
} from '../../native/simulator';
import type { SimulatorControl } from '../create-host';
import type { DeviceStatusBoard } from './device-status';
import { ensurePcscdRunning } from './pcscd';

export interface DeviceOptions {
  /** `auto`: the simulator only when no real reader is attached. */
  simulator: boolean | 'auto';
  vpcdPort?: number;
  vpcdBasePort?: number;
  /** Serial scanner device; `auto` detects a USB-CDC scanner; null: none. Ignored when the simulator runs. */
  scannerPath?: string | 'auto' | null;
}

export interface RunningDevices {
  pcsc: PcscService | null;
  simulator: SimulatorControl | null;
  scanner: SerialScanner | null;
  stop(): Promise<void>;
}

const VIRTUAL = /^Virtual PCD/;

export async function startDevices(
  opts: DeviceOptions,
  status: DeviceStatusBoard,
  onScan: (payload: string) => void,
  onScanError: (code: string) => void,
): Promise<RunningDevices> {
  const stops: (() => Promise<void> | void)[] = [];
  let pcsc: PcscService | null = null;
  let realReaders: string[] = [];
  const daemon = await ensurePcscdRunning();
  if (daemon !== 'unavailable') {
    pcsc = new PcscService();
    try {
      const readers = pcsc.listReaders();
      realReaders = readers.filter((r) => !VIRTUAL.test(r.name)).map((r) => r.name);
      pcsc.start();
      stops.push(() => pcsc?.close());
    } catch {
      status.update('reader', { state: 'no-service', name: null });
      pcsc = null;
    }
  } else status.update('reader', { state: 'no-service', name: null });

  const useSimulator =
    opts.simulator === true || (opts.simulator === 'auto' && realReaders.length === 0 && pcsc !== null);
  let simulator: SimulatorControl | null = null;
  let scannerPath: string | null = null;
  if (realReaders.length > 0) {
    const withCard = pcsc?.listReaders().find((r) => r.cardPresent && !VIRTUAL.test(r.name));
    status.update('reader', {
      state: withCard ? 'card-present' : 'ready',
      name: realReaders[0]!,
      simulated: false,
    });
  }
  if (useSimulator && pcsc) {
    const virtualScanner = await startVirtualScanner();
    stops.push(() => virtualScanner.stop());
    scannerPath = virtualScanner.path;
    simulator = createSimulatorControl(virtualScanner, opts);
    stops.push(() => (simulator as ReturnType<typeof createSimulatorControl>).stop());
    if (realReaders.length === 0)
      status.update('reader', { state: 'ready', name: 'Virtual PCD 00 00', simulated: true });
  } else if (opts.scannerPath && opts.scannerPath !== 'auto') scannerPath = opts.scannerPath;

  let scanner: SerialScanner | null = null;
  if (scannerPath || opts.scannerPath === 'auto') {
    scanner = new SerialScanner(scannerPath ? { path: scannerPath, duplicateWindowMs: 1500 } : {});
    scanner.on('scan', onScan);
    scanner.on('error', (e) => onScanError(e.code));
    scanner.on('status', (s) =>
      status.update('scanner', {
        state: s,
        path: scanner?.path ?? scannerPath,
        simulated: Boolean(simulator),
      }),
    );
    scanner.start();
    stops.push(() => scanner?.stop());
  }

  return {
    pcsc,
    simulator,
    scanner,
    stop: async () => {
      for (const s of stops.reverse()) await s();
    },
  };
}

/** What the demo mode and the technician can do with the simulator: insert or remove a card, show a QR. */
function createSimulatorControl(
  scanner: VirtualScanner,
  opts: DeviceOptions,
): SimulatorControl & { stop(): Promise<void> } {
  let card: VirtualCard | null = null;
  let cardFaults = '';
  const profile = (id: string): CitizenProfile => {
    const p = listProfiles().find((x) => x.id === id);
    if (!p) throw Object.assign(new Error(`unknown profile ${id}`), { code: 'simulator-unknown-profile' });
    return p;
  };
  return {
    profiles: (): SimulatorProfile[] =>
      listProfiles().map((p) => ({ id: p.id, label: `${p.fullName} (${p.cardType})`, cardType: p.cardType })),
    async insertCard(id, faults) {
      const p = profile(id);
      const key = faults.join(',');
      if (card && key === cardFaults) return card.insert(p);
      await card?.stop();
      card = await startVirtualCard({
        profile: p,
        faults,
        vpcdPort: opts.vpcdPort ?? VPCD_DEFAULT_PORT,
        vpcdBasePort: opts.vpcdBasePort ?? VPCD_DEFAULT_PORT,
      });
      cardFaults = key;
    },
    async removeCard() {
      await card?.remove();
    },
    async showQr(id) {
      const qr = profile(id).qr;
      if (!qr) throw Object.assign(new Error(`profile ${id} has no QR`), { code: 'simulator-no-qr' });
      await scanner.scan(qr, { eol: '\r\n' });
    },
    async stop() {
      await card?.stop();
      card = null;
    },
  };
}
