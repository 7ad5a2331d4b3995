/** The catalogue (services, forms, search, home tiles) and places (provinces, communes, old addresses). */
import { z } from 'zod';
import { Form, Service } from '../../catalogue/schema';
import { Empty, type MethodGroup } from './base';

export const PlaceOption = z.object({ code: z.string(), name: z.string() });
export const PlaceCandidate = z.object({
  provinceCode: z.string(),
  communeCode: z.string(),
  label: z.string(),
});
export const RemapAnswer = z.discriminatedUnion('status', [
  PlaceCandidate.extend({ status: z.literal('unique'), detail: z.string() }),
  z.object({ status: z.literal('ambiguous'), candidates: z.array(PlaceCandidate), detail: z.string() }),
  z.object({ status: z.literal('not-found') }),
]);
export type RemapAnswer = z.infer<typeof RemapAnswer>;

export const catalogueMethods = {
  'catalogue.services': { params: Empty, result: z.array(Service) },
  'catalogue.form': {
    params: z.object({ id: z.string().min(1).max(64), version: z.string().max(64).optional() }).strict(),
    result: Form,
  },
  'catalogue.home': {
    params: Empty,
    result: z.object({
      mostUsed: z.array(z.string()),
      categories: z.array(
        z.object({
          id: z.string(),
          label: z.object({ vi: z.string(), en: z.string() }),
          serviceIds: z.array(z.string()),
        }),
      ),
    }),
  },
  'catalogue.search': {
    params: z.object({ query: z.string().max(200) }).strict(),
    result: z.array(z.object({ serviceId: z.string(), score: z.number() })),
  },
  'catalogue.forms': {
    params: Empty,
    result: z.array(
      z.object({
        id: z.string(),
        version: z.string(),
        title: z.object({ vi: z.string(), en: z.string() }),
        effectiveFrom: z.string(),
        fidelity: z.string(),
      }),
    ),
  },
  'places.provinces': { params: Empty, result: z.array(PlaceOption) },
  'places.communes': {
    params: z.object({ provinceCode: z.string().regex(/^\d{2}$/) }).strict(),
    result: z.array(PlaceOption),
  },
  'places.remap': { params: z.object({ text: z.string().max(500) }).strict(), result: RemapAnswer },
  /** The kiosk's own commune (config `kioskCommuneCode`), offered first in address fields; null when unset. */
  'places.home': {
    params: Empty,
    result: z.object({ provinceCode: z.string(), communeCode: z.string(), label: z.string() }).nullable(),
  },
} as const satisfies MethodGroup;
