/** What the composition root's parts (this folder) share: the late-bound event sink and the audit sink. */
import type { EventName, EventPayload } from '../../common/api/contract';
import type { Delivery } from '../outbox';
import type { AuditActor, AuditEntry } from '../store/audit';

/** Sends a KioskApi event to the transports (KioskHost.emit, bound once the host exists). */
export type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** The store's audit chain; null without a store. */
export type Audit = (
  actor: AuditActor,
  action: string,
  subject?: string,
  detail?: AuditEntry['detail'],
) => void;

export function auditOf(delivery: Delivery | null): Audit | null {
  return delivery
    ? (actor, action, subject, detail) => void delivery.store.audit(actor, action, subject, detail)
    : null;
}
