/**
 * Test and benchmark support: a store and an outbox that sends to a portal over HTTP (the mock portal), wired
 * as the crash driver (crash-driver.ts, crash.int.test.ts) and the outbox benchmark (scripts/bench/outbox.ts)
 * both need them, and the temporary-residence dossier they submit (fictional people only).
 */
import { HttpPortalAdapter } from '../../portal/http-adapter';
import { MOCK_CREDENTIALS } from '../../portal/mock/server';
import { FileKeyProvider } from '../../store/keys';
import { KioskStore } from '../../store/store';
import { Outbox, type OutboxOptions, type OutboxSubmission } from '../outbox';

export interface PortalOutboxOptions {
  /** The kiosk's SQLite file and its data key file. */
  dbPath: string;
  keysPath: string;
  /** The mock portal's base URL (its sample credentials are used). */
  portalUrl: string;
  /** The HTTP adapter's answer timeout. */
  timeoutMs: number;
  concurrency: number;
  backoff: NonNullable<OutboxOptions['backoff']>;
  breaker: NonNullable<OutboxOptions['breaker']>;
}

export interface PortalOutbox {
  store: KioskStore;
  portal: HttpPortalAdapter;
  outbox: Outbox;
}

/** Opens the store and an outbox (not started) that sends to the mock portal at `portalUrl`. */
export function openPortalOutbox(o: PortalOutboxOptions): PortalOutbox {
  const store = KioskStore.open({ path: o.dbPath, keys: new FileKeyProvider(o.keysPath) });
  const portal = new HttpPortalAdapter({ baseUrl: o.portalUrl, ...MOCK_CREDENTIALS, timeoutMs: o.timeoutMs });
  const outbox = new Outbox({
    store,
    portal,
    concurrency: o.concurrency,
    backoff: o.backoff,
    breaker: o.breaker,
  });
  return { store, portal, outbox };
}

/** A temporary-residence dossier (service 4, fee 15 000 ₫ paid) for a fictional applicant. */
export function temporaryResidenceSubmission(
  applicant: { fullName: string; idNumber: string; phone: string | null },
  answers: Record<string, unknown>,
  clientRef?: string,
): OutboxSubmission {
  return {
    ...(clientRef === undefined ? {} : { clientRef }),
    serviceId: 'temporary-residence',
    feePaid: true,
    dossier: {
      procedureCode: '1.004194',
      procedureName: 'Đăng ký tạm trú',
      receivingAgency: { code: '000.30.01.H22', name: 'Công an phường Mẫu Một (mô phỏng)' },
      fieldCode: 'CU_TRU',
      applicant: { ...applicant, email: null, kind: 'citizen' },
      summary: 'Đăng ký tạm trú',
      appointmentAt: null,
      channel: 'in-person',
      fees: [{ name: 'Lệ phí đăng ký tạm trú', code: 'LP-TT', amountVnd: 15000 }],
      documents: [{ title: 'Tờ khai CT01', code: 'ct01' }],
      answers,
    },
  };
}
