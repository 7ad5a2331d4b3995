import { readFileSync } from 'node:fs';
import type { KioskConfig } from '../config/config';
import { type CentreQueue, HttpCentreQueue } from './centre';
import { type StartedMockQueueCentre, startMockQueueCentre } from './mock/start';

/** The bearer token: KIOSK_QUEUE_TOKEN, else the file's first line; null when neither is set. */
export function resolveQueueToken(tokenFile: string | null, env = process.env): string | null {
  const raw = env.KIOSK_QUEUE_TOKEN ?? (tokenFile ? readFileSync(tokenFile, 'utf8') : '');
  const token = raw.split(/\r?\n/)[0]?.trim() ?? '';
  return token || null;
}

export interface QueueCentreEndpoint {
  centre: CentreQueue | null;
  /** Demo mode's mock queue centre (own process), when `queue.mockCentre` and no centre is configured. */
  mock: StartedMockQueueCentre | null;
}

/** The configured centre queue; in demo mode with `queue.mockCentre` and no URL, the mock in its own process. */
export async function startQueueCentreFor(config: KioskConfig): Promise<QueueCentreEndpoint> {
  const c = config.queue.centre;
  if (c)
    return {
      centre: new HttpCentreQueue({
        url: c.url,
        token: resolveQueueToken(c.tokenFile),
        timeoutMs: c.timeoutMs,
      }),
      mock: null,
    };
  if (config.mode !== 'demo' || !config.queue.mockCentre) return { centre: null, mock: null };
  const mock = await startMockQueueCentre({ port: 0 });
  return { centre: new HttpCentreQueue({ url: mock.url, token: null }), mock };
}
