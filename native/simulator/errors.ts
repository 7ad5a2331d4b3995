/** Typed errors of the simulator: a stable `code` and an English developer message. */
import { CodedError } from '../../common/errors';
export type SimulatorErrorCode =
  | 'simulator.profile-not-found'
  | 'simulator.profile-invalid'
  | 'simulator.pki-missing'
  | 'simulator.fault-invalid'
  | 'simulator.link-invalid'
  | 'simulator.card-removed'
  | 'simulator.apdu-malformed'
  | 'simulator.vpcd-unreachable'
  | 'simulator.scanner-failed'
  | 'simulator.no-qr';

export class SimulatorError extends CodedError<SimulatorErrorCode> {
  override readonly name = 'SimulatorError';
}
