import { mockHandle, startMockProcess, type MockHandle } from '../../mock-process/mock-process';
import type { IssuedTicket, QueueCentreFaults } from './server';

export interface StartedMockQueueCentre extends MockHandle<Partial<QueueCentreFaults>> {
  tickets(): Promise<IssuedTicket[]>;
}

/** Spawns `scripts/queue-mock.ts` (its own process) and resolves once it listens. `port: 0` picks a free port. */
export async function startMockQueueCentre(
  opts: { port?: number; token?: string | null } = {},
): Promise<StartedMockQueueCentre> {
  const args = ['--port', String(opts.port ?? 0)];
  if (opts.token) args.push('--token', opts.token);
  const p = await startMockProcess('scripts/queue-mock.ts', args);
  return {
    ...mockHandle<Partial<QueueCentreFaults>>(p),
    async tickets() {
      return ((await p.admin('GET', '/admin/tickets')) as { tickets: IssuedTicket[] }).tickets;
    },
  };
}
