import { mockHandle, startMockProcess, type MockHandle } from '../../mock-process/mock-process';
import type { Faults } from './faults';

/** One dossier as `GET /admin/dossiers` shows it (fields as the system stored them, files by component). */
export interface MockDossierView {
  MaHoSo: string;
  IdempotencyKey: string;
  MaThamChieuKiosk: string;
  MaTTHC: string;
  DonViXuLy: string;
  requests: number;
  TrangThaiHoSo: number;
  TongLePhi: number | null;
  DaThanhToan: boolean;
  NgayHenTra: string;
  KenhThucHien: string;
  HoSoCoThanhPhanSoHoa: string;
  TaiKhoanDuocXacThucVoiVNeID: string;
  DuocThanhToanTrucTuyen: string;
  TaiLieuNop: { MaThanhPhanHoSo: string; TenTepDinhKem: string; KichThuoc: number }[];
  GiayToNopTaiQuay: { MaThanhPhanHoSo: string; TenGiayTo: string }[];
  BienLaiDienTu: string | null;
}

export interface StartedMockPortal extends MockHandle<Partial<Faults> & { expireSessions?: boolean }> {
  /** Every stored dossier with how many times it was pushed. */
  dossiers(): Promise<MockDossierView[]>;
  /** Moves the mock's clock forward (status progression) and optionally changes the step. */
  advanceClock(ms: number, stepMs?: number): Promise<void>;
}

/**
 * Spawns `scripts/portal-mock.ts` as a child process (the mock is a real server in its own process) and
 * resolves once it prints `{"event":"ready","port":N}`. `port: 0` picks a free port.
 */
export async function startMockPortal(opts: {
  port?: number;
  dbPath: string;
  stepMs?: number;
  tokenTtlMs?: number;
}): Promise<StartedMockPortal> {
  const args = ['--port', String(opts.port ?? 0), '--db', opts.dbPath];
  if (opts.stepMs !== undefined) args.push('--step-ms', String(opts.stepMs));
  if (opts.tokenTtlMs !== undefined) args.push('--token-ttl-ms', String(opts.tokenTtlMs));
  const p = await startMockProcess('scripts/portal-mock.ts', args);
  return {
    ...mockHandle<Partial<Faults> & { expireSessions?: boolean }>(p),
    async dossiers() {
      return ((await p.admin('GET', '/admin/dossiers')) as { dossiers: MockDossierView[] }).dossiers;
    },
    async advanceClock(ms, stepMs) {
      await p.admin('POST', '/admin/clock', { advanceMs: ms, ...(stepMs === undefined ? {} : { stepMs }) });
    },
  };
}
