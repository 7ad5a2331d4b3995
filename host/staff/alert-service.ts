/**
 * Staff alerts, host side: what the kiosk needs a person to look at (a lost data key, a dossier set aside, a
 * quarantined database, a broken audit chain, a locked staff PIN, a failed backup). Kept in the store's
 * `alerts` table — codes, severities, times and counts, never personal data. `staff.alerts` (KioskApi) lists
 * the open ones; a later staff screen shows them and clears them with the officer's badge as the actor.
 */
import type { Alert, AlertCode, AlertSeverity } from '../store/alerts';
import type { KioskStore } from '../store/store';

export class AlertService {
  constructor(private readonly store: KioskStore | null) {}

  /** Open alerts, most severe first; empty when the kiosk runs without a store. */
  list(includeCleared = false): Alert[] {
    return this.store?.listAlerts(includeCleared) ?? [];
  }

  raise(code: AlertCode, severity: AlertSeverity): void {
    this.store?.raiseAlert(code, severity);
  }

  clear(code: string, actor: `staff:${string}` | 'system'): boolean {
    return this.store?.clearAlert(code, actor) ?? false;
  }
}
