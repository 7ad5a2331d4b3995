/**
 * "In tờ khai để ký": the completed forms of a service, rendered for signature and sent to the configured A4
 * printer (CUPS). Without a real printer (file mode: browser demo, development) the PDF goes back to the screen
 * as a download and is never written to disk; a thermal receipt printer cannot print A4 (`print-forms-no-a4`).
 * The answers are checked like a submission (verified identity, the service's own forms, the forms' rules).
 */
import { buildAnswerSchema, getForm, resolveDossier, ruleContext, todayInVietnam } from '../../catalogue';
import { communeByCodeOrNull } from '../../catalogue/admin-units';
import type { Service } from '../../common/catalogue/schema';
import type { Identity } from '../../common/identity';
import { addressCommunes, residenceCommune, type DossierRouting } from '../dossier/routing';
import { knownService, verifiedIdentity } from '../dossier/verified-session';
import { resolveReceivingAgency } from '../portal/agencies/receiving-agency';
import type { PrinterService } from '../printer';
import type { SessionManager } from '../session/session-manager';
import { PrintFormsError } from './errors';
import { renderFormsPdf, type PrintableForm } from './form-pdf';

export interface FormsToPrint {
  formId: string;
  version: string;
  answers: Record<string, unknown>;
}

export interface PrintFormsResult {
  /** `printed`: sent to the A4 printer; `download`: no printer, the PDF is returned for the screen. */
  kind: 'printed' | 'download';
  /** The PDF (base64) when `download`, else null. */
  pdfBase64: string | null;
}

export class FormsPrintService {
  constructor(
    private readonly o: {
      sessions: SessionManager;
      printer: PrinterService | null;
      /** Footer line: the kiosk's name. */
      issuingSystem: string;
      /** Receiving agencies and the kiosk's commune (the "Kính gửi" and the place on the date line). */
      routing: DossierRouting | null;
      now?: () => Date;
    },
  ) {}

  async print(serviceId: string, forms: FormsToPrint[]): Promise<PrintFormsResult> {
    const identity = verifiedIdentity(this.o.sessions);
    const service = knownService(serviceId);
    // Every service whose declaration the kiosk fills (full, and agency services that take forms: 21, 23–25).
    if (service.kioskSupport.mode === 'info-only' || service.forms.length === 0 || forms.length === 0)
      throw new PrintFormsError('print-forms-invalid', 'This service has no form to print');
    const today = todayInVietnam(this.o.now?.());
    const printable: PrintableForm[] = forms.map((f) => {
      const ref = service.forms.find((r) => r.id === f.formId && r.version === f.version);
      if (!ref) throw new PrintFormsError('print-forms-invalid', `${f.formId} is not a form of ${serviceId}`);
      const form = getForm(f.formId, f.version);
      const answers = { ...f.answers, ...(ref.preset ?? {}) };
      const parsed = buildAnswerSchema(form, { today, identity }).safeParse(answers);
      if (!parsed.success)
        throw new PrintFormsError('print-forms-invalid', `Answers to ${f.formId} are not valid`);
      return { form, answers: parsed.data as Record<string, unknown> };
    });
    const pdf = await renderFormsPdf({
      forms: printable,
      recipient: this.recipient(service, printable, identity, today),
      place: this.place(),
      date: today,
      identity: identity as unknown as Record<string, unknown>,
      issuingSystem: this.o.issuingSystem,
    });
    const printer = this.o.printer;
    if (!printer || printer.printer.kind === 'file')
      return { kind: 'download', pdfBase64: pdf.toString('base64') };
    if (printer.paper !== 'a4')
      throw new PrintFormsError('print-forms-no-a4', 'The configured printer prints receipts only (no A4)');
    await printer.print(pdf, null, { code: `to-khai-${service.id}` });
    return { kind: 'printed', pdfBase64: null };
  }

  /** The receiving agency of this case, as the dossier would go; null (left blank to write) when unknown. */
  private recipient(
    service: Service,
    forms: PrintableForm[],
    identity: Identity,
    today: string,
  ): string | null {
    if (!this.o.routing) return null;
    try {
      const answers = Object.fromEntries(forms.map((f) => [f.form.id, f.answers]));
      const ctx = ruleContext({
        answers: answers as Parameters<typeof ruleContext>[0]['answers'],
        dateOfBirth: identity.dateOfBirth,
        date: today,
        channel: 'in-person',
      });
      const code = resolveDossier(service, ctx, today).codes[0]?.code;
      if (!code) return null;
      return resolveReceivingAgency(this.o.routing.agencyTable, {
        procedureCode: code,
        communeCodes: [...addressCommunes(answers), residenceCommune(identity)],
        kioskCommuneCode: this.o.routing.kioskCommuneCode,
      }).name;
    } catch {
      return null;
    }
  }

  private place(): string {
    const code = this.o.routing?.kioskCommuneCode;
    const commune = code ? communeByCodeOrNull(code) : null;
    return commune?.fullName ?? this.o.routing?.placeOfFiling ?? '……………';
  }
}
