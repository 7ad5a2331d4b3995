/**
 * Services whose forms an agency's own system takes (catalogue `takesForms`): 23 (employment service centre),
 * 24 and 25 (EVN). The applicant is the verified chip identity; the form is re-validated with the schema the
 * form engine used; the agency answers its reference number at once, or the citizen is told why not. Nothing
 * is stored at the kiosk; a receipt printed to a file (browser mode) is deleted when the session ends.
 */
import { createHmac } from 'node:crypto';
import { KioskApiError } from '../../../common/api/contract';
import { buildAnswerSchema, getForm, getService, todayInVietnam, type Service } from '../../../catalogue';
import type { PrinterService } from '../../printer';
import type { SessionManager } from '../../session/session-manager';
import { verifiedSession } from '../../dossier/verified-session';
import { AgencyError } from '../errors';
import { AgencyReceiptPrinter } from '../receipt-pdf';
import type { AgencyFormsRequest, FormsAgencyAdapter } from './types';

export interface AgencyFormsInput {
  serviceId: string;
  forms: { formId: string; version: string; answers: Record<string, unknown> }[];
}

export class AgencyFormsService {
  private readonly printer: AgencyReceiptPrinter | null;

  constructor(
    private readonly o: {
      /** The adapter of each agency by name; a missing one: not configured (production without its URL). */
      adapter(agency: string): FormsAgencyAdapter | null;
      sessions: SessionManager;
      printer?: PrinterService | null;
      now?: () => number;
    },
  ) {
    this.printer = o.printer ? new AgencyReceiptPrinter(o.printer, o.sessions) : null;
  }

  private service(serviceId: string): Service & { kioskSupport: { mode: 'agency' } } {
    let s: Service;
    try {
      s = getService(serviceId);
    } catch {
      throw new KioskApiError('dossier-unknown-service', `Unknown service ${serviceId}`);
    }
    if (s.kioskSupport.mode !== 'agency' || !s.kioskSupport.takesForms)
      throw new KioskApiError('dossier-not-at-kiosk', 'This service is not one an agency takes forms for');
    return s as Service & { kioskSupport: { mode: 'agency' } };
  }

  async submit(input: AgencyFormsInput) {
    const { session, identity } = verifiedSession(this.o.sessions);
    const service = this.service(input.serviceId);
    const agency = service.kioskSupport.agency;
    const now = new Date(this.o.now?.() ?? Date.now());
    const ref = service.forms[0]!;
    const filled = input.forms[0]!;
    if (input.forms.length !== 1 || filled.formId !== ref.id || filled.version !== ref.version)
      throw new KioskApiError('dossier-invalid', 'The forms do not match the service');
    const parsed = buildAnswerSchema(getForm(ref.id, ref.version), {
      today: todayInVietnam(now),
      identity,
    }).safeParse(filled.answers);
    if (!parsed.success) throw new KioskApiError('dossier-invalid', `Answers to ${ref.id} are not valid`);
    // Answers the service decides (catalogue `preset`, e.g. EVN's request kind) are enforced, not trusted.
    for (const [k, v] of Object.entries(ref.preset ?? {}))
      if ((parsed.data as Record<string, unknown>)[k] !== v)
        throw new KioskApiError('dossier-invalid', `Answer ${k} is set by the service`);
    const adapter = this.o.adapter(agency);
    if (!adapter) throw new KioskApiError('agency-forms.unavailable', `Agency ${agency} is not configured`);
    const request: AgencyFormsRequest = {
      serviceId: service.id,
      // From the verified chip, never from typed text.
      applicant: {
        fullName: identity.fullName,
        idNumber: identity.idNumber,
        dateOfBirth: identity.dateOfBirth,
      },
      form: { id: ref.id, version: ref.version, answers: parsed.data as Record<string, unknown> },
      filedAt: now.toISOString(),
    };
    // Same session and same answers → same key: a double tap or a retry files once.
    const key = `kiosk:${createHmac('sha256', session.id)
      .update(JSON.stringify([service.id, filled.answers]))
      .digest('hex')
      .slice(0, 32)}`;
    let r;
    try {
      r = await adapter.submit(request, key);
    } catch (e) {
      if (e instanceof AgencyError)
        throw new KioskApiError(
          e.retryable ? 'agency-forms.system-down' : 'agency-forms.refused',
          `${agency}: ${e.code}`,
        );
      throw e;
    }
    const toBring = service.documents.filter((d) => !d.formId && d.required).map((d) => d.name);
    let printed = 'none';
    if (this.printer)
      try {
        printed = (
          await this.printer.print({
            title: service.shortName.vi,
            rows: [
              ['Số yêu cầu', r.reference],
              ['Nơi tiếp nhận', service.agency.vi],
              ['Thời điểm tiếp nhận', r.receivedAt],
            ],
            toBringTitle: 'Giấy tờ cần mang theo',
            toBring: toBring.map((d) => d.vi),
            code: r.reference,
          })
        ).kind;
      } catch {
        printed = 'failed';
      }
    return {
      agency,
      reference: r.reference,
      receivedAt: r.receivedAt,
      toBring,
      printed,
    };
  }
}
