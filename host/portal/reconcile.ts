/**
 * Start-up reconciliation: the catalogue (the source of the forms) against what the provincial system lists
 * for each receiving agency — procedure codes, fees and time limits. Mismatches go to staff and diagnostics;
 * nothing is changed silently. The fee actually charged and printed is always the system's (payment request,
 * status lookup); the catalogue's is what the citizen sees before filing, so a difference must reach staff.
 */
import type { Service } from '../../common/catalogue/schema';
import { feesInForce } from '../../catalogue';
import type { AgencyTable } from './agencies/receiving-agency';
import { PortalError } from './errors';
import type { PortalAdapter, ProcedureSummary } from './types';
import { logger, swallowed } from '../log/logger';

const log = logger('reconcile');

export type FindingKind =
  'no-agency' | 'not-offered' | 'fee-differs' | 'time-limit-differs' | 'agency-unreachable';

export interface Finding {
  kind: FindingKind;
  serviceId: string | null;
  procedureCode: string | null;
  agencyCode: string | null;
  /** What the catalogue says and what the system says, as short text for staff. */
  catalogue: string | null;
  portal: string | null;
}

export interface Reconciliation {
  checkedAt: number;
  agencies: number;
  procedures: number;
  findings: Finding[];
  /** The system's fee lines per procedure code (from the first agency that lists it). */
  portalFees: Record<string, ProcedureSummary['fees']>;
}

const fmtFees = (fees: { channel: string; amountVnd: number }[]): string =>
  fees.length === 0
    ? '—'
    : fees
        .map((f) => `${f.channel} ${f.amountVnd}`)
        .sort()
        .join(', ');

const fmtTime = (t: { value: number; unit: string } | null): string => (t ? `${t.value} ${t.unit}` : '—');

/** Fee lines per channel, normalised: the system's "any" line counts for both channels the kiosk uses. */
function normalise(fees: { channel: string; amountVnd: number }[]): string {
  const out: { channel: string; amountVnd: number }[] = [];
  for (const f of fees) {
    if (f.channel === 'any')
      out.push(
        { channel: 'in-person', amountVnd: f.amountVnd },
        { channel: 'online', amountVnd: f.amountVnd },
      );
    else out.push(f);
  }
  return fmtFees(out);
}

export async function reconcileCatalogue(o: {
  portal: PortalAdapter;
  table: AgencyTable;
  services: readonly Service[];
  today: string;
  now?: () => number;
}): Promise<Reconciliation> {
  const findings: Finding[] = [];
  const byAgency = new Map<string, Map<string, ProcedureSummary>>();
  for (const a of o.table.agencies) {
    try {
      const list = await o.portal.listProcedures(a.code);
      byAgency.set(a.code, new Map(list.map((p) => [p.code, p])));
    } catch (err) {
      findings.push({
        kind: 'agency-unreachable',
        serviceId: null,
        procedureCode: null,
        agencyCode: a.code,
        catalogue: null,
        portal: err instanceof PortalError ? err.code : 'error',
      });
    }
  }
  let procedures = 0;
  for (const s of o.services) {
    if (s.kioskSupport.mode !== 'full') continue;
    const codes = [
      ...(Array.isArray(s.procedureCodes) ? s.procedureCodes.map((c) => c.code) : []),
      ...(s.linkedServices ?? []).flatMap((l) => (l.procedureCodes ?? []).map((c) => c.code)),
    ];
    for (const code of new Set(codes)) {
      const rule = o.table.procedures.find((p) => p.codes.includes(code));
      const base = { serviceId: s.id, procedureCode: code };
      if (!rule) {
        // Codes of other levels (central, another province's) are simply not filed here; only the first code
        // of a service, the one a dossier is filed under by default, must have an agency.
        if (code === codes[0])
          findings.push({ kind: 'no-agency', ...base, agencyCode: null, catalogue: code, portal: null });
        continue;
      }
      const agencies = o.table.agencies.filter((a) => a.kind === rule.kind && byAgency.has(a.code));
      for (const a of agencies) {
        procedures++;
        const p = byAgency.get(a.code)!.get(code);
        if (!p) {
          findings.push({ kind: 'not-offered', ...base, agencyCode: a.code, catalogue: code, portal: null });
          continue;
        }
        const ours = normalise(
          // A case whose amount no source gives (null) has nothing to compare.
          feesInForce(s, o.today).flatMap((f) =>
            f.amountVnd === null ? [] : [{ channel: f.channel, amountVnd: f.amountVnd }],
          ),
        );
        const theirs = normalise(p.fees);
        if (Array.isArray(s.fees) && ours !== theirs)
          findings.push({
            kind: 'fee-differs',
            ...base,
            agencyCode: a.code,
            catalogue: ours,
            portal: theirs,
          });
        const pt =
          'value' in s.processingTime ? { value: s.processingTime.value, unit: s.processingTime.unit } : null;
        if (pt && p.timeLimit && fmtTime(pt) !== fmtTime(p.timeLimit))
          findings.push({
            kind: 'time-limit-differs',
            ...base,
            agencyCode: a.code,
            catalogue: fmtTime(pt),
            portal: fmtTime(p.timeLimit),
          });
      }
    }
  }
  const portalFees: Record<string, ProcedureSummary['fees']> = {};
  for (const list of byAgency.values()) for (const p of list.values()) portalFees[p.code] ??= p.fees;
  return { checkedAt: (o.now ?? Date.now)(), agencies: byAgency.size, procedures, findings, portalFees };
}

/** Runs the reconciliation once at start-up (and on demand) and keeps the last result for staff and diagnostics. */
export class ReconciliationService {
  latest: Reconciliation | null = null;
  private running: Promise<Reconciliation | null> | null = null;

  constructor(
    private readonly o: {
      portal: PortalAdapter;
      table: AgencyTable;
      services: () => readonly Service[];
      today: () => string;
      onResult?: (r: Reconciliation) => void;
    },
  ) {}

  /** Never throws: an unreachable system shows up as `agency-unreachable` findings. */
  run(): Promise<Reconciliation | null> {
    this.running ??= reconcileCatalogue({
      portal: this.o.portal,
      table: this.o.table,
      services: this.o.services(),
      today: this.o.today(),
    })
      .then((r) => {
        this.latest = r;
        this.o.onResult?.(r);
        return r;
      })
      .catch(swallowed(log, 'warn', 'reconciliation failed', null))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }
}

/**
 * With `portal.feesFrom: "portal"`: the services as the citizen sees them, with the fee lines of the procedure
 * a dossier is filed under by default (the service's first code) replaced by the system's, where the system
 * lists that procedure. Exemption notes stay; the source says where the amount came from.
 */
export function withPortalFees(services: readonly Service[], r: Reconciliation | null): Service[] {
  if (!r) return [...services];
  return services.map((s) => {
    const code = Array.isArray(s.procedureCodes) ? s.procedureCodes[0]?.code : undefined;
    const lines = code ? r.portalFees[code] : undefined;
    if (!code || !lines) return s;
    const exemptions = Array.isArray(s.fees) ? (s.fees[0]?.exemptions ?? []) : [];
    return {
      ...s,
      fees: lines.map((l) => ({
        channel: l.channel,
        amountVnd: l.amountVnd,
        label: {
          vi: l.name,
          en: `Fee listed by the provincial system (${l.channel === 'any' ? 'any channel' : l.channel}): ${l.amountVnd} VND`,
        },
        exemptions,
        source: `Hệ thống thông tin giải quyết TTHC của tỉnh (${code}), đối chiếu lúc khởi động`,
        effectiveFrom: null,
      })),
    };
  });
}
