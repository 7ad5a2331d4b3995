import { KioskApiError } from '../../common/api/contract';
import type { Handlers } from '../api/kiosk-host';
import type { KioskConfig } from '../config/config';
import type { PrinterService } from '../printer';
import type { SessionManager } from '../session/session-manager';
import type { AgencyEndpoint } from './endpoints';
import { AgencyReceiptPrinter } from './receipt-pdf';
import { HttpTrafficFineAdapter } from './traffic-fines/http-adapter';
import { TrafficFineService } from './traffic-fines/service';
import { HttpVehicleRegistrationAdapter } from './vehicle-registration/http-adapter';
import { VehicleRegistrationService } from './vehicle-registration/service';

type AgencyMethod = Extract<keyof Handlers, `fines.${string}` | `vehicle.${string}`>;

/**
 * KioskApi handlers of the agency services. An agency without an endpoint (production with no URL
 * configured) answers `agency-not-configured`: the screen says the service is not offered here today.
 */
export function createAgencyHandlers(o: {
  config: KioskConfig;
  sessions: SessionManager;
  printer: PrinterService | null;
  agencies: ReadonlyMap<string, AgencyEndpoint>;
}): { handlers: Pick<Handlers, AgencyMethod>; demo: Partial<Handlers> } {
  const receipts = new AgencyReceiptPrinter(o.printer, o.sessions);
  const fineEp = o.agencies.get('traffic-fines');
  const fines = fineEp
    ? new TrafficFineService({
        adapter: new HttpTrafficFineAdapter({ baseUrl: fineEp.url, timeoutMs: fineEp.timeoutMs }),
        sessions: o.sessions,
        receipts,
        demoBank: fineEp.mock
          ? async (reference) => {
              await fineEp.mock?.admin('pay', { reference });
            }
          : null,
      })
    : null;
  const vehEp = o.agencies.get('vehicle-registration');
  const vehicle = vehEp
    ? new VehicleRegistrationService({
        adapter: new HttpVehicleRegistrationAdapter({ baseUrl: vehEp.url, timeoutMs: vehEp.timeoutMs }),
        sessions: o.sessions,
        receipts,
        kioskCommuneCode: o.config.kioskCommuneCode,
      })
    : null;
  const needFines = (): TrafficFineService => {
    if (!fines) throw new KioskApiError('agency-not-configured', 'traffic-fines has no URL');
    return fines;
  };
  const needVehicle = (): VehicleRegistrationService => {
    if (!vehicle) throw new KioskApiError('agency-not-configured', 'vehicle-registration has no URL');
    return vehicle;
  };
  return {
    handlers: {
      'fines.lookup': ({ by, text }) => needFines().lookup(by, text),
      'fines.pay': ({ violationIds }) => needFines().pay(violationIds),
      'fines.check': ({ reference }) => needFines().check(reference),
      'fines.cancel': ({ reference }) => needFines().cancel(reference),
      'fines.print': ({ reference }) => needFines().print(reference),
      'vehicle.start': () => needVehicle().start(),
      'vehicle.declare': ({ vehicle: v, slotId }) => needVehicle().declare(v, slotId),
      'vehicle.print': ({ code }) => needVehicle().print(code),
    },
    demo:
      o.config.mode === 'demo'
        ? { 'simulator.finesBankTransfer': ({ reference }) => needFines().demoPay(reference) }
        : {},
  };
}
