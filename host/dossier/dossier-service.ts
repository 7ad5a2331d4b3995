/**
 * Turns a citizen's finished forms into a dossier: re-validates every answer with the same catalogue
 * schema the form engine used, takes the applicant from the verified chip identity (never from typed
 * text), lets the catalogue's rules decide the forms needed, the ONE procedure code and the fee (request
 * kind, age from the chip on the filing date, declared exemptions, the configured channel), and hands it
 * to the outbox, which commits it locally before sending. Each dossier has its own client reference, so a
 * visit can file several and a double tap on "send" files one.
 */
import { createHmac } from 'node:crypto';
import { KioskApiError, type FilledForm, type ReceiptView } from '../../common/api/contract';
import type { Identity } from '../../common/identity';
import {
  answerOf,
  buildAnswerSchema,
  householdHealthInsurance,
  feeFor,
  getForm,
  getService,
  procedureCodesFor,
  resolveDossier,
  ruleContext,
  todayInVietnam,
  type FeeOutcome,
  type FilingChannel,
  type FormRef,
  type RuleContext,
  type Service,
} from '../../catalogue';
import type { Outbox } from '../outbox';
import type { KioskStore, ReceiptRecord } from '../store/store';
import type { SessionManager } from '../session/session-manager';
import { ATTACHMENTS_SESSION_KEY, dossierDocuments } from '../attachments/attachment-service';
import { PortalError } from '../portal/errors';
import { resolveReceivingAgency } from '../portal/agencies/receiving-agency';
import { identityVerifiedFlag } from '../portal/identity-flag';
import { knownService, verifiedIdentity } from './verified-session';
import {
  addressCommunes,
  dossierRoutingFrom,
  estimateAppointment,
  residenceCommune,
  type DossierRouting,
} from './routing';
import { logger, swallowed } from '../log/logger';

const log = logger('dossier');

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

/** One dossier to file: a procedure code, its answers and its fee. */
interface Part {
  code: string;
  name: string;
  answers: Record<string, unknown>;
  fee: FeeOutcome;
}

/** Canonical JSON (sorted keys) so the same submission always digests the same. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v ?? null);
}

export class DossierService {
  constructor(
    private readonly o: {
      outbox: Outbox;
      store?: KioskStore;
      sessions: SessionManager;
      /** How long the citizen waits for the portal's dossier code before getting a queued receipt. */
      waitForCodeMs: number;
      /** The configured filing channel (online / in-person rates, KenhThucHien). Default `online`. */
      channel?: FilingChannel;
      /**
       * What a contribution is computed from (17: household health insurance): the base salary in force
       * (null = unknown, staff tell the amount) and the months paid at once.
       */
      contribution?: { baseSalaryVnd: number | null; months: number };
      now?: () => Date;
      /** Receiving agencies, kiosk place, holiday calendar; default: the bundled demo table and calendar. */
      routing?: DossierRouting;
    },
  ) {
    this.routing =
      o.routing ??
      dossierRoutingFrom({
        agencyTable: null,
        kioskCommuneCode: null,
        placeOfFiling: 'Ki-ốt dịch vụ công',
        holidaysFile: null,
      });
  }

  private readonly routing: DossierRouting;

  /** The competent agency for one procedure of this dossier (final refusal when none is). */
  private agencyFor(procedureCode: string, answers: unknown, identity: Identity) {
    try {
      return resolveReceivingAgency(this.routing.agencyTable, {
        procedureCode,
        communeCodes: [...addressCommunes(answers), residenceCommune(identity)],
        kioskCommuneCode: this.routing.kioskCommuneCode,
      });
    } catch (err) {
      if (err instanceof PortalError) throw new KioskApiError(err.code, err.message);
      throw err;
    }
  }

  get channel(): FilingChannel {
    return this.o.channel ?? 'online';
  }

  async submit(
    serviceId: string,
    forms: FilledForm[],
    opts: { declared?: readonly string[] } = {},
  ): Promise<ReceiptView> {
    const identity = verifiedIdentity(this.o.sessions);
    const session = this.o.sessions.active!;
    const service = knownService(serviceId);
    if (service.kioskSupport.mode !== 'full')
      throw new KioskApiError('dossier-not-at-kiosk', 'This service cannot be submitted at the kiosk');

    const today = todayInVietnam(this.o.now?.());
    const declared = [...new Set(opts.declared ?? [])].sort();
    const known = new Set((service.feeExemptions ?? []).map((e) => e.id));
    if (declared.some((d) => !known.has(d)))
      throw new KioskApiError('dossier-invalid', 'Unknown exemption category');
    const context = (answers: RuleContext['answers']): RuleContext =>
      ruleContext({
        answers,
        dateOfBirth: identity.dateOfBirth,
        date: today,
        declared,
        channel: this.channel,
      });

    // Which forms this case needs (e.g. TK01 from 14 years, TK01a under 14): exactly those, no more.
    const raw = Object.fromEntries(forms.map((f) => [f.formId, f.answers]));
    const needed = resolveDossier(service, context(raw), today).forms;
    const key = (r: { id: string; version: string }) => `${r.id}@${r.version}`;
    const expected = needed.map(key).sort();
    const given = forms.map((f) => `${f.formId}@${f.version}`).sort();
    if (JSON.stringify(expected) !== JSON.stringify(given))
      throw new KioskApiError('dossier-invalid', 'The forms do not match the service');

    const answers: Record<string, Record<string, unknown>> = {};
    for (const f of forms) {
      const form = getForm(f.formId, f.version);
      const ref = needed.find((r) => r.id === f.formId && r.version === f.version) as FormRef;
      // What the service decides is not the citizen's to change.
      // The verified identity too: conditions may depend on the citizen's age or card (catalogue/form-conditions.ts).
      const parsed = buildAnswerSchema(form, { today, identity }).safeParse({
        ...f.answers,
        ...(ref.preset ?? {}),
      });
      if (!parsed.success) throw new KioskApiError('dossier-invalid', `Answers to ${f.formId} are not valid`);
      const data = parsed.data as Record<string, unknown>;
      // A shared form's choices this service does not file (e.g. "khác" in CT01 for service 3).
      for (const [field, allowed] of Object.entries(ref.allow ?? {}))
        if (data[field] !== undefined && !allowed.includes(String(data[field])))
          throw new KioskApiError('dossier-invalid', `${f.formId}.${field} is not filed by this service`);
      answers[f.formId] = data;
    }
    const ctx = context(answers);
    const stored = Object.fromEntries(
      forms.map((f) => [f.formId, { ...answers[f.formId], _corrections: f.corrections }]),
    );
    const contact = (k: string): string | null => {
      for (const f of forms) {
        const v = f.answers[k];
        if (typeof v === 'string' && v.trim()) return v.trim();
      }
      return null;
    };

    const parts = this.parts(service, ctx, stored, today);
    if (parts.length === 0)
      throw new KioskApiError('dossier-no-procedure-code', 'The service has no national procedure code');
    const routed = parts.map((part) => ({
      ...part,
      agency: this.agencyFor(part.code, part.answers, identity),
    }));
    const verification = session.personal.get('verification');
    const appointmentAt = estimateAppointment(service.processingTime, Date.now(), this.routing.calendar);

    // One client reference per dossier: the session, a digest of what was sent (keyed by the session id,
    // so it says nothing about the answers), and the component. Same submission → same references.
    const digest = createHmac('sha256', session.id)
      .update(canonical({ serviceId, forms: forms.map((f) => [f.formId, f.version, f.answers]), declared }))
      .digest('hex')
      .slice(0, 16);
    const receipts = routed.map((part, i) =>
      this.o.outbox.submit({
        serviceId: service.id,
        clientRef: `${session.id}:${digest}:${i}`,
        feePaid: false,
        feeUnknown: part.fee.status === 'unknown',
        dossier: {
          procedureCode: part.code,
          procedureName: part.name,
          fieldCode: null,
          receivingAgency: part.agency,
          placeOfFiling: this.routing.placeOfFiling,
          identityVerified: identityVerifiedFlag(verification),
          applicant: {
            fullName: identity.fullName,
            idNumber: identity.idNumber,
            phone: contact('phone'),
            email: contact('email'),
            kind: 'citizen',
          },
          summary: service.name.vi,
          appointmentAt,
          channel: this.channel,
          // One line: the case's fee (alternatives are never added up); none when exempt, free or unknown.
          fees:
            part.fee.status === 'due'
              ? [
                  {
                    name: part.fee.line.label.vi,
                    code: `${service.id}-${part.code}`,
                    amountVnd: part.fee.amountVnd,
                  },
                ]
              : [],
          documents: dossierDocuments(
            // A component dossier of a linked service carries only its own papers.
            service.documents.filter((d) => !d.procedures || d.procedures.includes(part.code)),
            session.personal.get(ATTACHMENTS_SESSION_KEY),
            service.id,
          ),
          answers: part.answers,
        },
      }),
    );
    // The draft has become a dossier.
    this.o.store?.deleteDraft(this.o.store.cardKey(identity.idNumber));
    const refs = session.personal.get('receipts') ?? [];
    session.personal.set('receipts', [...new Set([...refs, ...receipts.map((r) => r.localRef)])]);
    const views = await Promise.all(
      receipts.map(async (r) => {
        const delivered = await this.o.outbox
          .waitForDelivery(r.localRef, this.o.waitForCodeMs)
          .catch(swallowed(log, 'debug', 'dossier code not awaited', null));
        return receiptView(delivered ?? r);
      }),
    );
    return { ...views[0]!, linked: views.slice(1) };
  }

  /**
   * A contribution the service collects instead of a fee (17: the household's health insurance, with
   * the household discount), or null when the service has none. Unknown base salary → unknown amount.
   */
  private contribution(service: Service, ctx: RuleContext): FeeOutcome | null {
    const c = service.contribution;
    if (!c) return null;
    const others = answerOf(ctx, c.membersField);
    const members = 1 + (Array.isArray(others) ? others.length : 0);
    const months = this.o.contribution?.months ?? 12;
    const base = this.o.contribution?.baseSalaryVnd ?? null;
    if (base === null)
      return {
        status: 'unknown',
        amountVnd: null,
        reason: {
          vi: 'Chưa cài đặt mức lương cơ sở: cán bộ sẽ thông báo số tiền đóng bảo hiểm y tế.',
          en: 'The base salary is not configured: staff will tell you the contribution.',
        },
      };
    const r = householdHealthInsurance({ baseSalaryVnd: base, members, months });
    return {
      status: 'due',
      amountVnd: r.totalVnd,
      line: {
        label: {
          vi: `Tiền đóng bảo hiểm y tế hộ gia đình: ${members} người, ${months} tháng`,
          en: `Household health insurance: ${members} people, ${months} months`,
        },
        amountVnd: r.totalVnd,
        source: c.source,
      },
    };
  }

  /**
   * The dossiers of one submission. A service with its own code files one (15: the electronic joint
   * procedure 3.000722). A linked service without a verified code of its own (16: the joint death code is
   * unverified) files every component procedure as its own dossier, each with its forms (a component
   * without a form carries every answer, as the joint declaration does) and its own fee.
   */
  private parts(service: Service, ctx: RuleContext, answers: Record<string, unknown>, today: string): Part[] {
    const own = procedureCodesFor(service, ctx)[0];
    if (own)
      return [
        {
          code: own.code,
          name: own.name ?? service.name.vi,
          answers,
          fee: this.contribution(service, ctx) ?? feeFor(service, ctx, today),
        },
      ];
    const parts: Part[] = [];
    for (const c of service.linkedServices ?? []) {
      const linked = c.serviceId ? getService(c.serviceId) : null;
      // The component's own codes and fees, else those of the catalogue service it corresponds to.
      const rules: Service = {
        ...(linked ?? service),
        procedureCodes: c.procedureCodes ?? linked?.procedureCodes ?? [],
        fees: c.fees ?? linked?.fees ?? { unknown: true, reason: service.name },
        forms: c.forms,
      };
      const code = procedureCodesFor(rules, ctx)[0];
      if (!code) continue;
      const mine = c.forms.filter((r) => r.id in answers).map((r) => [r.id, answers[r.id]] as const);
      parts.push({
        code: code.code,
        name: code.name ?? c.name.vi,
        answers: mine.length ? Object.fromEntries(mine) : answers,
        fee: feeFor(rules, ctx, today),
      });
    }
    return parts;
  }
}
