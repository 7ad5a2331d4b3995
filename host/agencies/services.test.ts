import { describe, expect, it } from 'vitest';
import type { Identity } from '../../common/identity';
import { readVietQr } from '../portal/payment';
import { SessionManager } from '../session/session-manager';
import type { AgencyReceipt, AgencyReceiptPrinter } from './receipt-pdf';
import { TrafficFineService } from './traffic-fines/service';
import type { FinePayment, FinePaymentState, TrafficFineAdapter, Violation } from './traffic-fines/types';
import { VehicleRegistrationService } from './vehicle-registration/service';
import type {
  DeclarationReceipt,
  VehicleDeclaration,
  VehicleRegistrationAdapter,
} from './vehicle-registration/types';

const printed: AgencyReceipt[] = [];
const receipts = {
  print: async (r: AgencyReceipt) => (printed.push(r), { kind: 'file' }),
} as unknown as AgencyReceiptPrinter;
const code = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: { code: string }) => e.code,
  );

const violation = (id: string, paid = false): Violation => ({
  id,
  decisionNumber: `${id.slice(-1)}/QĐ-XPHC`,
  plate: '99A99901',
  at: '2026-10-03T07:42:00+07:00',
  place: 'Nơi mẫu',
  offence: 'Hành vi mẫu',
  issuedBy: 'Đơn vị mẫu',
  amountVnd: 100_000,
  deadline: '2026-12-15',
  paid,
});

function fines() {
  const asked: string[][] = [];
  const adapter: TrafficFineAdapter = {
    findByPlate: async () => [violation('V1'), violation('V2', true)],
    findByDecision: async () => [violation('V1')],
    requestPayment: async (ids) => {
      asked.push(ids);
      return {
        reference: 'NPGT1',
        violationIds: ids,
        amountVnd: 100_000 * ids.length,
        bankBin: '970436',
        accountNo: '1',
        accountName: 'KB',
      } satisfies FinePayment;
    },
    paymentStatus: async (reference) =>
      ({
        reference,
        state: 'paid',
        amountVnd: 100_000,
        violationIds: ['V1'],
        eReceipt: {
          number: '0000001',
          series: 'BLP-26XP',
          url: 'https://x.example/1',
          issuedAt: '2026-11-30T10:00:00+07:00',
        },
      }) satisfies FinePaymentState,
    cancelPayment: async (reference) =>
      ({
        reference,
        state: 'cancelled',
        amountVnd: 100_000,
        violationIds: ['V1'],
        eReceipt: null,
      }) satisfies FinePaymentState,
  };
  const sessions = new SessionManager();
  return { svc: new TrafficFineService({ adapter, sessions, receipts }), sessions, asked };
}

describe('TrafficFineService', () => {
  it('needs a session; refuses a plate it cannot read before asking the agency', async () => {
    const { svc, sessions } = fines();
    expect(await code(svc.lookup('plate', '99A99901'))).toBe('session-required');
    sessions.start('vi');
    expect(await code(svc.lookup('plate', '9A'))).toBe('plate-bad-shape');
    expect(await code(svc.lookup('decision', 'abc'))).toBe('decision-bad-shape');
  });

  it('pays only unpaid violations of this session’s lookups, with a VietQR of the amount and reference', async () => {
    const { svc, sessions, asked } = fines();
    sessions.start('vi');
    const found = await svc.lookup('plate', '99a-999.01');
    expect(found.query).toBe('99A-999.01');
    expect(found.violations.map((v) => [v.id, v.plate, v.at])).toEqual([
      ['V1', '99A-999.01', Date.parse('2026-10-03T07:42:00+07:00')],
      ['V2', '99A-999.01', Date.parse('2026-10-03T07:42:00+07:00')],
    ]);
    expect(await code(svc.pay(['V2']))).toBe('fines-not-payable');
    expect(await code(svc.pay(['V9']))).toBe('fines-not-payable');
    const p = await svc.pay(['V1']);
    expect(asked).toEqual([['V1']]);
    expect(readVietQr(p.vietQr!)).toEqual({
      bankBin: '970436',
      accountNo: '1',
      amountVnd: 100_000,
      reference: 'NPGT1',
    });
    await svc.print('NPGT1');
    const r = printed.at(-1)!;
    expect(r.rows).toContainEqual(['Biên lai điện tử', 'Số 0000001, ký hiệu BLP-26XP']);
    expect(r.qr?.text).toBe('https://x.example/1');
  });

  it('forgets every lookup and payment when the session ends', async () => {
    const { svc, sessions } = fines();
    sessions.start('vi');
    await svc.lookup('plate', '99A99901');
    await svc.pay(['V1']);
    sessions.end('done');
    sessions.start('vi');
    expect(await code(svc.check('NPGT1'))).toBe('fines-unknown-payment');
    expect(await code(svc.pay(['V1']))).toBe('fines-not-payable');
  });
});

describe('VehicleRegistrationService', () => {
  const identity = {
    idNumber: '001190012345',
    fullName: 'Nguyễn Thị Hồng Nhung',
    dateOfBirth: '1990-03-15',
    placeOfResidence: 'Số 18 Ngõ 56 Phố Ngọc Khánh, Phường Giảng Võ, Quận Ba Đình, Hà Nội',
  } as Identity;
  function rig(kioskCommuneCode: string | null = null) {
    const communes: string[] = [];
    const declared: VehicleDeclaration[] = [];
    const adapter: VehicleRegistrationAdapter = {
      competentUnit: async (c) => (
        communes.push(c),
        { code: `CAX-${c}`, name: 'Công an mẫu', address: 'Địa chỉ mẫu' }
      ),
      inspectionSlots: async () => [
        { id: '2026-12-02:morning', date: '2026-12-02', halfDay: 'morning', at: 1, free: 3 },
      ],
      declare: async (d) => {
        declared.push(d);
        return {
          code: 'DKX-261130-0001',
          policeUnit: { code: d.policeUnitCode, name: 'Công an mẫu', address: 'Địa chỉ mẫu' },
          slot: { id: d.slotId, date: '2026-12-02', halfDay: 'morning', at: 1 },
          feeVnd: null,
        } satisfies DeclarationReceipt;
      },
    };
    const sessions = new SessionManager();
    return {
      svc: new VehicleRegistrationService({ adapter, sessions, receipts, kioskCommuneCode }),
      sessions,
      communes,
      declared,
    };
  }
  const input = {
    brand: 'Honda',
    model: 'Wave',
    colour: 'Xanh',
    frameNumber: 'rlh-jc5210 ny000777',
    engineNumber: 'JC52E0000777',
    invoiceNumber: '0000123',
    invoiceDate: '2026-11-20',
    seller: 'Cửa hàng mẫu',
  };

  it('asks the commune police of the chip’s residence, remapped to the current ward', async () => {
    const { svc, sessions, communes } = rig('00004');
    expect(await code(svc.start())).toBe('session-required');
    sessions.start('vi').personal.set('identity', identity);
    const s = await svc.start();
    expect(communes).toEqual(['00025']);
    expect(s.feeVnd).toBeNull();
  });

  it('falls back to the kiosk’s commune, and says so when there is none', async () => {
    const a = rig('00004');
    a.sessions.start('vi').personal.set('identity', { ...identity, placeOfResidence: null });
    await a.svc.start();
    expect(a.communes).toEqual(['00004']);
    const b = rig(null);
    b.sessions.start('vi').personal.set('identity', { ...identity, placeOfResidence: null });
    expect(await code(b.svc.start())).toBe('vehicle-no-police-unit');
  });

  it('files the owner from the chip and the vehicle as parsed; the receipt says the fee is unknown', async () => {
    const { svc, sessions, declared } = rig();
    sessions.start('vi').personal.set('identity', identity);
    await svc.start();
    expect(await code(svc.declare({ ...input, frameNumber: 'AB1' }, '2026-12-02:morning'))).toBe(
      'vehicle-id-length',
    );
    expect(await code(svc.declare(input, '2026-12-09:morning'))).toBe('bad-params');
    const r = await svc.declare(input, '2026-12-02:morning');
    expect(declared[0]).toMatchObject({
      owner: { idNumber: '001190012345', fullName: 'Nguyễn Thị Hồng Nhung' },
      vehicle: { frameNumber: 'RLHJC5210NY000777', invoice: { date: '2026-11-20' } },
      policeUnitCode: 'CAX-00025',
    });
    expect(r.maskedId).not.toContain('190012345');
    await svc.print(r.code);
    expect(printed.at(-1)!.rows).toContainEqual(['Lệ phí đăng ký xe', 'Cán bộ sẽ thông báo khi kiểm tra xe']);
    sessions.end('done');
    expect(await code(svc.print(r.code))).toBe('vehicle-unknown-receipt');
  });
});
