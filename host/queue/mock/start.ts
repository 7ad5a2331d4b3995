import { adminJson, spawnReadyChild } from '../../mock-process/ready-child';
import type { IssuedTicket, QueueCentreFaults } from './server';

export interface StartedMockQueueCentre {
  url: string;
  port: number;
  pid: number;
  setFaults(f: Partial<QueueCentreFaults>): Promise<void>;
  tickets(): Promise<IssuedTicket[]>;
  stop(): Promise<void>;
}

/** Spawns `scripts/queue-mock.ts` (its own process) and resolves once it listens. `port: 0` picks a free port. */
export async function startMockQueueCentre(
  opts: { port?: number; token?: string | null } = {},
): Promise<StartedMockQueueCentre> {
  const args = ['--port', String(opts.port ?? 0)];
  if (opts.token) args.push('--token', opts.token);
  const { port, pid, stop } = await spawnReadyChild('scripts/queue-mock.ts', args);
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    pid,
    async setFaults(f) {
      await adminJson(url, 'POST', '/admin/faults', f);
    },
    async tickets() {
      return ((await adminJson(url, 'GET', '/admin/tickets')) as { tickets: IssuedTicket[] }).tickets;
    },
    stop,
  };
}
