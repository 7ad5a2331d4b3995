import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EnqueueInput } from '../store';

/** A scratch directory removed by the returned cleanup. */
export function scratchDir(prefix = 'kiosk-store-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A dossier for a fictional person. */
export function sampleEnqueue(n: number, over: Partial<EnqueueInput> = {}): EnqueueInput {
  return {
    localRef: `L-${n}`,
    idempotencyKey: `idem-${n}`,
    serviceId: 'temporary-residence',
    procedureCode: '1.004194',
    procedureName: 'Đăng ký tạm trú',
    maskedId: '0010******45',
    payload: { ChuHoSo: 'Phạm Thị Hư Cấu', MaDoiTuong: '001099000145', n },
    applicant: { fullName: 'Phạm Thị Hư Cấu' },
    appointmentAt: null,
    feeVnd: 15000,
    feePaid: true,
    ...over,
  };
}
