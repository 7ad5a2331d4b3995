import { randomUUID } from 'node:crypto';
import { remapOldAddress } from '../../../catalogue/admin-units';
import { KioskApiError, type VehicleInput, type VehicleReceiptView } from '../../../common/api/contract';
import type { Identity } from '../../../common/identity';
import { formatDateTime, formatMoney } from '../../../common/text/format';
import { parseVehicleIdentifier } from '../../../common/vehicle/identifiers';
import { formatAppointment } from '../../calendar/appointment';
import type { SessionManager } from '../../session/session-manager';
import { maskIdNumber } from '../../store/pii';
import type { AgencyReceiptPrinter } from '../receipt-pdf';
import type { InspectionSlot, PoliceUnit, VehicleRegistrationAdapter } from './types';

/** What to bring to the inspection (procedure records 1.013067 / 1.012575 and the catalogue's documents). */
export const VEHICLE_TO_BRING = [
  'Chiếc xe đã kê khai (để kiểm tra số khung, số máy)',
  'Thẻ căn cước của chủ xe',
  'Giấy tờ nguồn gốc xe: hóa đơn bán hàng, phiếu kiểm tra chất lượng xuất xưởng (có bản chà số khung, số máy)',
  'Chứng từ nộp lệ phí trước bạ',
] as const;

/**
 * Service 07: the identified owner declares a motorbike online and books the inspection at the commune
 * police of their commune (from the chip's residence, remapped to the current units; else the kiosk's
 * commune). The declaration and its receipt live in the session only.
 */
export class VehicleRegistrationService {
  private unit: PoliceUnit | null = null;
  private slots: InspectionSlot[] = [];
  private receipts = new Map<string, VehicleReceiptView>();
  private key: string | null = null;

  constructor(
    private readonly o: {
      adapter: VehicleRegistrationAdapter;
      sessions: SessionManager;
      receipts: AgencyReceiptPrinter;
      kioskCommuneCode: string | null;
    },
  ) {
    o.sessions.onEnd(() => {
      this.unit = null;
      this.slots = [];
      this.receipts.clear();
      this.key = null;
    });
  }

  private identity(): Identity {
    const id = this.o.sessions.active?.personal.get('identity');
    if (!id) throw new KioskApiError('session-required', 'the owner must be identified first');
    return id;
  }

  /** The owner's current commune: the chip's residence remapped when unambiguous, else the kiosk's. */
  private communeCode(id: Identity): string | null {
    const r = id.placeOfResidence ? remapOldAddress(id.placeOfResidence) : null;
    if (r?.status === 'unique') return r.unit.code;
    return this.o.kioskCommuneCode;
  }

  async start(): Promise<{
    policeUnit: PoliceUnit;
    slots: Omit<InspectionSlot, 'free'>[];
    feeVnd: number | null;
  }> {
    const id = this.identity();
    const commune = this.communeCode(id);
    if (!commune) throw new KioskApiError('vehicle-no-police-unit', 'no commune for the owner');
    this.unit = await this.o.adapter.competentUnit(commune, 'motorbike');
    this.slots = await this.o.adapter.inspectionSlots(this.unit.code);
    this.key = randomUUID();
    if (this.slots.length === 0) throw new KioskApiError('vehicle-no-slot', 'no inspection session free');
    return {
      policeUnit: this.unit,
      slots: this.slots.map(({ free: _free, ...s }) => s),
      // The sources give no amount (TT 60/2023 as amended depends on vehicle and area): unknown, never free.
      feeVnd: null,
    };
  }

  async declare(input: VehicleInput, slotId: string): Promise<VehicleReceiptView> {
    const id = this.identity();
    if (!this.unit || !this.key) throw new KioskApiError('vehicle-not-started', 'vehicle.start first');
    if (!this.slots.some((s) => s.id === slotId)) throw new KioskApiError('bad-params', 'unknown session');
    const frame = parseVehicleIdentifier(input.frameNumber);
    const engine = parseVehicleIdentifier(input.engineNumber);
    if (!frame.ok) throw new KioskApiError(frame.error, 'frame number');
    if (!engine.ok) throw new KioskApiError(engine.error, 'engine number');
    const nfc = (s: string) => s.normalize('NFC').trim();
    const vehicle = {
      kind: 'motorbike' as const,
      brand: nfc(input.brand),
      model: nfc(input.model),
      colour: nfc(input.colour),
      frameNumber: frame.value,
      engineNumber: engine.value,
      invoice: { number: nfc(input.invoiceNumber), date: input.invoiceDate, seller: nfc(input.seller) },
    };
    const r = await this.o.adapter.declare(
      {
        owner: {
          idNumber: id.idNumber,
          fullName: id.fullName,
          dateOfBirth: id.dateOfBirth,
          placeOfResidence: id.placeOfResidence ?? '',
        },
        vehicle,
        policeUnitCode: this.unit.code,
        slotId,
      },
      this.key,
    );
    const view: VehicleReceiptView = {
      code: r.code,
      maskedId: maskIdNumber(id.idNumber),
      ownerName: id.fullName,
      vehicle: {
        brand: vehicle.brand,
        model: vehicle.model,
        colour: vehicle.colour,
        frameNumber: vehicle.frameNumber,
        engineNumber: vehicle.engineNumber,
      },
      policeUnit: r.policeUnit,
      slot: r.slot,
      feeVnd: r.feeVnd,
      receivedAt: Date.now(),
    };
    this.receipts.set(r.code, view);
    return view;
  }

  /** Prints the receipt (Vietnamese): the code, the vehicle, where and when to bring it, what to bring, the fee. */
  async print(code: string): Promise<{ kind: string }> {
    const v = this.receipts.get(code);
    if (!v) throw new KioskApiError('vehicle-unknown-receipt', 'not a declaration of this session');
    return this.o.receipts.print({
      title: 'Phiếu xác nhận kê khai đăng ký xe và lịch hẹn kiểm tra xe',
      rows: [
        ['Mã hồ sơ', v.code],
        ['Chủ xe', v.ownerName],
        ['Số định danh', v.maskedId],
        ['Thời gian kê khai', formatDateTime(v.receivedAt)],
        ['Xe', `${v.vehicle.brand} ${v.vehicle.model}, màu ${v.vehicle.colour}`],
        ['Số khung / số máy', `${v.vehicle.frameNumber} / ${v.vehicle.engineNumber}`],
        ['Nơi kiểm tra xe', `${v.policeUnit.name} — ${v.policeUnit.address}`],
        ['Lịch hẹn kiểm tra xe', formatAppointment(v.slot.at)],
        [
          'Lệ phí đăng ký xe',
          v.feeVnd === null ? 'Cán bộ sẽ thông báo khi kiểm tra xe' : formatMoney(v.feeVnd, { unit: 'đồng' }),
        ],
      ],
      toBringTitle: 'Khi đến kiểm tra xe, xin mang theo',
      toBring: [...VEHICLE_TO_BRING],
      code: v.code,
    });
  }
}
