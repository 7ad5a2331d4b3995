import type { ComponentType } from 'react';
import type { Identity } from '../../common/identity';
import type { Service } from '../../catalogue/schema';
import { FinesFlow } from './FinesFlow';
import { VehicleFlow } from './VehicleFlow';

/** What App gives every agency flow. */
export interface AgencyFlowProps {
  service: Service;
  /** The identified citizen (flows with `identify: true`), else null. */
  identity: Identity | null;
  demoMode: boolean;
  /** End the session and open the queue-ticket screen (a way forward when the agency fails). */
  onQueue(): void;
  /** End the session (rating, then the end screen). */
  onFinish(): void;
}

/** The flow of each agency (catalogue `kioskSupport.agency`); one line per agency. */
export const AGENCY_FLOWS: Record<string, ComponentType<AgencyFlowProps>> = {
  'traffic-fines': FinesFlow,
  'vehicle-registration': VehicleFlow,
};
