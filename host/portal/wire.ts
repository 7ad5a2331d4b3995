import { z } from 'zod';
import { formatPortalTime } from './dates';
import type { DossierSubmission } from './types';

/**
 * The wire shapes of the DVCQG/OpenCPS synchronisation API as public evidence shows it
 * (VietOpenCPS/opencps-v2 DVCQGIntegrationActionImpl): `POST /login {username,password}` →
 * `{session, error_code: 0}`; every other call `POST /sync {session, madonvi, service, ...}` →
 * `{error_code: "00", ...}`. Kiosk extensions are marked: `IdempotencyKey` (also sent as the
 * `Idempotency-Key` header), `DuLieuBieuMau` (form answers), and the payment services.
 */
export const WIRE_ERROR = {
  ok: '00',
  sessionInvalid: '-1',
  invalidData: '01',
  notFound: '02',
  conflict: '04',
  server: '99',
} as const;

export const SERVICES = {
  listProcedures: 'LayDanhSachTTHC',
  pushDossier: 'DongBoHoSoMC',
  lookup: 'TraCuuHoSo',
  requestPayment: 'YeuCauThanhToan',
  confirmPayment: 'XacNhanThanhToan',
} as const;

const HINH_THUC = { 'in-person': '1', online: '2', post: '3' } as const;

export const WireFee = z.object({
  TenPhiLePhi: z.string(),
  MaPhiLePhi: z.string(),
  HinhThucThu: z.string(),
  Gia: z.number().int().nonnegative(),
});

export const WireDossier = z.object({
  MaHoSo: z.string(),
  MaTTHC: z.string().min(1),
  TenTTHC: z.string().min(1),
  MaLinhVuc: z.string(),
  SoBienNhan: z.string().min(1),
  ChuHoSo: z.string().min(1),
  LoaiDoiTuong: z.enum(['1', '2']),
  MaDoiTuong: z.string().min(1),
  SoDienThoai: z.string(),
  Email: z.string(),
  TrichYeuHoSo: z.string(),
  NgayTiepNhan: z.string().regex(/^\d{14}$/),
  NgayHenTra: z.string().regex(/^(\d{14})?$/),
  TrangThaiHoSo: z.string(),
  HinhThuc: z.enum(['1', '2', '3']),
  TaiLieuNop: z.array(z.object({ TenTepDinhKem: z.string(), MaGiayTo: z.string() })),
  DanhSachLePhi: z.array(WireFee),
  DanhSachGiayToKetQua: z.array(z.unknown()),
  DuLieuBieuMau: z.record(z.string(), z.unknown()),
});
export type WireDossier = z.infer<typeof WireDossier>;

export function toWireDossier(d: DossierSubmission): WireDossier {
  return {
    MaHoSo: '',
    MaTTHC: d.procedureCode,
    TenTTHC: d.procedureName,
    MaLinhVuc: d.fieldCode ?? '',
    SoBienNhan: d.localRef,
    ChuHoSo: d.applicant.fullName,
    LoaiDoiTuong: d.applicant.kind === 'business' ? '2' : '1',
    MaDoiTuong: d.applicant.idNumber,
    SoDienThoai: d.applicant.phone ?? '',
    Email: d.applicant.email ?? '',
    TrichYeuHoSo: d.summary,
    NgayTiepNhan: formatPortalTime(d.receivedAt),
    NgayHenTra: d.appointmentAt === null ? '' : formatPortalTime(d.appointmentAt),
    TrangThaiHoSo: '1',
    HinhThuc: HINH_THUC[d.channel],
    TaiLieuNop: d.documents.map((x) => ({ TenTepDinhKem: x.title, MaGiayTo: x.code ?? '' })),
    DanhSachLePhi: d.fees.map((f) => ({
      TenPhiLePhi: f.name,
      MaPhiLePhi: f.code,
      HinhThucThu: '1',
      Gia: f.amountVnd,
    })),
    DanhSachGiayToKetQua: [],
    DuLieuBieuMau: d.answers,
  };
}

export const LoginResponse = z.object({
  session: z.string().optional(),
  error_code: z.union([z.number(), z.string()]),
  message: z.string().optional(),
});

export const Envelope = z.object({
  error_code: z.string(),
  message: z.string().optional(),
  result: z.unknown().optional(),
});

export const ProcedureListResult = z.array(
  z.object({ MaTTHC: z.string(), TenTTHC: z.string(), MaLinhVuc: z.string().optional() }),
);

export const PushResult = z.array(
  z.object({
    MaHoSo: z.string().min(1),
    SoBienNhan: z.string(),
    TrangThaiHoSo: z.string(),
    NgayHenTra: z.string(),
    IdempotencyKey: z.string(),
  }),
);

export const LookupResult = z.object({
  MaHoSo: z.string(),
  MaTTHC: z.string(),
  TenTTHC: z.string(),
  TrangThaiHoSo: z.string(),
  NgayTiepNhan: z.string(),
  NgayHenTra: z.string(),
  TongLePhi: z.number(),
  DaThanhToan: z.boolean(),
});

export const PaymentRequestResult = z.object({
  MaHoSo: z.string(),
  SoTien: z.number().int().nonnegative(),
  MaThamChieu: z.string(),
  MaNganHang: z.string(),
  SoTaiKhoan: z.string(),
  TenTaiKhoan: z.string(),
});

export const PaymentConfirmResult = z.object({
  MaHoSo: z.string(),
  DaThanhToan: z.boolean(),
  TrangThaiHoSo: z.string(),
});
