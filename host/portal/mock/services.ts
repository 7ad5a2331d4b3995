import { createHash } from 'node:crypto';
import { computeAppointment, type WorkingCalendar } from '../../calendar';
import { formatPortalTime } from '../dates';
import { SERVICES, WIRE_ERROR, WireDossier } from '../wire';
import { NOT_FOUND, refuse, type Answer } from './respond';
import { bodyHash, statusAt, type MockPortalState, type StoredDossier } from './state';
import { feeFor, findAgency, findProcedure, validateDossier, type MockTthcData } from './tthc-data';

/** What the services of the mock system work with; the clock and the status step can move (`/admin/clock`). */
export interface ServiceContext {
  readonly state: MockPortalState;
  readonly data: MockTthcData;
  readonly calendar: WorkingCalendar;
  /** Account fees are paid to (VietQR). */
  readonly bank: { bin: string; accountNo: string; accountName: string };
  readonly maxFileBytes: number;
  now(): number;
  stepMs(): number;
  /** Where the e-receipt pages are served. */
  origin(): string;
}

type Body = Record<string, unknown>;

/** Answers one `POST /api/<service>` call (the caller has checked the token and parsed the body). */
export function dispatch(c: ServiceContext, service: string, body: Body): Answer {
  switch (service) {
    case SERVICES.listProcedures:
      return listProcedures(c, body);
    case SERVICES.uploadFile:
      return uploadFile(c, body);
    case SERVICES.submit:
      return submit(c, body);
    case SERVICES.lookup: {
      const d = c.state.byCode(String(body.MaHoSo ?? '').toUpperCase());
      return d ? { error_code: WIRE_ERROR.ok, result: lookupView(c, d) } : NOT_FOUND;
    }
    case SERVICES.requestPayment:
      return requestPayment(c, body);
    case SERVICES.confirmPayment:
      return confirmPayment(c, body);
    default:
      return refuse(`service không hỗ trợ: ${service}`);
  }
}

function eReceiptView(c: ServiceContext, d: StoredDossier) {
  if (!d.eReceipt) return null;
  return { ...d.eReceipt, DuongDanTraCuu: `${c.origin()}/bienlai/${d.eReceipt.SoBienLai}` };
}

function lookupView(c: ServiceContext, d: StoredDossier): Record<string, unknown> {
  return {
    MaHoSo: d.code,
    MaTTHC: d.procedureCode,
    TenTTHC: d.procedureName,
    DonViXuLy: d.agency,
    TrangThaiHoSo: String(statusAt(d, c.now(), c.stepMs())),
    NgayNopHoSo: formatPortalTime(d.receivedAt),
    NgayHenTra: d.appointmentAt === null ? '' : formatPortalTime(d.appointmentAt),
    TongLePhi: d.feeVnd,
    DaThanhToan: d.paid,
    BienLaiDienTu: eReceiptView(c, d),
  };
}

function listProcedures(c: ServiceContext, body: Body): Answer {
  const agency = findAgency(c.data, body.madonvi);
  if (!agency) return refuse('madonvi không hợp lệ');
  return {
    error_code: WIRE_ERROR.ok,
    result: c.data.procedures.filter((p) => agency.MaTTHC.includes(p.MaTTHC)),
  };
}

function uploadFile(c: ServiceContext, body: Body): Answer {
  if (!findAgency(c.data, body.madonvi)) return refuse('madonvi không hợp lệ');
  const { TenTep, LoaiTep, HashTepTin, NoiDung } = body;
  if (typeof TenTep !== 'string' || !TenTep || typeof NoiDung !== 'string')
    return refuse('Thiếu tên tệp hoặc nội dung');
  if (LoaiTep !== 'application/pdf') return refuse('Chỉ nhận tệp PDF');
  const bytes = Buffer.from(NoiDung, 'base64');
  if (bytes.length > c.maxFileBytes) return refuse('Tệp quá lớn');
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') return refuse('Tệp không phải PDF');
  if (createHash('sha256').update(bytes).digest('hex') !== HashTepTin)
    return refuse('HashTepTin không khớp nội dung');
  const f = c.state.putFile(TenTep, LoaiTep, bytes);
  return {
    error_code: WIRE_ERROR.ok,
    result: { IdTepTin: f.id, HashTepTin: f.sha256, DuongDanTaiTepTin: f.path },
  };
}

function submit(c: ServiceContext, body: Body): Answer {
  const agencyCode = typeof body.madonvi === 'string' ? body.madonvi : '';
  const key = typeof body.IdempotencyKey === 'string' ? body.IdempotencyKey : '';
  if (!key || key.length > 200) return refuse('Thiếu IdempotencyKey');
  const parsed = WireDossier.safeParse(body.HoSo);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refuse(`Dữ liệu hồ sơ không hợp lệ: ${issue?.path.join('.') ?? ''}`);
  }
  const d = parsed.data;
  const known = c.state.byKey(key);
  if (known && known.bodyHash !== bodyHash(d))
    return { error_code: WIRE_ERROR.conflict, message: 'IdempotencyKey đã dùng cho hồ sơ khác' };
  if (!known) {
    const why = validateDossier(c.data, c.state, agencyCode, d, c.now());
    if (why) return refuse(why);
  }
  const proc = findProcedure(c.data, d.MaTTHC)!;
  const now = c.now();
  const appointment =
    proc.ThoiHanGiaiQuyet == null || !proc.DonViThoiGian
      ? null
      : computeAppointment(
          now,
          {
            value: proc.ThoiHanGiaiQuyet,
            unit: ({ NgayLamViec: 'working-day', Ngay: 'day', Gio: 'hour' } as const)[proc.DonViThoiGian],
          },
          c.calendar,
        ).at;
  const { dossier } = c.state.push(
    agencyCode,
    key,
    d,
    now,
    appointment,
    // The system's own fee for the channel. A dossier that lists no fee line (an exemption, a free case or a
    // fee nobody has sourced) is billed nothing at filing: the receiving officer sets it, so the fee stays
    // unknown (null), never a billed 0 that would read as "free".
    d.DanhSachLePhi.length === 0 ? null : feeFor(proc, d.KenhThucHien),
  );
  return {
    error_code: WIRE_ERROR.ok,
    result: {
      MaHoSo: dossier.code,
      MaThamChieuKiosk: dossier.localRef,
      TrangThaiHoSo: String(statusAt(dossier, now, c.stepMs())),
      NgayNopHoSo: formatPortalTime(dossier.receivedAt),
      NgayHenTra: dossier.appointmentAt === null ? '' : formatPortalTime(dossier.appointmentAt),
      DonViXuLy: dossier.agency,
      IdempotencyKey: key,
    },
  };
}

function requestPayment(c: ServiceContext, body: Body): Answer {
  const d = c.state.byCode(String(body.MaHoSo ?? ''));
  if (!d) return NOT_FOUND;
  return {
    error_code: WIRE_ERROR.ok,
    result: {
      MaHoSo: d.code,
      SoTien: d.paid ? 0 : (d.feeVnd ?? 0),
      MaThamChieu: d.payRef,
      MaNganHang: c.bank.bin,
      SoTaiKhoan: c.bank.accountNo,
      TenTaiKhoan: c.bank.accountName,
    },
  };
}

function confirmPayment(c: ServiceContext, body: Body): Answer {
  const d = c.state.byCode(String(body.MaHoSo ?? ''));
  if (!d) return NOT_FOUND;
  // Nothing billed (the fee is the receiving officer's to set): nothing to collect here.
  const fee = d.feeVnd;
  if (fee === null) return refuse('Hồ sơ chưa có lệ phí phải thu');
  if (!d.paid && (body.MaThamChieu !== d.payRef || body.SoTien !== fee)) {
    return refuse('Thông tin thanh toán không khớp');
  }
  const now = c.now();
  c.state.markPaid(d.code, (serial) => ({
    SoBienLai: String(serial).padStart(7, '0'),
    KyHieu: `BLP-${formatPortalTime(now).slice(2, 4)}MP`,
    NgayLap: formatPortalTime(now),
    SoTien: fee,
  }));
  const after = c.state.byCode(d.code) as StoredDossier;
  return {
    error_code: WIRE_ERROR.ok,
    result: {
      MaHoSo: d.code,
      DaThanhToan: true,
      TrangThaiHoSo: String(statusAt(after, now, c.stepMs())),
      BienLaiDienTu: eReceiptView(c, after),
    },
  };
}

/** The public page of an e-receipt (what its QR opens): no personal data, only the fee and dossier code. */
export function eReceiptPage(c: ServiceContext, path: string): { status: number; body: unknown } {
  const n = path.slice('/bienlai/'.length);
  const d = c.state.list().find((x) => x.eReceipt?.SoBienLai === n);
  if (!d?.eReceipt) return { status: 404, body: { message: 'Không tìm thấy biên lai' } };
  return {
    status: 200,
    body: { ...d.eReceipt, MaHoSo: d.code, TenTTHC: d.procedureName, DonViThu: d.agency },
  };
}
