import { readFileSync } from 'node:fs';
import { loaiDinhDanh, type WireDossier, type WireProcedure } from '../wire';
import { parsePortalTime } from '../dates';
import type { MockPortalState } from './state';

/** The mock system's data: receiving agencies and the procedures each accepts (fixtures/portal/tthc.json). */
export interface MockTthcData {
  agencies: { MaDonVi: string; TenDonVi: string; MaTTHC: string[] }[];
  procedures: WireProcedure[];
}

export function defaultMockData(): MockTthcData {
  const url = new URL('../../../fixtures/portal/tthc.json', import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as MockTthcData;
}

export function findAgency(data: MockTthcData, code: unknown) {
  return data.agencies.find((a) => a.MaDonVi === code) ?? null;
}

export function findProcedure(data: MockTthcData, code: string) {
  return data.procedures.find((p) => p.MaTTHC === code) ?? null;
}

/**
 * The system's own fee for the channel (the catalogue's may be stale): the line for the channel, else "any";
 * null when it has no line (the amount is not the system's to bill: unknown, not free).
 */
export function feeFor(proc: WireProcedure, channel: string): number | null {
  const lines = proc.PhiLePhi ?? [];
  const line = lines.find((l) => l.KenhThucHien === channel) ?? lines.find((l) => l.KenhThucHien === '0');
  return line?.Gia ?? null;
}

/** Checks a dossier the way a receiving system would; returns the refusal message or null. */
export function validateDossier(
  data: MockTthcData,
  state: MockPortalState,
  agencyCode: string,
  d: WireDossier,
  now: number,
): string | null {
  const agency = findAgency(data, agencyCode);
  if (!agency) return 'Đơn vị tiếp nhận (madonvi) không tồn tại';
  if (d.DonViXuLy !== agencyCode) return 'DonViXuLy khác đơn vị nhận hồ sơ';
  const proc = findProcedure(data, d.MaTTHC);
  if (!proc || !agency.MaTTHC.includes(d.MaTTHC))
    return `Thủ tục ${d.MaTTHC} không thuộc thẩm quyền của ${agency.TenDonVi}`;
  const id = d.DinhDanhCHS[0]!;
  if (id.SoDinhDanh !== d.SoGiayToChuHoSo || id.LoaiDinhDanh !== loaiDinhDanh(d.SoGiayToChuHoSo))
    return 'DinhDanhCHS không khớp SoGiayToChuHoSo';
  const filed = parsePortalTime(d.NgayNopHoSo);
  if (filed === null || filed > now + 10 * 60_000) return 'NgayNopHoSo không hợp lệ';
  const components = new Set((proc.THANHPHANHOSO ?? []).map((c) => c.MAGIAYTO));
  for (const t of d.TaiLieuNop) {
    const file = state.fileById(t.TepDinhKemId);
    if (!file || file.path !== t.DuongDanTaiTepTin) return `Tệp ${t.TepDinhKemId} chưa được tải lên`;
    if (!components.has(t.MaThanhPhanHoSo))
      return `Thành phần hồ sơ ${t.MaThanhPhanHoSo} không thuộc thủ tục`;
  }
  for (const g of d.GiayToNopTaiQuay)
    if (g.MaThanhPhanHoSo && !components.has(g.MaThanhPhanHoSo))
      return `Thành phần hồ sơ ${g.MaThanhPhanHoSo} không thuộc thủ tục`;
  const digitised = d.TaiLieuNop.some((t) => t.DuocSoHoa === '1' && t.IsDeleted === '0');
  if ((d.HoSoCoThanhPhanSoHoa === '1') !== digitised) return 'HoSoCoThanhPhanSoHoa không khớp TaiLieuNop';
  if (d.DuocThanhToanTrucTuyen !== '0') return 'DuocThanhToanTrucTuyen chỉ được đặt khi đã thanh toán';
  return null;
}
