/**
 * A centre's queue system: when the centre runs one, every kiosk and counter takes numbers from it, so the
 * numbers called at the counters are one sequence. No vendor's API is published to us (unknown), so the kiosk
 * speaks one small JSON protocol through `HttpCentreQueue`; a centre whose system speaks another gets its own
 * adapter behind `CentreQueue`.
 *
 *   POST <url>/tickets  Authorization: Bearer <token>   {"group":"police","kioskId":"K07"}
 *   201 {"number":"A012","group":"police","ahead":4}
 */
import { z } from 'zod';
import { KioskApiError } from '../../common/api/contract';

export interface CentreTicketRequest {
  group: string;
  /** Which kiosk asks (the centre's own records; never anything about the citizen). */
  kioskId: string;
}

export interface CentreTicket {
  number: string;
  /** People waiting before this number, when the centre says. */
  ahead: number | null;
}

export interface CentreQueue {
  /** Throws `KioskApiError('queue-centre-unavailable')` when the centre does not answer in time or answers wrong. */
  issue(req: CentreTicketRequest): Promise<CentreTicket>;
}

export const CentreTicketAnswer = z.object({
  number: z.string().regex(/^[A-Z0-9-]{1,16}$/),
  group: z.string().optional(),
  ahead: z.number().int().nonnegative().nullable().optional(),
});

export interface HttpCentreQueueOptions {
  url: string;
  token: string | null;
  /** How long a citizen waits for the centre before the kiosk issues its own number. Default 3000. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export class HttpCentreQueue implements CentreQueue {
  private readonly fetch: typeof fetch;

  constructor(private readonly o: HttpCentreQueueOptions) {
    this.fetch = o.fetch ?? fetch;
  }

  async issue(req: CentreTicketRequest): Promise<CentreTicket> {
    let res: Response;
    try {
      res = await this.fetch(`${this.o.url.replace(/\/+$/, '')}/tickets`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(this.o.token ? { authorization: `Bearer ${this.o.token}` } : {}),
        },
        body: JSON.stringify({ group: req.group, kioskId: req.kioskId }),
        signal: AbortSignal.timeout(this.o.timeoutMs ?? 3000),
      });
    } catch {
      throw new KioskApiError('queue-centre-unavailable', 'The centre queue did not answer');
    }
    if (res.status !== 201 && res.status !== 200)
      throw new KioskApiError('queue-centre-unavailable', `The centre queue answered HTTP ${res.status}`);
    const body = CentreTicketAnswer.safeParse(await res.json().catch(() => null));
    if (!body.success) throw new KioskApiError('queue-centre-unavailable', 'The centre queue answered wrong');
    return { number: body.data.number, ahead: body.data.ahead ?? null };
  }
}
