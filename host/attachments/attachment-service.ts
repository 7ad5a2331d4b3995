/**
 * The citizen's documents for one dossier, per required component: photographed with the kiosk camera,
 * scanned on the document scanner (SANE), or "I will bring it to the counter". Each capture becomes one
 * PDF (framed, readable-checked). Kept in the session's personal memory only (wiped at session end); at
 * submission they go into the dossier, which the outbox stores encrypted and purges after delivery.
 */
import { getService } from '../../catalogue';
import { KioskApiError, type AttachmentComponent } from '../../common/api/contract';
import type { SubmissionDocument, SubmissionFile } from '../portal/types';
import type { HeldAttachments, PersonalKey } from '../session/personal-data';
import type { SessionManager } from '../session/session-manager';
import { AttachmentError } from './errors';
import { bytesFromDataUrl, checkReadable, decodeImage, frameDocument } from './image';
import { imagesToPdf } from './pdf';
import { scanPage, type ScannerOptions } from './scanner';

/** Files one component may carry, and all files of one dossier together. */
export const LIMITS = { filesPerComponent: 4, totalBytes: 15_000_000 } as const;

/** A component as the citizen sees it (`missing` until a file is added or they say they will bring it). */
export type ComponentState = AttachmentComponent;

const KEY = 'attachments' satisfies PersonalKey;

/** The components a citizen can add files for: the service's documents that are not e-forms. */
function componentsOf(serviceId: string): { code: string; title: string; required: boolean }[] {
  let service;
  try {
    service = getService(serviceId);
  } catch {
    throw new KioskApiError('dossier-unknown-service', `Unknown service ${serviceId}`);
  }
  return service.documents
    .filter((d) => !d.formId)
    .map((d) => ({ code: d.id, title: d.name.vi, required: d.required }));
}

const slug = (s: string) => s.replace(/[^a-z0-9]+/gi, '-').toLowerCase();

export class AttachmentService {
  constructor(private readonly o: { sessions: SessionManager; scanner?: ScannerOptions }) {}

  private held(serviceId: string): HeldAttachments {
    const session = this.o.sessions.active;
    if (!session) throw new KioskApiError('no-session', 'No active session');
    let h = session.personal.get(KEY);
    if (!h || h.serviceId !== serviceId) {
      h = { serviceId, atCounter: new Set(), files: new Map() };
      session.personal.set(KEY, h);
    }
    return h;
  }

  private component(serviceId: string, code: string) {
    const c = componentsOf(serviceId).find((x) => x.code === code);
    if (!c) throw new AttachmentError('attachment-unknown-component', `no component ${code} in ${serviceId}`);
    return c;
  }

  list(serviceId: string): ComponentState[] {
    const h = this.held(serviceId);
    return componentsOf(serviceId).map((c) => {
      const files = h.files.get(c.code) ?? [];
      return {
        ...c,
        state: files.length > 0 ? 'attached' : h.atCounter.has(c.code) ? 'at-counter' : 'missing',
        files: files.map((f) => ({
          name: f.file.name,
          pages: f.file.pages,
          bytes: Math.floor((f.file.base64.length * 3) / 4),
          source: f.source,
        })),
      };
    });
  }

  private async add(serviceId: string, code: string, image: Buffer, source: 'camera' | 'scanner') {
    const c = this.component(serviceId, code);
    const h = this.held(serviceId);
    const files = h.files.get(code) ?? [];
    if (files.length >= LIMITS.filesPerComponent)
      throw new AttachmentError(
        'attachment-too-many-files',
        `${code}: at most ${LIMITS.filesPerComponent} files`,
      );
    const img = decodeImage(image);
    const page = source === 'camera' ? frameDocument(img) : img;
    checkReadable(page);
    const file = await imagesToPdf([page], `${slug(code)}-${files.length + 1}.pdf`, c.title);
    const total = [...h.files.values()].flat().reduce((s, f) => s + f.file.base64.length * 0.75, 0);
    if (total + file.base64.length * 0.75 > LIMITS.totalBytes)
      throw new AttachmentError('attachment-too-large', 'the dossier’s files are over the total limit');
    h.files.set(code, [...files, { file, source }]);
    h.atCounter.delete(code);
    return this.list(serviceId);
  }

  /** A frame from the kiosk camera (PNG/JPEG data URL), framed to the sheet and checked for readability. */
  photo(serviceId: string, code: string, dataUrl: string): Promise<ComponentState[]> {
    return this.add(serviceId, code, bytesFromDataUrl(dataUrl), 'camera');
  }

  /** One page from the document scanner. */
  async scan(serviceId: string, code: string): Promise<ComponentState[]> {
    this.component(serviceId, code);
    return this.add(serviceId, code, await scanPage(this.o.scanner ?? {}), 'scanner');
  }

  bringToCounter(serviceId: string, code: string): ComponentState[] {
    this.component(serviceId, code);
    const h = this.held(serviceId);
    h.files.delete(code);
    h.atCounter.add(code);
    return this.list(serviceId);
  }

  remove(serviceId: string, code: string): ComponentState[] {
    this.component(serviceId, code);
    this.held(serviceId).files.delete(code);
    return this.list(serviceId);
  }
}

/**
 * The dossier's documents: e-forms as `form`, each file as `attached` (one entry per file, same component
 * code), components without a file as `at-counter`. Reads the session's attachments for this service.
 */
export function dossierDocuments(
  documents: { id: string; name: { vi: string }; required: boolean; formId?: string }[],
  h: HeldAttachments | undefined,
  serviceId: string,
): SubmissionDocument[] {
  const files = h && h.serviceId === serviceId ? h.files : new Map<string, { file: SubmissionFile }[]>();
  const out: SubmissionDocument[] = [];
  for (const d of documents) {
    const mine = files.get(d.id) ?? [];
    if (d.formId) {
      if (d.required) out.push({ title: d.name.vi, code: d.id, delivery: 'form' });
    } else if (mine.length > 0) {
      for (const f of mine) out.push({ title: d.name.vi, code: d.id, delivery: 'attached', file: f.file });
    } else if (d.required) out.push({ title: d.name.vi, code: d.id, delivery: 'at-counter' });
  }
  return out;
}

export const ATTACHMENTS_SESSION_KEY = KEY;
