import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkingCalendar } from '../../calendar';
import { AgencyError } from '../errors';
import { startAgencyMock, type StartedAgencyMock } from '../start';
import { HttpVehicleRegistrationAdapter } from './http-adapter';
import type { DeclarationRecord } from './mock';
import type { VehicleDeclaration } from './types';

// A fictional owner and vehicle.
const declaration = (slotId: string, frame = 'RLHJC5210NY000001'): VehicleDeclaration => ({
  owner: {
    idNumber: '001099000001',
    fullName: 'NGUYỄN VĂN MẪU',
    dateOfBirth: '1990-01-01',
    placeOfResidence: 'Số 1 phố Mẫu, Phường Ba Đình, Thành phố Hà Nội',
  },
  vehicle: {
    kind: 'motorbike',
    brand: 'Hãng Mẫu',
    model: 'Kiểu Mẫu 125',
    colour: 'Đỏ đen',
    frameNumber: frame,
    engineNumber: 'JC52E0000001',
    invoice: { number: '0000123', date: '2026-11-20', seller: 'Cửa hàng xe máy Mẫu (mô phỏng)' },
  },
  policeUnitCode: 'CAX-00004',
  slotId,
});

describe('HttpVehicleRegistrationAdapter against the vehicle-registration mock', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dkx-'));
  let mock: StartedAgencyMock;
  let dkx: HttpVehicleRegistrationAdapter;
  const codeOf = (p: Promise<unknown>) =>
    p.then(
      () => 'ok',
      (e: AgencyError) => e.code,
    );

  beforeAll(async () => {
    mock = await startAgencyMock({ agency: 'vehicle-registration', recordsPath: path.join(dir, 'dkx.json') });
    dkx = new HttpVehicleRegistrationAdapter({ baseUrl: mock.url, timeoutMs: 2000 });
  });
  afterAll(async () => {
    await mock.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('names the commune police of the owner’s commune; an unknown commune has none', async () => {
    expect(await dkx.competentUnit('00004', 'motorbike')).toMatchObject({
      code: 'CAX-00004',
      name: 'Công an Phường Ba Đình (mô phỏng)',
    });
    expect(await codeOf(dkx.competentUnit('99999', 'motorbike'))).toBe('agency-not-found');
  });

  it('offers half-day sessions on working days only (host/calendar)', async () => {
    const slots = await dkx.inspectionSlots('CAX-00004');
    expect(slots).toHaveLength(20);
    const cal = loadWorkingCalendar();
    for (const s of slots) {
      expect(cal.isWorkingDay(s.date), s.id).toBe(true);
      expect(s.free).toBe(20);
    }
  });

  it('files the declaration, books the session, keeps the record; the same key gives the same code', async () => {
    const [slot] = await dkx.inspectionSlots('CAX-00004');
    const r = await dkx.declare(declaration(slot!.id), 'key-1');
    expect(r.code).toMatch(/^DKX-\d{6}-0001$/);
    expect(r).toMatchObject({ policeUnit: { code: 'CAX-00004' }, slot: { id: slot!.id }, feeVnd: null });
    expect((await dkx.declare(declaration(slot!.id), 'key-1')).code).toBe(r.code);
    const after = await dkx.inspectionSlots('CAX-00004');
    expect(after.find((s) => s.id === slot!.id)?.free).toBe(19);
    const records = await mock.records<DeclarationRecord>();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      code: r.code,
      slotId: slot!.id,
      declaration: { vehicle: { frameNumber: 'RLHJC5210NY000001', invoice: { number: '0000123' } } },
    });
  });

  it('refuses what a registration office would: same frame twice, unknown session, bad fields', async () => {
    const [slot] = await dkx.inspectionSlots('CAX-00004');
    expect(await codeOf(dkx.declare(declaration(slot!.id), 'key-2'))).toBe('agency-rejected');
    expect(await codeOf(dkx.declare(declaration('2020-01-01:morning', 'FRAME00002'), 'key-3'))).toBe(
      'agency-rejected',
    );
    const bad = declaration(slot!.id, 'FRAME00003');
    bad.vehicle.engineNumber = 'FRAME00003';
    expect(await codeOf(dkx.declare(bad, 'key-4'))).toBe('agency-rejected');
  });

  it('faults: down and reject', async () => {
    await mock.setFaults({ down: true });
    expect(await codeOf(dkx.inspectionSlots('CAX-00004'))).toBe('agency-unreachable');
    await mock.setFaults({ rejectRate: 1 });
    expect(await codeOf(dkx.inspectionSlots('CAX-00004'))).toBe('agency-rejected');
    await mock.setFaults({});
  });
});
