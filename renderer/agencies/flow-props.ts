import type { Identity } from '../../common/identity';
import type { Service } from '../../common/catalogue/schema';

/** What App gives every agency flow. */
export interface AgencyFlowProps {
  service: Service;
  /** The identified citizen (flows with `identify: true`), else null. */
  identity: Identity | null;
  demoMode: boolean;
  /** End the session and open the queue-ticket screen (a way forward when the agency fails). */
  onQueue(): void;
  /** End the session (rating, then the end screen). */
  onFinish(): void;
}
