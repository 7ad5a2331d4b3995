/**
 * The catalogue's data model: services (the 25 essential services of Project 06) and versioned forms.
 * Pure zod: used by the renderer (form engine), the host (re-validation) and the CLI (JSON Schema export).
 *
 * Split by area: `schema/text.ts` (dates, bilingual text, ids), `schema/form.ts` (forms), `schema/service.ts`
 * (services); this file is the one place to import them from.
 */
export * from './schema/text';
export * from './schema/form';
export * from './schema/service';
