/** Typed errors of the simulator: a stable `code` and an English developer message. */
export type SimulatorErrorCode =
  | 'simulator.profile-not-found'
  | 'simulator.profile-invalid'
  | 'simulator.pki-missing'
  | 'simulator.fault-invalid'
  | 'simulator.link-invalid'
  | 'simulator.card-removed'
  | 'simulator.apdu-malformed'
  | 'simulator.vpcd-unreachable'
  | 'simulator.scanner-failed';

export class SimulatorError extends Error {
  readonly code: SimulatorErrorCode;
  constructor(code: SimulatorErrorCode, message: string) {
    super(message);
    this.name = 'SimulatorError';
    this.code = code;
  }
}
