/**
 * Rules as data: what one dossier of a service is, from the citizen's answers, the chip (age on the
 * filing date), the exemption categories the citizen declared and the kiosk's filing channel:
 * the forms it needs, the ONE procedure code filed, and the fee (one line, an exemption, or unknown).
 * Used by the host (the dossier sent and charged) and the renderer (the fee box), so both say the same.
 * `checkRules` proves, for every case a service's conditions distinguish, exactly one code and at most
 * one fee line (run by `checkDefinitions`, so a bad definition is a catalogue error naming the service).
 */
import {
  ageOn,
  answerOf,
  evaluate,
  leaves,
  type FilingChannel,
  type RuleCondition,
  type RuleContext,
} from '../common/catalogue/conditions';
import type {
  Fee,
  FeeExemption,
  Form,
  FormRef,
  LocalText,
  ProcedureCode,
  Service,
} from '../common/catalogue/schema';

export {
  ageOn,
  evaluate,
  type FilingChannel,
  type RuleCondition,
  type RuleContext,
} from '../common/catalogue/conditions';

function inForce(
  item: { effectiveFrom: string | null; effectiveTo?: string | undefined },
  date: string,
): boolean {
  return (
    (item.effectiveFrom === null || item.effectiveFrom <= date) &&
    (!item.effectiveTo || date <= item.effectiveTo)
  );
}

const always = (c: RuleCondition | undefined, ctx: RuleContext): boolean => (c ? evaluate(c, ctx) : true);

/** The forms this case needs (FormRef `when`). */
export function formsNeeded(service: Service, ctx: RuleContext): FormRef[] {
  return service.forms.filter((f) => always(f.when, ctx));
}

/** The procedure code filed: the one whose `when` holds; or the first commune-level code when no code has a `when`. */
export function procedureCodesFor(service: Service, ctx: RuleContext): ProcedureCode[] {
  if (!Array.isArray(service.procedureCodes)) return [];
  const codes = service.procedureCodes;
  if (codes.some((c) => c.when)) return codes.filter((c) => c.when && evaluate(c.when, ctx));
  const first = codes.find((c) => c.level === 'commune') ?? codes[0];
  return first ? [first] : [];
}

/** The fee of one dossier, as the citizen is told it. */
export type FeeOutcome =
  | { status: 'due'; amountVnd: number; line: { label: LocalText; amountVnd: number; source: string } }
  | { status: 'free'; amountVnd: 0; line: { label: LocalText; amountVnd: 0; source: string } | null }
  | { status: 'exempt'; amountVnd: 0; exemption: { id: string; label: LocalText; note?: LocalText } }
  /** No source gives the fee: "Phí, lệ phí: cán bộ sẽ thông báo" — never "free". */
  | { status: 'unknown'; amountVnd: null; reason: LocalText | null };

function feeLinesFor(service: Service, ctx: RuleContext, date: string): Fee[] {
  if (!Array.isArray(service.fees)) return [];
  return service.fees.filter(
    (f) => inForce(f, date) && (f.channel === 'any' || f.channel === ctx.channel) && always(f.when, ctx),
  );
}

function exemptionFor(service: Service, ctx: RuleContext): FeeExemption | undefined {
  return (service.feeExemptions ?? []).find((e) => evaluate(e.when, ctx));
}

export function feeFor(service: Service, ctx: RuleContext, date: string): FeeOutcome {
  if (!Array.isArray(service.fees))
    return { status: 'unknown', amountVnd: null, reason: service.fees.reason };
  const lines = feeLinesFor(service, ctx, date);
  const line = lines[0];
  if (!line || lines.length > 1) return { status: 'unknown', amountVnd: null, reason: null };
  if (line.amountVnd === null) return { status: 'unknown', amountVnd: null, reason: line.label };
  if (line.amountVnd === 0)
    return { status: 'free', amountVnd: 0, line: { label: line.label, amountVnd: 0, source: line.source } };
  const ex = exemptionFor(service, ctx);
  if (ex)
    return {
      status: 'exempt',
      amountVnd: 0,
      exemption: { id: ex.id, label: ex.label, ...(ex.note ? { note: ex.note } : {}) },
    };
  return {
    status: 'due',
    amountVnd: line.amountVnd,
    line: { label: line.label, amountVnd: line.amountVnd, source: line.source },
  };
}

/**
 * The exemption categories worth asking: declared ones (the card cannot tell them), only when a fee is
 * due and nothing the card tells already exempts the citizen.
 */
export function askableExemptions(service: Service, ctx: RuleContext, date: string): FeeExemption[] {
  const fee = feeFor(service, { ...ctx, declared: [] }, date);
  if (fee.status !== 'due') return [];
  const all = (service.feeExemptions ?? [])
    .flatMap((e) => leaves(e.when))
    .flatMap((l) => ('declared' in l ? [l.declared] : []));
  // Only the categories that would exempt THIS dossier (e.g. a boundary change only for a card change).
  return (service.feeExemptions ?? []).filter(
    (e) => leaves(e.when).some((l) => 'declared' in l) && evaluate(e.when, { ...ctx, declared: all }),
  );
}

export interface DossierResolution {
  forms: FormRef[];
  /** Exactly one for a well-defined service; empty when the service has no code for this case. */
  codes: ProcedureCode[];
  fee: FeeOutcome;
}

export function resolveDossier(service: Service, ctx: RuleContext, date: string): DossierResolution {
  return {
    forms: formsNeeded(service, ctx),
    codes: procedureCodesFor(service, ctx),
    fee: feeFor(service, ctx, date),
  };
}

/** The rule context of a dossier: answers by form, age from the chip's date of birth on `date`. */
export function ruleContext(o: {
  answers: RuleContext['answers'];
  dateOfBirth: string | null | undefined;
  date: string;
  declared?: readonly string[];
  channel: FilingChannel;
}): RuleContext {
  return {
    answers: o.answers,
    age: ageOn(o.dateOfBirth, o.date),
    declared: o.declared ?? [],
    channel: o.channel,
  };
}

// ---------------------------------------------------------------------------------------------
// Validation: every case a service's conditions distinguish

/** One case to check: answers, age, declared categories, channel. */
export interface RuleCase {
  answers: Record<string, Record<string, unknown>>;
  age: number | null;
  declared: string[];
  channel: FilingChannel;
}

function conditionsOf(service: Service): RuleCondition[] {
  const codes = Array.isArray(service.procedureCodes) ? service.procedureCodes : [];
  const fees = Array.isArray(service.fees) ? service.fees : [];
  return [
    ...codes.flatMap((c) => (c.when ? [c.when] : [])),
    ...fees.flatMap((f) => (f.when ? [f.when] : [])),
    ...(service.feeExemptions ?? []).map((e) => e.when),
    ...service.forms.flatMap((f) => (f.when ? [f.when] : [])),
  ];
}

/** The values a field of the service's forms can take (choice options narrowed by `allow`, yes/no, preset). */
function fieldValues(
  service: Service,
  forms: readonly Form[],
  ref: string,
): { formId: string; field: string; values: unknown[] }[] {
  const dot = ref.lastIndexOf('.');
  const [formIdWanted, fieldId] = dot > 0 ? [ref.slice(0, dot), ref.slice(dot + 1)] : [null, ref];
  const out: { formId: string; field: string; values: unknown[] }[] = [];
  for (const r of service.forms) {
    if (formIdWanted && r.id !== formIdWanted) continue;
    const form = forms.find((f) => f.id === r.id && f.version === r.version);
    const field = form?.steps.flatMap((s) => s.fields).find((f) => f.id === fieldId);
    if (!field) continue;
    let values: unknown[];
    if (r.preset && fieldId in r.preset) values = [r.preset[fieldId]];
    else if (field.type === 'choice')
      values = (field.options ?? [])
        .map((o) => o.value)
        .filter((v) => !r.allow?.[fieldId] || r.allow[fieldId].includes(v));
    else if (field.type === 'yesno') values = [true, false];
    else values = [undefined];
    out.push({ formId: r.id, field: fieldId, values });
  }
  return out;
}

/** Every case the service's conditions distinguish (bounded: answers × ages × declared × channel). */
export function ruleCases(service: Service, forms: readonly Form[]): RuleCase[] {
  const ls = conditionsOf(service).flatMap(leaves);
  const ages = new Set<number | null>([null, 30]);
  for (const l of ls)
    if ('age' in l)
      for (const n of [l.age.lt, l.age.gte])
        if (n !== undefined) for (const a of [n - 1, n]) if (a >= 0) ages.add(a);
  const declared = [...new Set(ls.flatMap((l) => ('declared' in l ? [l.declared] : [])))];
  const refs = [...new Set(ls.flatMap((l) => ('answer' in l ? [l.answer] : [])))];
  let answerSets: Record<string, Record<string, unknown>>[] = [{}];
  for (const ref of refs)
    for (const { formId, field, values } of fieldValues(service, forms, ref))
      answerSets = answerSets.flatMap((a) =>
        values.map((v) => ({
          ...a,
          [formId]: { ...(a[formId] ?? {}), ...(v === undefined ? {} : { [field]: v }) },
        })),
      );
  const cases: RuleCase[] = [];
  for (const answers of answerSets)
    for (const age of ages)
      for (const d of [[], ...declared.map((x) => [x])])
        for (const channel of ['online', 'in-person'] as const)
          cases.push({ answers, age, declared: d, channel });
  return cases;
}

/** Problems of a service's rules: an answer no form asks, a declared category no exemption names, a case with 0 or 2+ codes or 2+ fee lines. */
export function checkRules(service: Service, forms: readonly Form[], dates: readonly string[]): string[] {
  const problems: string[] = [];
  const ls = conditionsOf(service).flatMap(leaves);
  for (const l of ls)
    if ('answer' in l && fieldValues(service, forms, l.answer).length === 0)
      problems.push(`condition on answer ${l.answer}: no form of the service asks it`);
  if (problems.length) return problems;
  if (service.kioskSupport.mode !== 'full') return problems;
  if (Array.isArray(service.procedureCodes) && !service.procedureCodes.some((c) => c.when)) {
    const filed = procedureCodesFor(service, { answers: {}, age: null, declared: [], channel: 'online' })[0];
    const peers = service.procedureCodes.filter((c) => c.level === filed?.level && c.code !== filed?.code);
    if (peers.length)
      problems.push(
        `several ${filed?.level} codes (${[filed?.code, ...peers.map((c) => c.code)].join(', ')}): say with \`when\` which one each case files`,
      );
  }
  const seen = new Set<string>();
  const describe = (c: RuleCase): string =>
    JSON.stringify({ answers: c.answers, age: c.age, declared: c.declared, channel: c.channel });
  for (const c of ruleCases(service, forms)) {
    const needed = formsNeeded(service, c);
    // Answers of forms the case does not need do not exist.
    const answers = Object.fromEntries(
      Object.entries(c.answers).filter(([id]) => needed.some((f) => f.id === id)),
    );
    const ctx: RuleContext = { ...c, answers };
    if (needed.length === 0) add(`no form for case ${describe(c)}`);
    if (Array.isArray(service.procedureCodes)) {
      const codes = procedureCodesFor(service, ctx);
      if (codes.length !== 1)
        add(
          `${codes.length} procedure codes (${codes.map((x) => x.code).join(', ')}) for case ${describe(c)}`,
        );
    }
    for (const date of dates) {
      const lines = feeLinesFor(service, ctx, date);
      if (lines.length > 1)
        add(
          `${lines.length} fee lines on ${date} (${lines.map((l) => l.amountVnd).join(' + ')}: alternatives are never added) for case ${describe(c)}`,
        );
      if (Array.isArray(service.fees) && lines.length === 0)
        add(`no fee line on ${date} for case ${describe(c)} (give a 0 line for a free case)`);
    }
  }
  return problems;
  function add(m: string): void {
    if (!seen.has(m) && seen.size < 5) problems.push(m);
    seen.add(m);
  }
}

/** Answer-value lookup re-exported for callers that read a rule's answer (e.g. the request kind shown). */
export { answerOf };

/**
 * The fee box before the answers are known: the lines in force for the configured channel (each case's
 * line once, labelled with its case), whether the fee is unknown, and an exemption the card already
 * proves (age) for every case.
 */
export function feeBox(
  service: Service,
  o: { channel: FilingChannel; date: string; dateOfBirth?: string | null | undefined },
): {
  lines: { label: LocalText; amountVnd: number | null }[];
  unknown: boolean;
  /** Why the fee is unknown, when the catalogue says. */
  reason?: LocalText;
  exemption: FeeExemption | null;
} {
  if (!Array.isArray(service.fees))
    return { lines: [], unknown: true, reason: service.fees.reason, exemption: null };
  const seen = new Set<string>();
  const lines = service.fees
    .filter((f) => inForce(f, o.date) && (f.channel === 'any' || f.channel === o.channel))
    .filter((f) => {
      const k = `${f.label.vi}|${f.amountVnd}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .map((f) => ({ label: f.label, amountVnd: f.amountVnd }));
  const age = ageOn(o.dateOfBirth, o.date);
  const exemption =
    age === null
      ? null
      : ((service.feeExemptions ?? []).find(
          (e) =>
            !leaves(e.when).some((l) => 'declared' in l || 'answer' in l) &&
            evaluate(e.when, { answers: {}, age, declared: [], channel: o.channel }),
        ) ?? null);
  return { lines, unknown: lines.length === 0, exemption };
}
