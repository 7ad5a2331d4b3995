import { formatPortalTime } from '../dates';
import { parseFaults, type Faults } from './faults';
import { statusAt, type StoredDossier } from './state';
import type { ServiceContext } from './services';

/** What the admin routes may change on the running mock: faults, tokens, the clock and the status step. */
export interface AdminControls {
  readonly services: ServiceContext;
  faults(): Faults;
  setFaults(f: Faults): void;
  expireTokens(): void;
  /** Moves the mock's clock forward; returns the total offset. */
  advanceClock(ms: number): number;
  setStepMs(ms: number): void;
}

/**
 * `GET|POST /admin/faults`, `POST /admin/clock`, `GET /admin/dossiers` (fields as stored, files by component,
 * e-form answers). For tests and the demo only; the mock never runs in production.
 */
export function adminRoute(
  a: AdminControls,
  route: string,
  body: Record<string, unknown>,
): { status: number; body: unknown } {
  switch (route) {
    case 'GET /admin/faults':
      return { status: 200, body: a.faults() };
    case 'POST /admin/faults': {
      a.setFaults(parseFaults(body));
      if (body.expireSessions === true || body.expireTokens === true) a.expireTokens();
      return { status: 200, body: a.faults() };
    }
    case 'POST /admin/clock': {
      const clockOffsetMs = a.advanceClock(typeof body.advanceMs === 'number' ? body.advanceMs : 0);
      if (typeof body.stepMs === 'number') a.setStepMs(body.stepMs);
      return { status: 200, body: { clockOffsetMs, stepMs: a.services.stepMs() } };
    }
    case 'GET /admin/dossiers':
      return {
        status: 200,
        body: { dossiers: a.services.state.list().map((d) => adminView(a.services, d)) },
      };
    default:
      return { status: 404, body: { message: 'not found' } };
  }
}

function adminView(c: ServiceContext, d: StoredDossier): Record<string, unknown> {
  return {
    MaHoSo: d.code,
    IdempotencyKey: d.idempotencyKey,
    MaThamChieuKiosk: d.localRef,
    MaTTHC: d.procedureCode,
    DonViXuLy: d.agency,
    requests: d.requests,
    TrangThaiHoSo: statusAt(d, c.now(), c.stepMs()),
    TongLePhi: d.feeVnd,
    DaThanhToan: d.paid,
    NgayHenTra: d.appointmentAt === null ? '' : formatPortalTime(d.appointmentAt),
    KenhThucHien: d.body.KenhThucHien,
    HoSoCoThanhPhanSoHoa: d.body.HoSoCoThanhPhanSoHoa,
    TaiKhoanDuocXacThucVoiVNeID: d.body.TaiKhoanDuocXacThucVoiVNeID,
    DuocThanhToanTrucTuyen: d.body.DuocThanhToanTrucTuyen,
    TaiLieuNop: d.body.TaiLieuNop.map((t) => {
      const f = c.state.fileById(t.TepDinhKemId);
      return {
        MaThanhPhanHoSo: t.MaThanhPhanHoSo,
        TenTepDinhKem: t.TenTepDinhKem,
        KichThuoc: f?.size ?? 0,
      };
    }),
    GiayToNopTaiQuay: d.body.GiayToNopTaiQuay,
    DuLieuBieuMau: d.body.DuLieuBieuMau,
    BienLaiDienTu: d.eReceipt?.SoBienLai ?? null,
  };
}
