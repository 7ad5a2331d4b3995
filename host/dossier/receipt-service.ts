/**
 * The citizen's receipt: the QR text (TT 01/2023 fields) for the screen, and printing on the kiosk's
 * printer (A4 or 80 mm thermal; a PDF file in browser/dev mode). Only receipts of the current session.
 *
 * A receipt PDF holds the applicant's name: in file mode (no printer) the file is written 0600 and deleted when
 * the session ends; files a crash left behind are deleted when the service starts. Real printers get the bytes
 * directly (ESC/POS) or through CUPS's spool (see the threat model in docs/ARCHITECTURE.md).
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { getService } from '../../catalogue';
import { ATTACHMENTS_SESSION_KEY, dossierDocuments } from '../attachments/attachment-service';
import { KioskApiError } from '../../common/api/contract';
import type { AgencyTable } from '../portal/agencies/receiving-agency';
import type { DossierStatusInfo, PortalAdapter } from '../portal/types';
import type { PrinterService } from '../printer';
import { receiptDataFrom, receiptQrText, renderReceiptPdf, type ReceiptData } from '../receipt';
import type { ReceiptRecord } from '../store/store';
import type { SessionManager } from '../session/session-manager';
import type { KioskStore } from '../store/store';
import { logger, swallowed } from '../log/logger';

const log = logger('receipt');

/** Deletes every receipt PDF in `dir` (file mode's output folder); returns how many. */
export function sweepReceiptFiles(dir: string): number {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  let n = 0;
  for (const name of names.filter((f) => f.endsWith('.pdf') || f.endsWith('.tmp'))) {
    rmSync(join(dir, name), { force: true });
    n++;
  }
  return n;
}

function serviceOrNull(id: string): ReturnType<typeof getService> | null {
  try {
    return getService(id);
  } catch {
    return null;
  }
}

export class ReceiptService {
  /** Receipt files written for the current session (file mode), deleted when it ends. */
  private readonly files = new Set<string>();

  constructor(
    private readonly o: {
      store: KioskStore;
      printer: PrinterService | null;
      sessions: SessionManager;
      issuingSystem: string;
      /** Asked at printing for the dossier's current status, fee, appointment and e-receipt (best effort). */
      portal?: PortalAdapter | null;
      /** Names the receiving agency from the dossier code's agency part. */
      agencyTable?: AgencyTable | null;
      /** How long printing waits for the system's answer. Default 3 s. */
      liveTimeoutMs?: number;
    },
  ) {
    const printer = o.printer?.printer;
    if (printer && 'dir' in printer && typeof printer.dir === 'string') sweepReceiptFiles(printer.dir);
    o.sessions.onEnd(() => this.deleteFiles());
  }

  private deleteFiles(): void {
    for (const f of this.files) rmSync(f, { force: true });
    this.files.clear();
  }

  private async live(r: ReceiptRecord): Promise<DossierStatusInfo | null> {
    if (!r.dossierCode || !this.o.portal) return null;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), this.o.liveTimeoutMs ?? 3000);
    });
    try {
      return await Promise.race([
        this.o.portal
          .getStatus(r.dossierCode)
          .catch(swallowed(log, 'debug', 'live dossier status not read', null)),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * What to print, as of now: the system's status (it decides the title), its fee, appointment and e-receipt
   * when it answers in time; the documents still to bring and where, from the catalogue and the agency table.
   */
  private async current(localRef: string): Promise<ReceiptData> {
    const r = this.record(localRef);
    const live = await this.live(r);
    if (live?.feePaid && !r.feePaid) this.o.store.markFeePaid(localRef);
    const service = serviceOrNull(r.serviceId);
    const agencyCode = r.dossierCode?.split('-')[0] ?? null;
    const agencyName = this.o.agencyTable?.agencies.find((a) => a.code === agencyCode)?.name ?? null;
    const base = receiptDataFrom(r, { issuingSystem: this.o.issuingSystem });
    return {
      ...base,
      portalStatus: live?.status ?? r.portalStatus,
      appointmentAt: live?.appointmentAt ?? r.appointmentAt,
      // The system's billed fee wins over the catalogue's once it has answered; a system that has billed nothing
      // (null) leaves the kiosk's own: a sourced amount, 0 for a sourced free case or exemption, else unknown.
      feeVnd: live && live.feeVnd !== null ? live.feeVnd : r.feeVnd,
      feePaid: r.feePaid || Boolean(live?.feePaid),
      // Required papers not sent as files in this session (attachments are held until the session ends).
      toBring: service
        ? dossierDocuments(
            service.documents,
            this.o.sessions.active?.personal.get(ATTACHMENTS_SESSION_KEY),
            r.serviceId,
          )
            .filter((d) => d.delivery === 'at-counter')
            .map((d) => d.title)
        : [],
      bringTo: agencyName ?? service?.agency.vi ?? null,
      eReceipt: live?.eReceipt
        ? { number: live.eReceipt.number, series: live.eReceipt.series, url: live.eReceipt.url }
        : null,
    };
  }

  private record(localRef: string) {
    const mine = this.o.sessions.active?.personal.get('receipts') ?? [];
    if (!mine.includes(localRef))
      throw new KioskApiError('receipt-not-found', 'Not a receipt of this session');
    const r = this.o.store.getReceipt({ localRef });
    if (!r) throw new KioskApiError('receipt-not-found', 'No such receipt');
    return r;
  }

  qrText(localRef: string): string {
    return receiptQrText(receiptDataFrom(this.record(localRef), { issuingSystem: this.o.issuingSystem }));
  }

  async print(localRef: string): Promise<{ kind: string; qrText: string }> {
    const data = await this.current(localRef);
    const qrText = receiptQrText(data);
    if (!this.o.printer) throw new KioskApiError('printer-offline', 'No printer configured');
    const pdf = await renderReceiptPdf(data, { paper: this.o.printer.paper });
    const done = await this.o.printer.print(pdf, null, { code: data.dossierCode ?? data.localRef });
    if (done.kind === 'file' && done.detail) {
      // The session may have ended while printing: then the file goes at once.
      if (this.o.sessions.active) this.files.add(done.detail);
      else rmSync(done.detail, { force: true });
    }
    return { kind: done.kind, qrText };
  }
}
