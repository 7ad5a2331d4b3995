import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
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
  TongLePhi: number;
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

export interface StartedMockPortal {
  url: string;
  port: number;
  pid: number;
  /** Replaces the current faults (`POST /admin/faults`). */
  setFaults(f: Partial<Faults> & { expireSessions?: boolean }): Promise<void>;
  /** Every stored dossier with how many times it was pushed. */
  dossiers(): Promise<MockDossierView[]>;
  /** Moves the mock's clock forward (status progression) and optionally changes the step. */
  advanceClock(ms: number, stepMs?: number): Promise<void>;
  stop(): Promise<void>;
}

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

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
  const args = [
    '--import',
    'tsx',
    'scripts/portal-mock.ts',
    '--port',
    String(opts.port ?? 0),
    '--db',
    opts.dbPath,
  ];
  if (opts.stepMs !== undefined) args.push('--step-ms', String(opts.stepMs));
  if (opts.tokenTtlMs !== undefined) args.push('--token-ttl-ms', String(opts.tokenTtlMs));
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Inside Electron's main process (demo mode, unpackaged) execPath is Electron: run it as Node.
    ...(process.versions.electron ? { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } } : {}),
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => {
    stderr = (stderr + c.toString()).slice(-4000);
  });
  const port = await new Promise<number>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    const onExit = (code: number | null) =>
      reject(new Error(`mock portal exited (${code}) before ready: ${stderr}`));
    child.once('exit', onExit);
    rl.on('line', (line) => {
      try {
        const msg = JSON.parse(line) as { event?: string; port?: number };
        if (msg.event === 'ready' && typeof msg.port === 'number') {
          child.off('exit', onExit);
          resolve(msg.port);
        }
      } catch {
        /* not a JSON line */
      }
    });
  });
  const url = `http://127.0.0.1:${port}`;
  const admin = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(10_000),
    });
    return res.json();
  };
  return {
    url,
    port,
    pid: child.pid ?? -1,
    async setFaults(f) {
      await admin('POST', '/admin/faults', f);
    },
    async dossiers() {
      return (
        (await admin('GET', '/admin/dossiers')) as {
          dossiers: MockDossierView[];
        }
      ).dossiers;
    },
    async advanceClock(ms, stepMs) {
      await admin('POST', '/admin/clock', { advanceMs: ms, ...(stepMs === undefined ? {} : { stepMs }) });
    },
    stop() {
      return new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    },
  };
}
