import type { ComponentType } from 'react';
import { FinesFlow } from './FinesFlow';
import { VehicleFlow } from './VehicleFlow';
import type { AgencyFlowProps } from './flow-props';

export type { AgencyFlowProps } from './flow-props';

/** The flow of each agency (catalogue `kioskSupport.agency`); one line per agency. */
export const AGENCY_FLOWS: Record<string, ComponentType<AgencyFlowProps>> = {
  'traffic-fines': FinesFlow,
  'vehicle-registration': VehicleFlow,
};
