/**
 * Dossiers and what comes with them: filing through the outbox, payment, drafts, receipts, forms printed for
 * signature, attachments, looking a dossier up, and the start-up reconciliation with the provincial system.
 */
import { loadCatalogue, todayInVietnam } from '../../catalogue';
import { KioskApiError } from '../../common/api/contract';
import type { Handlers } from '../api/kiosk-host';
import { AttachmentService, SANE_DEMO_CONFIG_DIR } from '../attachments';
import type { KioskConfig } from '../config/config';
import type { DeviceStatusBoard } from '../devices/device-status';
import { DossierService } from '../dossier/dossier-service';
import { DraftService } from '../dossier/draft-service';
import { PaymentService } from '../dossier/payment-service';
import { ReceiptService } from '../dossier/receipt-service';
import { dossierRoutingFrom } from '../dossier/routing';
import type { Delivery } from '../outbox';
import { loadAgencyTable } from '../portal/agencies/receiving-agency';
import { ReconciliationService } from '../portal/reconcile';
import { statusLabel } from '../portal/status';
import { FormsPrintService } from '../print-forms';
import type { PrinterService } from '../printer';
import { parseLookupInput } from '../receipt';
import type { SessionManager } from '../session/session-manager';
import type { Emit } from './parts';

type DossierMethod = Extract<
  keyof Handlers,
  | 'dossier.submit'
  | 'dossier.lookup'
  | 'portal.reconciliation'
  | 'forms.print'
  | `receipt.${string}`
  | `draft.${string}`
  | `payment.${string}`
  | `attachment.${string}`
>;

export interface DossierPart {
  handlers: Pick<Handlers, DossierMethod>;
  /** Payments (with a portal only): the simulator's bank transfer needs them. */
  requirePayments(): PaymentService;
  /** The start-up reconciliation (with a portal only): the catalogue's fees may come from it. */
  reconciliation: ReconciliationService | null;
  /** Forwards the outbox's deliveries and state to the screen and the status strip. */
  start(): void;
  dispose(): void;
}

export function dossierPart(o: {
  config: KioskConfig;
  sessions: SessionManager;
  status: DeviceStatusBoard;
  delivery: Delivery | null;
  printer: PrinterService | null;
  emit: Emit;
  /** A dossier was filed (an assisted session records it under the officer). */
  onFiled: (localRef: string) => void;
}): DossierPart {
  const { config, sessions, delivery, printer } = o;
  const routing = dossierRoutingFrom({ ...config.portal, kioskCommuneCode: config.kioskCommuneCode });
  const dossiers = delivery
    ? new DossierService({
        outbox: delivery.outbox,
        store: delivery.store,
        sessions,
        waitForCodeMs: config.portal.waitForCodeMs,
        channel: config.dossier.channel,
        contribution: {
          baseSalaryVnd: config.dossier.baseSalaryVnd,
          months: config.dossier.healthInsuranceMonths,
        },
        routing,
      })
    : null;
  const payments = delivery
    ? new PaymentService({ store: delivery.store, portal: delivery.portal, sessions })
    : null;
  const drafts = delivery ? new DraftService({ store: delivery.store, sessions }) : null;
  const requireDrafts = (): DraftService => {
    if (!drafts) throw new KioskApiError('not-available', 'No store');
    return drafts;
  };
  const requirePayments = (): PaymentService => {
    if (!payments) throw new KioskApiError('not-available', 'No portal');
    return payments;
  };
  const agencyTable = delivery ? loadAgencyTable(config.portal.agencyTable) : null;
  const receipts =
    delivery && agencyTable
      ? new ReceiptService({
          store: delivery.store,
          printer,
          sessions,
          issuingSystem: config.kioskName,
          portal: delivery.portal,
          agencyTable,
        })
      : null;
  const requireReceipts = (): ReceiptService => {
    if (!receipts) throw new KioskApiError('not-available', 'No store');
    return receipts;
  };
  // "In tờ khai để ký": completed forms as A4 PDFs (CUPS), or a download in browser mode.
  const formsPrint = new FormsPrintService({ sessions, printer, issuingSystem: config.kioskName, routing });
  // Documents for the dossier: camera frames, SANE scans (demo: SANE's test backend), or "bring to the counter".
  const attachments = new AttachmentService({
    sessions,
    scanner: {
      device: process.env.KIOSK_SCANNER_DEVICE ?? null,
      env: process.env.KIOSK_SANE_CONFIG_DIR
        ? { SANE_CONFIG_DIR: process.env.KIOSK_SANE_CONFIG_DIR }
        : config.mode === 'demo'
          ? { SANE_CONFIG_DIR: SANE_DEMO_CONFIG_DIR }
          : {},
    },
  });
  // Start-up reconciliation of the catalogue against the provincial system (diagnostics, staff).
  const reconciliation =
    delivery && agencyTable
      ? new ReconciliationService({
          portal: delivery.portal,
          table: agencyTable,
          services: () => loadCatalogue().services,
          today: () => todayInVietnam(),
          onResult: (r) => o.status.update('portal', { mismatches: r.findings.length }),
        })
      : null;
  void reconciliation?.run();

  const onDelivered = (e: { localRef: string; dossierCode: string }): void => {
    o.emit('dossier.delivered', { localRef: e.localRef, dossierCode: e.dossierCode });
    o.status.update('portal', { queued: delivery?.outbox.waitingCount() ?? 0 });
  };
  const onFailed = (e: { localRef: string }): void => o.emit('dossier.failed', { localRef: e.localRef });
  const onOutboxState = (e: { portalState: 'up' | 'down' }): void =>
    o.status.update('portal', { state: e.portalState, queued: delivery?.outbox.waitingCount() ?? 0 });

  return {
    requirePayments,
    reconciliation,
    start: () => {
      delivery?.outbox.on('delivered', onDelivered);
      delivery?.outbox.on('failed', onFailed);
      delivery?.outbox.on('state', onOutboxState);
    },
    dispose: () => {
      delivery?.outbox.off('delivered', onDelivered);
      delivery?.outbox.off('failed', onFailed);
      delivery?.outbox.off('state', onOutboxState);
    },
    handlers: {
      'dossier.submit': async ({ serviceId, forms, declared }) => {
        if (!dossiers) throw new KioskApiError('not-available', 'Dossier delivery is not configured');
        const filed = await dossiers.submit(serviceId, forms, { declared: declared ?? [] });
        o.onFiled(filed.localRef);
        return filed;
      },
      'receipt.qr': ({ localRef }) => ({ text: requireReceipts().qrText(localRef) }),
      'receipt.print': async ({ localRef }) => ({ kind: (await requireReceipts().print(localRef)).kind }),
      'forms.print': ({ serviceId, forms }) => formsPrint.print(serviceId, forms),
      'dossier.lookup': async ({ text }) => {
        if (!delivery) throw new KioskApiError('not-available', 'No portal');
        const answer = await delivery.outbox.lookup(parseLookupInput(text));
        if (answer.kind === 'queued') return { kind: 'queued', localRef: answer.localRef };
        if (answer.kind === 'failed') return { kind: 'failed', localRef: answer.localRef };
        const i = answer.info;
        return {
          kind: 'portal',
          dossierCode: i.dossierCode,
          status: i.status,
          statusLabel: { vi: statusLabel(i.status, 'vi'), en: statusLabel(i.status, 'en') },
          procedureCode: i.procedureCode,
          procedureName: i.procedureName,
          receivedAt: i.receivedAt,
          appointmentAt: i.appointmentAt,
          feeVnd: i.feeVnd,
          feePaid: i.feePaid,
        };
      },
      'draft.save': ({ serviceId, data }) => requireDrafts().save(serviceId, data),
      'draft.load': () => requireDrafts().load(),
      'draft.discard': () => ({ discarded: requireDrafts().discard() }),
      'payment.prepare': ({ localRef }) => requirePayments().prepare(localRef),
      'payment.check': ({ localRef }) => requirePayments().check(localRef),
      'attachment.list': ({ serviceId }) => attachments.list(serviceId),
      'attachment.photo': ({ serviceId, code, image }) => attachments.photo(serviceId, code, image),
      'attachment.scan': ({ serviceId, code }) => attachments.scan(serviceId, code),
      'attachment.bring': ({ serviceId, code }) => attachments.bringToCounter(serviceId, code),
      'attachment.remove': ({ serviceId, code }) => attachments.remove(serviceId, code),
      'portal.reconciliation': () => reconciliation?.latest ?? null,
    },
  };
}
