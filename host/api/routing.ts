/**
 * What a connection that does not own the session may see and do. Exactly one renderer client owns the
 * citizen's session; personal data (identity, photo, dossiers, lookups, drafts, receipts, speech of what is on
 * screen) goes to it alone. Anything not listed here is owner-only, so a new method or event is private
 * until someone decides otherwise.
 */
import type { EventName, MethodName } from '../../common/api/contract';

/** Methods any authenticated connection may call: nothing personal in or out. */
export function isPublicMethod(method: string): boolean {
  return (
    method === 'kiosk.hello' ||
    method === 'status.get' ||
    method === 'speech.status' ||
    method.startsWith('catalogue.') ||
    method.startsWith('places.') ||
    // Registered in demo mode only (fictional cards); the e2e tests drive the simulator from a second page.
    method.startsWith('simulator.')
  );
}

const PUBLIC_EVENTS: ReadonlySet<EventName> = new Set<EventName>(['status.changed', 'speech.status']);

/** Events any connection may receive; every other event (identify.*, dossier.*, lookup.*, …) is the owner's. */
export function isPublicEvent(event: EventName): boolean {
  return PUBLIC_EVENTS.has(event);
}

export type { MethodName };
