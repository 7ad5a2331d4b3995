/** Queue numbers (host/queue): the centre's queue system, or the kiosk's own numbers; printed best effort. */
import { KioskApiError } from '../../common/api/contract';
import type { Handlers } from '../api/kiosk-host';
import type { KioskConfig } from '../config/config';
import type { Delivery } from '../outbox';
import type { PrinterService } from '../printer';
import type { CentreQueue } from '../queue/centre';
import { QueueService } from '../queue/queue-service';
import { logger, swallowed } from '../log/logger';

const log = logger('create-host');

export function queueHandlers(o: {
  config: KioskConfig;
  delivery: Delivery | null;
  printer: PrinterService | null;
  centre: CentreQueue | null;
}): Pick<Handlers, 'queue.take'> {
  const { config, delivery } = o;
  const queue = delivery
    ? new QueueService({
        store: delivery.store,
        printer: o.printer,
        centre: o.centre,
        kioskPrefix: config.queue.kioskPrefix,
        kioskId: config.queue.kioskPrefix ?? 'KIOSK',
      })
    : null;
  return {
    'queue.take': async ({ group }) => {
      if (!queue) throw new KioskApiError('not-available', 'No store');
      const ticket = await queue.take(group);
      // The number is on screen even when the printer fails (out of paper): printing is best effort.
      const printed = await queue
        .print(ticket, config.kioskName)
        .catch(swallowed(log, 'warn', 'queue ticket not printed', null));
      return { ...ticket, printed };
    },
  };
}
