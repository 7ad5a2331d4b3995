/** The catalogue's basic values: dates, bilingual text, "unknown" with its reason, ids. */
import { z } from 'zod';

export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'ISO date YYYY-MM-DD');

/** Every citizen-facing text exists in Vietnamese and English. */
export const LocalText = z.object({ vi: z.string().min(1), en: z.string().min(1) }).strict();
export type LocalText = z.infer<typeof LocalText>;

/** A value no source collected: the catalogue says so instead of inventing it. */
export const Unknown = z.object({ unknown: z.literal(true), reason: LocalText }).strict();
export type Unknown = z.infer<typeof Unknown>;

export const Id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'kebab-case id');
