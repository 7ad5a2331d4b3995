/** Every method of the API: the area groups merged into one table (a name is defined in exactly one area). */
import type { z } from 'zod';
import type { MethodGroup } from './base';
import { agencyMethods } from './agencies';
import { catalogueMethods } from './catalogue';
import { deviceMethods } from './devices';
import { dossierMethods } from './dossier';
import { identifyMethods } from './identify';
import { sessionMethods } from './session';
import { staffMethods } from './staff';

/** The area groups, for the test that no method name is defined twice (a spread would hide it). */
export const methodGroups = {
  devices: deviceMethods,
  session: sessionMethods,
  identify: identifyMethods,
  dossier: dossierMethods,
  agencies: agencyMethods,
  staff: staffMethods,
  catalogue: catalogueMethods,
} as const satisfies Record<string, MethodGroup>;

export const methods = {
  ...deviceMethods,
  ...sessionMethods,
  ...identifyMethods,
  ...dossierMethods,
  ...agencyMethods,
  ...staffMethods,
  ...catalogueMethods,
} as const satisfies MethodGroup;

export type MethodName = keyof typeof methods;
export type Params<M extends MethodName> = z.input<(typeof methods)[M]['params']>;
export type Result<M extends MethodName> = z.output<(typeof methods)[M]['result']>;
