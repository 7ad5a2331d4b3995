import { z } from 'zod';

/** A police unit that registers vehicles and inspects them (commune police for motorbikes). */
export const PoliceUnit = z.object({
  code: z.string().min(1).max(32),
  name: z.string().max(200),
  address: z.string().max(300),
});
export type PoliceUnit = z.infer<typeof PoliceUnit>;

/** A half-day session in which the unit inspects vehicles (frame and engine numbers against the papers). */
export const InspectionSlot = z.object({
  /** `YYYY-MM-DD:morning|afternoon`. */
  id: z.string().regex(/^\d{4}-\d{2}-\d{2}:(morning|afternoon)$/),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  halfDay: z.enum(['morning', 'afternoon']),
  /** Start of the session, epoch ms. */
  at: z.number().int(),
  free: z.number().int().nonnegative(),
});
export type InspectionSlot = z.infer<typeof InspectionSlot>;

/** The sales invoice of a new vehicle (hóa đơn), as typed from the paper. */
export const SalesInvoice = z.object({
  number: z.string().min(1).max(40),
  /** `YYYY-MM-DD`. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  seller: z.string().min(1).max(200),
});

export const VehicleData = z.object({
  kind: z.literal('motorbike'),
  brand: z.string().min(1).max(60),
  model: z.string().min(1).max(60),
  colour: z.string().min(1).max(40),
  /** Số khung and số máy as parsed by common/vehicle/identifiers.ts. */
  frameNumber: z.string().regex(/^[0-9A-Z]{5,25}$/),
  engineNumber: z.string().regex(/^[0-9A-Z]{5,25}$/),
  invoice: SalesInvoice,
});
export type VehicleData = z.infer<typeof VehicleData>;

/** The online declaration (giấy khai đăng ký xe) the kiosk files. Personal: never logged. */
export const VehicleDeclaration = z.object({
  owner: z.object({
    idNumber: z.string().regex(/^\d{12}$/),
    fullName: z.string().min(1).max(100),
    dateOfBirth: z.string().max(10),
    placeOfResidence: z.string().max(300),
  }),
  vehicle: VehicleData,
  policeUnitCode: z.string().min(1).max(32),
  slotId: InspectionSlot.shape.id,
});
export type VehicleDeclaration = z.infer<typeof VehicleDeclaration>;

export const DeclarationReceipt = z.object({
  /** The system's code for the declaration (mã hồ sơ). */
  code: z.string().min(1).max(40),
  policeUnit: PoliceUnit,
  slot: InspectionSlot.omit({ free: true }),
  /** The registration fee when the system states it; null: unknown (staff will tell), never "free". */
  feeVnd: z.number().int().nonnegative().nullable(),
});
export type DeclarationReceipt = z.infer<typeof DeclarationReceipt>;

/**
 * The police vehicle-registration system: the competent unit for an owner's commune, its inspection
 * sessions, and the online declaration with the inspection booked. Throws `AgencyError`.
 */
export interface VehicleRegistrationAdapter {
  /** The unit that registers this kind of vehicle for residents of the commune (`agency-not-found`: none). */
  competentUnit(communeCode: string, kind: 'motorbike'): Promise<PoliceUnit>;
  /** Sessions with room in the coming working days. */
  inspectionSlots(policeUnitCode: string): Promise<InspectionSlot[]>;
  /** Files the declaration and books the slot; the same key gives the same receipt. */
  declare(d: VehicleDeclaration, idempotencyKey: string): Promise<DeclarationReceipt>;
}
