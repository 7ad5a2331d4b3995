/**
 * Drafts: the answers of a form in progress, saved at every step, encrypted, keyed by an HMAC of the ID
 * number (never the number). A citizen who leaves (or times out) resumes by identifying with the same card.
 */
import { KioskApiError } from '../../common/api/contract';
import type { Identity } from '../../common/identity';
import type { SessionManager } from '../session/session-manager';
import type { KioskStore } from '../store/store';

export interface DraftData {
  formIndex: number;
  /** `stepId`: the screen the citizen comes back to (a step id, or `check`). */
  forms: { formId: string; version: string; values: Record<string, unknown>; stepId?: string }[];
}

export class DraftService {
  constructor(private readonly o: { store: KioskStore; sessions: SessionManager }) {}

  private cardKey(): string {
    const s = this.o.sessions.active;
    const identity = s?.personal.get('identity') as Identity | undefined;
    if (!s || !identity || s.personal.get('decision') !== 'accept')
      throw new KioskApiError('dossier-not-identified', 'No verified identity in this session');
    return this.o.store.cardKey(identity.idNumber);
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
