/**
 * Demo mode only: the reader simulator's methods and the simulated bank transfer. Production does not register
 * them at all (they answer `unknown-method`); the simulator itself is stubbed out of the package
 * (scripts/dist/bundle.ts DEMO_STUBS), this file only talks to it through SimulatorControl.
 */
import { KioskApiError } from '../../common/api/contract';
import type { Handlers, SimulatorMethod } from '../api/kiosk-host';
import type { SimulatorControl } from '../devices/simulator-control';
import type { PaymentService } from '../dossier/payment-service';

export function simulatorHandlers(
  simulator: SimulatorControl | null,
  payments: () => PaymentService,
): Pick<Handlers, SimulatorMethod> {
  const requireSimulator = (): SimulatorControl => {
    if (!simulator) throw new KioskApiError('not-available', 'The reader simulator is not running');
    return simulator;
  };
  return {
    'simulator.profiles': () => requireSimulator().profiles(),
    'simulator.insertCard': async ({ profileId, faults }) => {
      await requireSimulator().insertCard(profileId, faults ?? []);
      return { inserted: true };
    },
    'simulator.removeCard': async () => {
      await requireSimulator().removeCard();
      return { removed: true };
    },
    'simulator.showQr': async ({ profileId }) => {
      await requireSimulator().showQr(profileId);
      return { shown: true };
    },
    'simulator.bankTransfer': ({ localRef }) => {
      if (!simulator) throw new KioskApiError('not-available', 'Demo mode only');
      return payments().simulateBankTransfer(localRef);
    },
  };
}
