import { z } from 'zod';
import { callAgency, type AgencyHttpOptions } from '../http-client';
import {
  DeclarationReceipt,
  InspectionSlot,
  PoliceUnit,
  type VehicleDeclaration,
  type VehicleRegistrationAdapter,
} from './types';

/** `VehicleRegistrationAdapter` over the agency wire convention (see ../http-client.ts and README.md). */
export class HttpVehicleRegistrationAdapter implements VehicleRegistrationAdapter {
  constructor(private readonly opts: AgencyHttpOptions) {}

  competentUnit(communeCode: string, kind: 'motorbike'): Promise<PoliceUnit> {
    return callAgency(this.opts, 'police-units/competent', { communeCode, kind }, PoliceUnit);
  }
  inspectionSlots(policeUnitCode: string): Promise<InspectionSlot[]> {
    return callAgency(this.opts, 'inspection-slots', { policeUnitCode }, z.array(InspectionSlot));
  }
  declare(declaration: VehicleDeclaration, idempotencyKey: string): Promise<DeclarationReceipt> {
    return callAgency(this.opts, 'declarations', { declaration, idempotencyKey }, DeclarationReceipt);
  }
}
