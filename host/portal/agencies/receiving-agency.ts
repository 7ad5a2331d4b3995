/**
 * The competent receiving agency of each dossier (`madonvi` / `DonViXuLy`), from a per-province table:
 * the procedure says which kind of agency handles it and at which level; for commune-level procedures the
 * commune of the address the dossier concerns (the citizen's remapped address) picks the agency, and when
 * that commune is not in this province's table the kiosk's own commune does, where the procedure may be
 * filed anywhere in the province. Never one code for every service.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { PortalError } from '../errors';
import demo from './demo-h22.json';

const AgencyCode = z.string().regex(/^[0-9A-Z]{2,3}(\.[0-9A-Z]{2,3}){2,4}$/);

export const AgencyTable = z.object({
  province: z.object({ code: z.string().min(1), name: z.string().min(1) }),
  /** `demo`: fictional; `official`: the province's own codes. */
  status: z.enum(['demo', 'official']),
  /** The kiosk's commune when the config names none (demo tables only). */
  kioskCommuneCode: z.string().optional(),
  agencies: z
    .array(
      z.object({
        code: AgencyCode,
        name: z.string().min(1),
        kind: z.string().min(1),
        /** Commune codes served; empty for a province-level agency. */
        communes: z.array(z.string()),
      }),
    )
    .min(1),
  procedures: z.array(
    z.object({
      codes: z.array(z.string().regex(/^\d\.\d{6}$/)).min(1),
      kind: z.string().min(1),
      scope: z.enum(['commune', 'province']),
      anywhereInProvince: z.boolean().default(false),
      note: z.string().optional(),
    }),
  ),
});
export type AgencyTable = z.infer<typeof AgencyTable>;

export interface ReceivingAgency {
  code: string;
  name: string;
}

export function loadAgencyTable(file?: string | null): AgencyTable {
  const raw: unknown = file ? JSON.parse(readFileSync(file, 'utf8')) : demo;
  const table = AgencyTable.parse(raw);
  for (const p of table.procedures)
    if (!table.agencies.some((a) => a.kind === p.kind))
      throw new Error(`agency table: no agency of kind ${p.kind}`);
  return table;
}

/**
 * @param communeCodes communes of the addresses the dossier concerns, most relevant first (e.g. the new
 *   address of a residence request, then the citizen's remapped residence).
 * @param kioskCommuneCode where the kiosk stands.
 * Throws `portal-no-agency` (final) when no agency in the table is competent.
 */
export function resolveReceivingAgency(
  table: AgencyTable,
  q: { procedureCode: string; communeCodes: (string | null | undefined)[]; kioskCommuneCode: string | null },
): ReceivingAgency {
  const rule = table.procedures.find((p) => p.codes.includes(q.procedureCode));
  if (!rule)
    throw new PortalError(
      'portal-no-agency',
      `no receiving agency for procedure ${q.procedureCode} in the table`,
    );
  const ofKind = table.agencies.filter((a) => a.kind === rule.kind);
  const pick = (a: (typeof ofKind)[number] | undefined): ReceivingAgency | null =>
    a ? { code: a.code, name: a.name } : null;
  if (rule.scope === 'province') {
    const a = ofKind.find((x) => x.communes.length === 0) ?? ofKind[0];
    return pick(a)!;
  }
  for (const c of q.communeCodes) {
    if (!c) continue;
    const a = pick(ofKind.find((x) => x.communes.includes(c)));
    if (a) return a;
  }
  // A demo table's fictional communes never match a real kiosk's commune: the table's own stands in.
  const kiosk =
    (table.status === 'demo' ? table.kioskCommuneCode : undefined) ??
    q.kioskCommuneCode ??
    table.kioskCommuneCode ??
    null;
  if (rule.anywhereInProvince && kiosk) {
    const a = pick(ofKind.find((x) => x.communes.includes(kiosk)));
    if (a) return a;
  }
  throw new PortalError(
    'portal-no-agency',
    `procedure ${q.procedureCode}: no ${rule.kind} serves the dossier's commune in ${table.province.name}`,
  );
}
