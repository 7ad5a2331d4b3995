import { z } from 'zod';
import { formatPortalTime } from './dates';
import type { DossierSubmission } from './types';

/**
 * The wire shapes of the provincial TTHC information system behind the data-sharing gateway (LGSP).
 *
 * Transport: OAuth2 client credentials at `POST /token` (form-encoded `grant_type=client_credentials`,
 * `client_id`, `client_secret`) → `{access_token, token_type: "Bearer", expires_in}`; every call
 * `POST /api/<Service>` with `Authorization: Bearer …`, a JSON body and a JSON answer
 * `{error_code: "00" | …, message?, result?}`. HTTP 401 = missing/expired token.
 *
 * Dossier fields follow OpenCPS `DVCQGIntegrationActionImpl` and the public `HoSoDongBoDVC` DTO (see
 * shared/domain/dossier-rules.md §4): `KenhThucHien` is the submission channel, `HinhThuc` the way the
 * result is returned, the owner's ID goes in `SoGiayToChuHoSo` + `DinhDanhCHS`, `DonViXuLy` is the receiving
 * agency, files are uploaded first (`TaiLenTepTin`) and referenced by `TepDinhKemId`/`DuongDanTaiTepTin`.
 * Kiosk extensions, not in the public evidence, are marked "ext": `IdempotencyKey` (also the
 * `Idempotency-Key` header), `MaThamChieuKiosk` (the kiosk's local reference), `GiayToNopTaiQuay` (paper
 * components the citizen brings to the counter), `DuLieuBieuMau` (e-form answers), the payment services and
 * `BienLaiDienTu` (PayGov has no public API).
 */
export const WIRE_ERROR = {
  ok: '00',
  invalidData: '01',
  notFound: '02',
  conflict: '04',
  server: '99',
} as const;

export const SERVICES = {
  listProcedures: 'LayDanhSachTTHC',
  uploadFile: 'TaiLenTepTin',
  submit: 'NopHoSo',
  lookup: 'TraCuuHoSo',
  requestPayment: 'YeuCauThanhToan',
  confirmPayment: 'XacNhanThanhToan',
} as const;

/** `KenhThucHien`: 1 trực tiếp, 2 trực tuyến, 3 bưu chính. */
export const KENH_THUC_HIEN = { 'in-person': '1', online: '2', post: '3' } as const;
/** `HinhThuc` (how the result is returned): 0 at the counter, 1 by post. */
export const HINH_THUC = { counter: '0', post: '1' } as const;

const Flag = z.enum(['0', '1']);
const Time14 = z.string().regex(/^\d{14}$/);
const AgencyCode = z.string().regex(/^[0-9A-Z]{2,3}(\.[0-9A-Z]{2,3}){2,4}$/);

export const TokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string().regex(/^bearer$/i),
  expires_in: z.number().positive(),
});

export const WireFee = z.object({
  TenPhiLePhi: z.string().min(1),
  MaPhiLePhi: z.string().min(1),
  /** 1: collected when the dossier is received (the kiosk's case). */
  HinhThucThu: z.enum(['1', '2', '4']),
  Gia: z.number().int().nonnegative(),
  /** 1: ordinary fee/charge from the national procedure database. */
  LoaiPhiLePhi: z.enum(['1', '2', '3']),
});

export const WireDocument = z.object({
  TepDinhKemId: z.string().min(1),
  TenTepDinhKem: z.string().min(1),
  MaThanhPhanHoSo: z.string().min(1),
  DuongDanTaiTepTin: z.string().min(1),
  DuocSoHoa: Flag,
  DuocTaiSuDung: Flag,
  DuocLayTuKhoDMQG: Flag,
  MaKetQuaThayThe: z.string(),
  IsDeleted: Flag,
});

export const WireDossier = z.object({
  MaHoSo: z.literal(''),
  MaTTHC: z.string().regex(/^\d\.\d{6}$/),
  TenTTHC: z.string().min(1),
  MaLinhVuc: z.string(),
  TenLinhVuc: z.string(),
  KenhThucHien: z.enum(['1', '2', '3']),
  HinhThuc: z.enum(['0', '1']),
  ChuHoSo: z.string().min(1),
  LoaiDoiTuong: z.enum(['1', '2']),
  SoGiayToChuHoSo: z.string().regex(/^(\d{12}|\d{9})$/),
  DinhDanhCHS: z
    .array(z.object({ LoaiDinhDanh: z.enum(['1', '2']), SoDinhDanh: z.string().regex(/^(\d{12}|\d{9})$/) }))
    .min(1),
  SoDienThoai: z.string(),
  Email: z.string(),
  TrichYeuHoSo: z.string().min(1),
  NgayNopHoSo: Time14,
  NoiNopHoSo: z.string().min(1),
  DonViXuLy: AgencyCode,
  TaiLieuNop: z.array(WireDocument),
  GiayToNopTaiQuay: z.array(z.object({ MaThanhPhanHoSo: z.string(), TenGiayTo: z.string().min(1) })),
  DanhSachLePhi: z.array(WireFee),
  HoSoCoThanhPhanSoHoa: Flag,
  TaiKhoanDuocXacThucVoiVNeID: Flag,
  DuocThanhToanTrucTuyen: Flag,
  DSKetNoiCSDL: z.array(z.object({ MaCSDL: z.string().min(1) })),
  MaThamChieuKiosk: z.string().min(1),
  DuLieuBieuMau: z.record(z.string(), z.unknown()),
});
export type WireDossier = z.infer<typeof WireDossier>;

/** `LoaiDinhDanh`: "1" for the 12-digit personal ID number, "2" for a 9-digit CMND (one implementation's codes). */
export function loaiDinhDanh(idNumber: string): '1' | '2' {
  return idNumber.length === 9 ? '2' : '1';
}

/** Uploaded files, by component code → what `TaiLenTepTin` answered. */
export type UploadedFiles = Map<string, { id: string; path: string }>;

export function toWireDossier(d: DossierSubmission, uploaded: UploadedFiles): WireDossier {
  const attached = d.documents.filter((x) => x.delivery === 'attached' && x.file);
  const atCounter = d.documents.filter((x) => (x.delivery ?? 'at-counter') === 'at-counter');
  return {
    MaHoSo: '',
    MaTTHC: d.procedureCode,
    TenTTHC: d.procedureName,
    MaLinhVuc: d.fieldCode ?? '',
    TenLinhVuc: d.fieldName ?? '',
    KenhThucHien: KENH_THUC_HIEN[d.channel],
    HinhThuc: HINH_THUC[d.resultDelivery ?? 'counter'],
    ChuHoSo: d.applicant.fullName,
    LoaiDoiTuong: d.applicant.kind === 'business' ? '2' : '1',
    SoGiayToChuHoSo: d.applicant.idNumber,
    DinhDanhCHS: [{ LoaiDinhDanh: loaiDinhDanh(d.applicant.idNumber), SoDinhDanh: d.applicant.idNumber }],
    SoDienThoai: d.applicant.phone ?? '',
    Email: d.applicant.email ?? '',
    TrichYeuHoSo: d.summary,
    NgayNopHoSo: formatPortalTime(d.receivedAt),
    NoiNopHoSo: d.placeOfFiling ?? 'Kiosk dịch vụ công',
    DonViXuLy: d.receivingAgency.code,
    TaiLieuNop: attached.map((x) => {
      const up = uploaded.get(x.file!.sha256);
      return {
        TepDinhKemId: up?.id ?? '',
        TenTepDinhKem: x.file!.name,
        MaThanhPhanHoSo: x.code ?? '',
        DuongDanTaiTepTin: up?.path ?? '',
        DuocSoHoa: '1',
        DuocTaiSuDung: '0',
        DuocLayTuKhoDMQG: '0',
        MaKetQuaThayThe: '',
        IsDeleted: '0',
      };
    }),
    GiayToNopTaiQuay: atCounter.map((x) => ({ MaThanhPhanHoSo: x.code ?? '', TenGiayTo: x.title })),
    DanhSachLePhi: d.fees.map((f) => ({
      TenPhiLePhi: f.name,
      MaPhiLePhi: f.code,
      HinhThucThu: '1',
      Gia: f.amountVnd,
      LoaiPhiLePhi: '1',
    })),
    HoSoCoThanhPhanSoHoa: attached.length > 0 ? '1' : '0',
    TaiKhoanDuocXacThucVoiVNeID: d.identityVerified ? '1' : '0',
    // Set by the system when the fee is paid through the payment platform (`XacNhanThanhToan`), not promised here.
    DuocThanhToanTrucTuyen: '0',
    // The kiosk reads the chip; it queries no national database itself.
    DSKetNoiCSDL: [],
    MaThamChieuKiosk: d.localRef,
    DuLieuBieuMau: d.answers,
  };
}

export const Envelope = z.object({
  error_code: z.string(),
  message: z.string().optional(),
  result: z.unknown().optional(),
});

export const ProcedureListResult = z.array(
  z.object({
    MaTTHC: z.string(),
    TenTTHC: z.string(),
    MaLinhVuc: z.string().optional(),
    TenLinhVuc: z.string().optional(),
    /** Time limit and its unit: NgayLamViec (working days), Ngay (calendar days), Gio (hours). */
    ThoiHanGiaiQuyet: z.number().nonnegative().nullable().optional(),
    DonViThoiGian: z.enum(['NgayLamViec', 'Ngay', 'Gio']).nullable().optional(),
    PhiLePhi: z
      .array(
        z.object({
          MaPhiLePhi: z.string(),
          TenPhiLePhi: z.string(),
          KenhThucHien: z.enum(['0', '1', '2', '3']),
          Gia: z.number().int().nonnegative(),
        }),
      )
      .optional(),
    THANHPHANHOSO: z
      .array(z.object({ MAGIAYTO: z.string(), TENGIAYTO: z.string(), BATBUOC: z.enum(['0', '1']) }))
      .optional(),
  }),
);
export type WireProcedure = z.infer<typeof ProcedureListResult>[number];

export const UploadResult = z.object({
  IdTepTin: z.string().min(1),
  HashTepTin: z.string().regex(/^[0-9a-f]{64}$/),
  DuongDanTaiTepTin: z.string().min(1),
});

export const SubmitWireResult = z.object({
  MaHoSo: z.string().min(1),
  MaThamChieuKiosk: z.string(),
  TrangThaiHoSo: z.string(),
  NgayNopHoSo: z.string(),
  NgayHenTra: z.string(),
  DonViXuLy: z.string(),
  IdempotencyKey: z.string(),
});

export const WireEReceipt = z.object({
  SoBienLai: z.string().min(1),
  KyHieu: z.string(),
  NgayLap: Time14,
  SoTien: z.number().int().nonnegative(),
  DuongDanTraCuu: z.string().url(),
});

export const LookupResult = z.object({
  MaHoSo: z.string(),
  MaTTHC: z.string(),
  TenTTHC: z.string(),
  DonViXuLy: z.string(),
  TrangThaiHoSo: z.string(),
  NgayNopHoSo: z.string(),
  NgayHenTra: z.string(),
  /** null: nothing billed yet (no fee line in the dossier; the receiving officer sets it): unknown, not free. */
  TongLePhi: z.number().int().nonnegative().nullable(),
  DaThanhToan: z.boolean(),
  BienLaiDienTu: WireEReceipt.nullable(),
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
  BienLaiDienTu: WireEReceipt.nullable(),
});
