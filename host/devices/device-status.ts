/** The host's picture of its devices, as the status strip shows it. Providers update parts of it. */
import { EventEmitter } from 'node:events';
import type { DeviceStatus } from '../../common/api/contract';

export const INITIAL_STATUS: DeviceStatus = {
  reader: { state: 'no-service', name: null, simulated: false },
  scanner: { state: 'none', path: null, simulated: false },
  portal: { state: 'unknown', queued: 0, mock: false },
  printer: { state: 'file' },
};

export class DeviceStatusBoard {
  private status: DeviceStatus = structuredClone(INITIAL_STATUS);
  private readonly emitter = new EventEmitter();

  get(): DeviceStatus {
    return structuredClone(this.status);
  }

  update<K extends keyof DeviceStatus>(part: K, value: Partial<DeviceStatus[K]>): void {
    const next = { ...this.status[part], ...value };
    if (JSON.stringify(next) === JSON.stringify(this.status[part])) return;
    this.status = { ...this.status, [part]: next };
    this.emitter.emit('change', this.get());
  }

  onChange(listener: (s: DeviceStatus) => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }
}
