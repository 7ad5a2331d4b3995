/**
 * Turns a citizen's finished forms into a dossier: re-validates every answer with the same catalogue
 * schema the form engine used, takes the applicant from the verified chip identity (never from typed
 * text), adds the fees in force, and hands it to the outbox, which commits it locally before sending.
 */
import { KioskApiError } from '../../common/api/contract';
import type { Identity } from '../../common/identity';
import { buildAnswerSchema, feesInForce, getForm, getService, todayInVietnam } from '../../catalogue';
import type { Outbox } from '../outbox';
import type { KioskStore, ReceiptRecord } from '../store/store';
import type { SessionManager } from '../session/session-manager';

export interface FilledFormInput {
  formId: string;
  version: string;
  answers: Record<string, unknown>;
  corrections: { fieldId: string; binding: string; from?: unknown; to?: unknown }[];
}

export interface ReceiptView {
  /** The other dossiers of a linked service (16: death, residence removal, funeral allowance). */
  linked?: Omit<ReceiptView, 'linked'>[];
  localRef: string;
  dossierCode: string | null;
  state: string;
  serviceId: string;
  procedureCode: string;
  procedureName: string;
  maskedId: string;
  receivedAt: number;
  appointmentAt: number | null;
  feeVnd: number;
  feePaid: boolean;
}

export function receiptView(r: ReceiptRecord): ReceiptView {
  return {
    localRef: r.localRef,
    dossierCode: r.dossierCode,
    state: r.state,
    serviceId: r.serviceId,
    procedureCode: r.procedureCode,
    procedureName: r.procedureName,
    maskedId: r.maskedId,
    receivedAt: r.receivedAt,
    appointmentAt: r.appointmentAt,
    feeVnd: r.feeVnd,
    feePaid: r.feePaid,
  };
}

export class DossierService {
  constructor(
    private readonly o: {
      outbox: Outbox;
      store?: KioskStore;
      sessions: SessionManager;
      /** How long the citizen waits for the portal's dossier code before getting a queued receipt. */
      waitForCodeMs: number;
    },
  ) {}

  async submit(serviceId: string, forms: FilledFormInput[]): Promise<ReceiptView> {
    const session = this.o.sessions.active;
    const identity = session?.personal.get('identity') as Identity | undefined;
    if (!session || !identity || session.personal.get('decision') !== 'accept')
      throw new KioskApiError('dossier-not-identified', 'No verified identity in this session');
    let service;
    try {
      service = getService(serviceId);
    } catch {
      throw new KioskApiError('dossier-unknown-service', `Unknown service ${serviceId}`);
    }
    if (service.kioskSupport.mode !== 'full')
      throw new KioskApiError('dossier-not-at-kiosk', 'This service cannot be submitted at the kiosk');
    const expected = service.forms.map((f) => `${f.id}@${f.version}`).sort();
    const given = forms.map((f) => `${f.formId}@${f.version}`).sort();
    if (JSON.stringify(expected) !== JSON.stringify(given))
      throw new KioskApiError('dossier-invalid', 'The forms do not match the service');

    const today = todayInVietnam();
    const answers: Record<string, unknown> = {};
    for (const f of forms) {
      const form = getForm(f.formId, f.version);
      // What the service decides is not the citizen's to change.
      const preset = service.forms.find((r) => r.id === f.formId && r.version === f.version)?.preset ?? {};
      // The verified identity too: conditions may depend on the citizen's age or card (catalogue/conditions.ts).
      const parsed = buildAnswerSchema(form, { today, identity }).safeParse({ ...f.answers, ...preset });
      if (!parsed.success) throw new KioskApiError('dossier-invalid', `Answers to ${f.formId} are not valid`);
      answers[f.formId] = { ...parsed.data, _corrections: f.corrections };
    }
    const contact = (key: string): string | null => {
      for (const f of forms) {
        const v = f.answers[key];
        if (typeof v === 'string' && v.trim()) return v.trim();
      }
      return null;
    };
    const fees = feesInForce(service, today)
      .filter((f) => f.channel !== 'online')
      .map((f, i) => ({ name: f.label.vi, code: `${service.id}-${i + 1}`, amountVnd: f.amountVnd }));

    // One dossier for a service with its own procedure code (15: the electronic joint procedure 3.000722);
    // a linked service without one (16) becomes one dossier per component procedure, each with its forms
    // (a component without a form of its own carries every answer, as the joint declaration does).
    const own = Array.isArray(service.procedureCodes) ? service.procedureCodes : [];
    const ownCode = own.find((c) => c.level === 'commune') ?? own[0];
    const parts: { code: string; name: string; answers: Record<string, unknown>; fees: typeof fees }[] = [];
    if (ownCode) parts.push({ code: ownCode.code, name: ownCode.name ?? service.name.vi, answers, fees });
    else
      for (const [i, c] of (service.linkedServices ?? []).entries()) {
        const code = c.procedureCodes?.[0];
        if (!code) continue;
        const mine = c.forms.filter((r) => r.id in answers).map((r) => [r.id, answers[r.id]] as const);
        parts.push({
          code: code.code,
          name: code.name ?? c.name.vi,
          answers: mine.length ? Object.fromEntries(mine) : answers,
          fees: i === 0 ? fees : [],
        });
      }
    if (parts.length === 0)
      throw new KioskApiError('dossier-no-procedure-code', 'The service has no national procedure code');

    const receipts = parts.map((part) =>
      this.o.outbox.submit({
        serviceId: service.id,
        clientRef: session.id,
        feePaid: false,
        dossier: {
          procedureCode: part.code,
          procedureName: part.name,
          fieldCode: null,
          applicant: {
            fullName: identity.fullName,
            idNumber: identity.idNumber,
            phone: contact('phone'),
            email: contact('email'),
            kind: 'citizen',
          },
          summary: service.name.vi,
          appointmentAt: null,
          channel: 'in-person',
          fees: part.fees,
          documents: service.documents
            .filter((d) => d.required)
            .map((d) => ({ title: d.name.vi, code: d.formId ?? null })),
          answers: part.answers,
        },
      }),
    );
    // The draft has become a dossier.
    this.o.store?.deleteDraft(this.o.store.cardKey(identity.idNumber));
    const refs = (session.personal.get('receipts') as string[] | undefined) ?? [];
    session.personal.set('receipts', [...refs, ...receipts.map((r) => r.localRef)]);
    const views = await Promise.all(
      receipts.map(async (r) => {
        const delivered = await this.o.outbox
          .waitForDelivery(r.localRef, this.o.waitForCodeMs)
          .catch(() => null);
        return receiptView(delivered ?? r);
      }),
    );
    return { ...views[0]!, linked: views.slice(1) };
  }
}
