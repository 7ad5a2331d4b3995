/**
 * Drafts: the answers of a form in progress, saved at every step, encrypted, keyed by an HMAC of the ID
 * number (never the number). A citizen who leaves (or times out) resumes by identifying with the same card.
 */
import type { DraftData } from '../../common/api/contract';
import type { SessionManager } from '../session/session-manager';
import type { KioskStore } from '../store/store';
import { verifiedIdentity } from './verified-session';

export class DraftService {
  constructor(private readonly o: { store: KioskStore; sessions: SessionManager }) {}

  private cardKey(): string {
    return this.o.store.cardKey(verifiedIdentity(this.o.sessions).idNumber);
  }

  save(serviceId: string, data: DraftData): { savedAt: number } {
    return { savedAt: this.o.store.saveDraft(this.cardKey(), serviceId, data).savedAt };
  }

  load(): { serviceId: string; data: DraftData; savedAt: number } | null {
    const d = this.o.store.loadDraft<DraftData>(this.cardKey());
    return d ? { serviceId: d.serviceId, data: d.data, savedAt: d.savedAt } : null;
  }

  discard(): boolean {
    return this.o.store.deleteDraft(this.cardKey());
  }
}
