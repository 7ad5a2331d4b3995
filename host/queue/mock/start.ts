import { startMockProcess } from '../../mock-process/mock-process';
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
  const p = await startMockProcess('scripts/queue-mock.ts', args);
  return {
    url: p.url,
    port: p.port,
    pid: p.pid,
    async setFaults(f) {
      await p.admin('POST', '/admin/faults', f);
    },
    async tickets() {
      return ((await p.admin('GET', '/admin/tickets')) as { tickets: IssuedTicket[] }).tickets;
    },
    stop: () => p.stop(),
  };
}
