import { communeByCodeOrNull } from '../../../catalogue/admin-units';
import { addDays, loadWorkingCalendar, vietnamDate, vietnamInstant } from '../../calendar';
import { AgencyMockServer, notFound, ok, rejected } from '../mock-server';
import { JsonRecords } from '../records';
import { VehicleDeclaration, type InspectionSlot, type PoliceUnit } from './types';

/** What the mock keeps: each declaration as received, with its code and booked session. */
export interface DeclarationRecord {
  code: string;
  idempotencyKey: string;
  receivedAt: string;
  policeUnitCode: string;
  slotId: string;
  declaration: VehicleDeclaration;
}

/** Vehicles one unit inspects per half-day session in the mock. */
export const MOCK_SLOT_CAPACITY = 20;
/** Working days ahead the mock offers sessions for. */
const DAYS_AHEAD = 10;

/** The commune police of a current commune (fictional naming of a real unit: the mock's own "system"). */
function unitOf(communeCode: string): PoliceUnit | null {
  const c = communeByCodeOrNull(communeCode);
  if (!c) return null;
  return {
    code: `CAX-${c.code}`,
    name: `Công an ${c.fullName} (mô phỏng)`,
    address: `Trụ sở Công an ${c.fullName}, ${c.provinceName}`,
  };
}

/**
 * The police vehicle-registration system's mock: the commune police of any current commune registers
 * motorbikes for its residents; half-day inspection sessions on the working days of host/calendar (capacity
 * `MOCK_SLOT_CAPACITY`); declarations validated field by field and stored; the fee stays unknown (the
 * sources give no amount: TT 60/2023 as amended depends on the vehicle and the area).
 */
export function createVehicleRegistrationMock(opts: {
  recordsPath: string;
  now?: () => number;
}): AgencyMockServer {
  const now = opts.now ?? Date.now;
  const calendar = loadWorkingCalendar();
  const records = new JsonRecords<DeclarationRecord>(opts.recordsPath);

  const slotsOf = (unitCode: string): InspectionSlot[] => {
    const out: InspectionSlot[] = [];
    // From the next working day: today's sessions may already be over.
    let d = vietnamDate(now());
    while (out.length < DAYS_AHEAD * 2) {
      d = calendar.nextWorkingDay(addDays(d, 1));
      for (const halfDay of ['morning', 'afternoon'] as const) {
        const id = `${d}:${halfDay}`;
        const booked = records.list().filter((r) => r.policeUnitCode === unitCode && r.slotId === id).length;
        out.push({
          id,
          date: d,
          halfDay,
          at: vietnamInstant(d, halfDay === 'morning' ? '07:30' : '13:30'),
          free: Math.max(0, MOCK_SLOT_CAPACITY - booked),
        });
      }
    }
    return out;
  };

  return new AgencyMockServer(
    'vehicle-registration',
    {
      'police-units/competent': (b) => {
        if (b.kind !== 'motorbike') return rejected('Loại xe không hỗ trợ');
        const unit = typeof b.communeCode === 'string' ? unitOf(b.communeCode) : null;
        return unit ? ok(unit) : notFound('Không có đơn vị đăng ký xe cho xã, phường này');
      },
      'inspection-slots': (b) => {
        const code = String(b.policeUnitCode ?? '');
        if (!/^CAX-\d{5}$/.test(code) || !unitOf(code.slice(4))) return notFound('Đơn vị không tồn tại');
        return ok(slotsOf(code).filter((s) => s.free > 0));
      },
      declarations: (b) => {
        const key =
          typeof b.idempotencyKey === 'string' && b.idempotencyKey.length <= 200 ? b.idempotencyKey : '';
        if (!key) return rejected('Thiếu IdempotencyKey');
        const parsed = VehicleDeclaration.safeParse(b.declaration);
        if (!parsed.success)
          return rejected(`Tờ khai không hợp lệ: ${parsed.error.issues[0]?.path.join('.') ?? ''}`);
        const d = parsed.data;
        const unit = unitOf(d.policeUnitCode.replace(/^CAX-/, ''));
        if (!unit || unit.code !== d.policeUnitCode) return rejected('Đơn vị đăng ký xe không tồn tại');
        const known = records.find((r) => r.idempotencyKey === key);
        const slotView = (id: string) => {
          const [date, halfDay] = id.split(':') as [string, 'morning' | 'afternoon'];
          return { id, date, halfDay, at: vietnamInstant(date, halfDay === 'morning' ? '07:30' : '13:30') };
        };
        if (known)
          return ok({ code: known.code, policeUnit: unit, slot: slotView(known.slotId), feeVnd: null });
        if (d.vehicle.frameNumber === d.vehicle.engineNumber) return rejected('Số khung trùng số máy');
        if (records.find((r) => r.declaration.vehicle.frameNumber === d.vehicle.frameNumber))
          return rejected('Số khung đã được kê khai');
        if (d.vehicle.invoice.date > vietnamDate(now())) return rejected('Ngày hóa đơn ở tương lai');
        const slot = slotsOf(unit.code).find((s) => s.id === d.slotId);
        if (!slot || slot.free === 0) return rejected('Buổi hẹn không còn chỗ');
        const day = vietnamDate(now()).replace(/-/g, '').slice(2);
        const code = `DKX-${day}-${String(records.list().length + 1).padStart(4, '0')}`;
        records.add({
          code,
          idempotencyKey: key,
          receivedAt: new Date(now()).toISOString(),
          policeUnitCode: unit.code,
          slotId: slot.id,
          declaration: d,
        });
        return ok({ code, policeUnit: unit, slot: slotView(slot.id), feeVnd: null });
      },
    },
    records,
  );
}
