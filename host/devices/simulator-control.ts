import type { SimulatorProfile } from '../../common/api/contract';

/** What the kiosk's demo mode and technician screen can ask of the reader simulator. */
export interface SimulatorControl {
  profiles(): SimulatorProfile[];
  insertCard(profileId: string, faults: string[]): Promise<void>;
  removeCard(): Promise<void>;
  showQr(profileId: string): Promise<void>;
}
