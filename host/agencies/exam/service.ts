/**
 * Service 21 at the kiosk: a free candidate's registration sent to the exam system. The candidate is the
 * verified chip identity (never typed text); the catalogue form is re-validated with the same schema the form
 * engine used; the place, subjects and priority category must be ones the system offers; priority evidence
 * photographed or scanned at the kiosk goes with it. Nothing is stored at the kiosk: the registration number
 * comes back at once, or the citizen is told why not and what to do.
 */
import { createHmac } from 'node:crypto';
import { rmSync } from 'node:fs';
import { KioskApiError } from '../../../common/api/contract';
import { buildAnswerSchema, getForm, getService, todayInVietnam, type Service } from '../../../catalogue';
import { ATTACHMENTS_SESSION_KEY, dossierDocuments } from '../../attachments/attachment-service';
import type { PrinterService } from '../../printer';
import type { SessionManager } from '../../session/session-manager';
import { verifiedSession } from '../../dossier/verified-session';
import { examReceiptPdf, maskId } from './receipt-pdf';
import { AgencyError } from '../errors';
import {
  type ExamApplication,
  type ExamOptions,
  type ExamRegistrationAdapter,
  ExamWindowClosedError,
  type WindowDates,
} from './types';

export type WindowState = 'open' | 'closed' | 'unknown';

/** Open, closed or unknown on `today` (ISO dates compare as text). Unknown only when neither date is known. */
export function windowState(w: WindowDates | null, today: string): WindowState {
  if (!w || (w.opensOn === null && w.closesOn === null)) return 'unknown';
  if (w.opensOn !== null && today < w.opensOn) return 'closed';
  if (w.closesOn !== null && today > w.closesOn) return 'closed';
  return 'open';
}

export interface ExamRegisterInput {
  serviceId: string;
  forms: { formId: string; version: string; answers: Record<string, unknown> }[];
  clusterId: string;
  electives: string[];
  priority: string | null;
}

export class ExamService {
  constructor(
    private readonly o: {
      /** null: the exam system is not configured (production without `agencies.urls.exam`). */
      adapter: ExamRegistrationAdapter | null;
      sessions: SessionManager;
      /** Config `exam.window`: the dates a source gives; null = ask the system (unknown if it does not say). */
      window: WindowDates | null;
      /** The receipt printer (best effort: the number is on screen even when printing fails). */
      printer?: PrinterService | null;
      now?: () => number;
    },
  ) {
    // A receipt saved as a file (browser mode) holds the masked ID: gone when the session ends.
    o.sessions.onEnd(() => {
      for (const f of this.files) rmSync(f, { force: true });
      this.files.clear();
    });
  }

  private readonly files = new Set<string>();

  private service(serviceId: string): Service {
    let s: Service;
    try {
      s = getService(serviceId);
    } catch {
      throw new KioskApiError('dossier-unknown-service', `Unknown service ${serviceId}`);
    }
    if (s.kioskSupport.mode !== 'agency' || s.kioskSupport.agency !== 'exam')
      throw new KioskApiError('dossier-not-at-kiosk', 'This service is not an exam registration');
    return s;
  }

  private adapter(): ExamRegistrationAdapter {
    if (!this.o.adapter) throw new KioskApiError('exam-unavailable', 'The exam system is not configured');
    return this.o.adapter;
  }

  private async systemOptions(): Promise<ExamOptions> {
    try {
      return await this.adapter().options();
    } catch (e) {
      throw asApiError(e);
    }
  }

  private effectiveWindow(o: ExamOptions): WindowDates {
    return this.o.window ?? { opensOn: o.window.opensOn, closesOn: o.window.closesOn };
  }

  async options(serviceId: string) {
    this.service(serviceId);
    const o = await this.systemOptions();
    const w = this.effectiveWindow(o);
    return {
      window: { state: windowState(w, todayInVietnam(new Date(this.o.now?.() ?? Date.now()))), ...w },
      clusters: o.clusters,
      subjects: o.subjects,
      priorities: o.priorities,
    };
  }

  async register(input: ExamRegisterInput) {
    const { session, identity } = verifiedSession(this.o.sessions);
    const service = this.service(input.serviceId);
    const today = todayInVietnam(new Date(this.o.now?.() ?? Date.now()));
    const ref = service.forms[0]!;
    const filled = input.forms[0]!;
    if (input.forms.length !== 1 || filled.formId !== ref.id || filled.version !== ref.version)
      throw new KioskApiError('dossier-invalid', 'The forms do not match the service');
    const parsed = buildAnswerSchema(getForm(ref.id, ref.version), { today, identity }).safeParse(
      filled.answers,
    );
    if (!parsed.success) throw new KioskApiError('dossier-invalid', `Answers to ${ref.id} are not valid`);
    const a = parsed.data as Record<string, unknown>;

    const o = await this.systemOptions();
    if (windowState(this.effectiveWindow(o), today) === 'closed')
      throw new KioskApiError('exam-window-closed', 'Registration is not open');
    const cluster = o.clusters.find((c) => c.id === input.clusterId);
    const electives = input.electives.map((id) => o.subjects.electives.find((s) => s.id === id));
    if (
      !cluster ||
      electives.some((e) => !e) ||
      new Set(input.electives).size !== input.electives.length ||
      input.electives.length !== o.subjects.choose ||
      (input.priority !== null && !o.priorities.some((p) => p.id === input.priority))
    )
      throw new KioskApiError('dossier-invalid', 'Place, subjects or priority not offered by the system');

    const docs = dossierDocuments(
      service.documents,
      session.personal.get(ATTACHMENTS_SESSION_KEY),
      service.id,
    );
    const evidence =
      input.priority === null
        ? []
        : docs.flatMap((d) =>
            d.code === 'priority-evidence' && d.file
              ? [{ name: d.file.name, mime: d.file.mime, sha256: d.file.sha256, base64: d.file.base64 }]
              : [],
          );
    const text = (k: string): string | null => (typeof a[k] === 'string' && a[k] ? (a[k] as string) : null);
    const application: ExamApplication = {
      candidate: {
        // From the verified chip, never from typed text.
        fullName: identity.fullName,
        idNumber: identity.idNumber,
        dateOfBirth: identity.dateOfBirth,
        sex: identity.sex,
        phone: text('phone') ?? '',
        email: text('email'),
      },
      candidateKind: a.candidateKind === 'graduated' ? 'graduated' : 'not-graduated',
      school: {
        name: text('schoolName') ?? '',
        graduationYear: typeof a.graduationYear === 'number' ? a.graduationYear : null,
      },
      clusterId: cluster.id,
      electives: input.electives,
      priority: { category: input.priority, evidence },
      filedAt: new Date(this.o.now?.() ?? Date.now()).toISOString(),
    };
    // Same session and same answers → same key: a double tap or a retry registers once.
    const key = `kiosk:${createHmac('sha256', session.id)
      .update(JSON.stringify([input.clusterId, input.electives, input.priority, filled.answers]))
      .digest('hex')
      .slice(0, 32)}`;
    let r;
    try {
      r = await this.adapter().register(application, key);
    } catch (e) {
      throw asApiError(e);
    }
    const evidenceDoc = service.documents.find((d) => d.id === 'priority-evidence');
    const toBring = [
      ...service.documents
        .filter((d) => !d.formId && d.required && !docs.some((x) => x.code === d.id && x.file))
        .map((d) => d.name),
      ...(input.priority !== null && evidence.length === 0 && evidenceDoc ? [evidenceDoc.name] : []),
    ];
    const subjects = [...o.subjects.compulsory.map((s) => s.name), ...electives.map((e) => e!.name)];
    return {
      registrationNumber: r.registrationNumber,
      receivedAt: r.receivedAt,
      clusterName: r.cluster.name,
      subjects,
      toBring,
      attached: evidence.length,
      printed: await this.print({
        registrationNumber: r.registrationNumber,
        clusterName: r.cluster.name,
        subjects,
        maskedId: maskId(identity.idNumber),
        receivedAt: r.receivedAt,
        toBring: toBring.map((d) => d.vi),
      }),
    };
  }

  /** Prints the receipt: the printer's kind (`file` in browser mode), `none` without one, `failed` on error. */
  private async print(d: Parameters<typeof examReceiptPdf>[0]): Promise<string> {
    if (!this.o.printer) return 'none';
    try {
      const r = await this.o.printer.print(await examReceiptPdf(d), null, { code: d.registrationNumber });
      if (r.kind === 'file' && r.detail) this.files.add(r.detail);
      return r.kind;
    } catch {
      return 'failed';
    }
  }
}

/** Adapter errors as KioskApi errors: the codes the renderer has sentences for (errors/exam.json). */
function asApiError(e: unknown): unknown {
  if (e instanceof ExamWindowClosedError) return new KioskApiError('exam-window-closed', e.message);
  if (e instanceof AgencyError)
    return new KioskApiError(e.retryable ? 'exam-system-down' : 'exam-refused', e.message);
  return e;
}
