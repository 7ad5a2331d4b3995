/**
 * The staff console's tabs. A panel is one line here: an id, its label in the `staff` i18n namespace, and a
 * component. Panels call staff-only KioskApi methods; those answer `staff.locked` once staff mode closes.
 */
import type { ComponentType } from 'react';
import { AlertsPanel } from './AlertsPanel';
import { AssistPanel } from './AssistPanel';
import { OutboxPanel } from './OutboxPanel';
import { DevicesPanel } from './DevicesPanel';
import { DiagnosticsPanel } from './DiagnosticsPanel';

export interface StaffPanel {
  id: string;
  /** Key in the `staff` namespace (renderer/i18n/screens/staff.json). */
  labelKey: string;
  Component: ComponentType;
}

export const STAFF_PANELS: StaffPanel[] = [
  { id: 'alerts', labelKey: 'alerts.tab', Component: AlertsPanel },
  { id: 'devices', labelKey: 'devices.tab', Component: DevicesPanel },
  { id: 'diagnostics', labelKey: 'diagnostics.tab', Component: DiagnosticsPanel },
  { id: 'outbox', labelKey: 'staffOutbox:outbox.tab', Component: OutboxPanel },
  { id: 'assist', labelKey: 'staffOutbox:assist.tab', Component: AssistPanel },
];
