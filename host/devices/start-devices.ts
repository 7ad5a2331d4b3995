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
import { SimulatorError } from '../../native/simulator/errors';
import type { SimulatorControl } from './simulator-control';
import type { DeviceStatusBoard } from './device-status';
import type { PcscLike } from '../identify/identify-service';
import { vpcdSocketPath } from './isolated-pcscd';
import { ensurePcscdRunning, stopStartedPcscd } from './pcscd';
import { filterReaders, type ReaderPolicy } from './reader-policy';

export interface DeviceOptions {
  /** `auto`: the simulator only when no real reader is attached. */
  simulator: boolean | 'auto';
  vpcdPort?: number;
  vpcdBasePort?: number;
  /** The simulator reaches vpcd slot N through `<dir>/vpcd-N.sock` (an isolated pcscd) instead of TCP. */
  vpcdSocketDir?: string | null;
  /** Serial scanner device; `auto` detects a USB-CDC scanner; null: none. Ignored when the simulator runs. */
  scannerPath?: string | 'auto' | null;
  /** Which readers may be read (production: allow-listed, never virtual). Default: all. */
  readers?: ReaderPolicy;
  /** A refused reader, with a sentence for the technician. */
  onReaderRefused?: (readerName: string, reason: string) => void;
}

export interface RunningDevices {
  /** PC/SC as the host may use it: refused readers are invisible. */
  pcsc: PcscLike | null;
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
  const policy = opts.readers ?? { refusal: () => null };
  const onRefused = opts.onReaderRefused ?? (() => undefined);
  const usable = (name: string): boolean => !VIRTUAL.test(name) && policy.refusal(name) === null;
  const daemon = await ensurePcscdRunning();
  if (daemon === 'started') stops.push(() => stopStartedPcscd());
  if (daemon !== 'unavailable') {
    pcsc = new PcscService();
    try {
      const readers = pcsc.listReaders();
      realReaders = readers.filter((r) => usable(r.name)).map((r) => r.name);
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
    const withCard = pcsc?.listReaders().find((r) => r.cardPresent && usable(r.name));
    status.update('reader', {
      state: withCard ? 'card-present' : 'ready',
      name: realReaders[0]!,
      simulated: false,
    });
  }
  if (pcsc && realReaders.length === 0 && !useSimulator)
    // PC/SC works but no reader may be read (none attached, or only refused ones such as a virtual reader).
    status.update('reader', { state: 'no-reader', name: null, simulated: false });
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
    pcsc: pcsc ? filterReaders(pcsc, policy, onRefused) : null,
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
    if (!p) throw new SimulatorError('simulator.profile-not-found', `unknown profile ${id}`);
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
      const vpcdPort = opts.vpcdPort ?? VPCD_DEFAULT_PORT;
      const vpcdBasePort = opts.vpcdBasePort ?? VPCD_DEFAULT_PORT;
      card = await startVirtualCard({
        profile: p,
        faults,
        vpcdPort,
        vpcdBasePort,
        ...(opts.vpcdSocketDir
          ? { vpcdSocket: vpcdSocketPath(opts.vpcdSocketDir, vpcdPort - vpcdBasePort === 1 ? 1 : 0) }
          : {}),
      });
      cardFaults = key;
    },
    async removeCard() {
      await card?.remove();
    },
    async showQr(id) {
      const qr = profile(id).qr;
      if (!qr) throw new SimulatorError('simulator.no-qr', `profile ${id} has no QR`);
      await scanner.scan(qr, { eol: '\r\n' });
    },
    async stop() {
      await card?.stop();
      card = null;
    },
  };
}
