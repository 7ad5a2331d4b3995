/**
 * A small, strict parser of the Prometheus text exposition format (0.0.4) — for tests and diagnostics. It
 * refuses what Prometheus would accept only by leniency: a sample before its family's TYPE, a family split in
 * two, a TYPE or HELP given twice, a duplicate series, a bad name, label or value, comments other than HELP
 * and TYPE, a missing final newline. Errors name the line.
 */
import { CodedError } from '../../common/errors';
export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

export interface ParsedSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}
export interface ParsedFamily {
  name: string;
  type: MetricType;
  help: string | null;
  samples: ParsedSample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

/** A diagnostic parser's refusal (tests and `doctor`), never sent to the renderer. */
export class ExpositionError extends CodedError<'metrics.exposition-invalid'> {
  override readonly name = 'ExpositionError';
  constructor(message: string) {
    super('metrics.exposition-invalid', message);
  }
}

function parseValue(s: string, line: number): number {
  if (s === 'NaN') return NaN;
  if (s === '+Inf') return Infinity;
  if (s === '-Inf') return -Infinity;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s))
    throw new ExpositionError(`line ${line}: bad value ${s}`);
  return Number(s);
}

function parseLabels(s: string, line: number): Record<string, string> {
  const labels: Record<string, string> = {};
  let i = 0;
  while (i < s.length) {
    const eq = s.indexOf('=', i);
    if (eq < 0) throw new ExpositionError(`line ${line}: label without =`);
    const name = s.slice(i, eq);
    if (!LABEL.test(name) || name.startsWith('__'))
      throw new ExpositionError(`line ${line}: bad label ${name}`);
    if (s[eq + 1] !== '"') throw new ExpositionError(`line ${line}: label ${name} not quoted`);
    let j = eq + 2;
    let value = '';
    for (;;) {
      const c = s[j];
      if (c === undefined) throw new ExpositionError(`line ${line}: unterminated label ${name}`);
      if (c === '"') break;
      if (c === '\\') {
        const n = s[j + 1];
        if (n === '\\') value += '\\';
        else if (n === '"') value += '"';
        else if (n === 'n') value += '\n';
        else throw new ExpositionError(`line ${line}: bad escape in label ${name}`);
        j += 2;
      } else {
        value += c;
        j++;
      }
    }
    if (Object.hasOwn(labels, name)) throw new ExpositionError(`line ${line}: label ${name} twice`);
    labels[name] = value;
    i = j + 1;
    if (s[i] === ',') i++;
    else if (i !== s.length) throw new ExpositionError(`line ${line}: expected , between labels`);
  }
  return labels;
}

/** The family a sample name belongs to (histogram/summary suffixes). */
function familyOf(name: string, families: Map<string, ParsedFamily>): ParsedFamily | undefined {
  if (families.has(name)) return families.get(name);
  for (const suffix of ['_bucket', '_sum', '_count']) {
    if (name.endsWith(suffix)) {
      const f = families.get(name.slice(0, -suffix.length));
      if (f && (f.type === 'histogram' || f.type === 'summary')) return f;
    }
  }
  return undefined;
}

export function parseExposition(text: string): ParsedFamily[] {
  if (!text.endsWith('\n')) throw new ExpositionError('the exposition must end with a newline');
  const families = new Map<string, ParsedFamily>();
  const closed = new Set<string>();
  const series = new Set<string>();
  let current: ParsedFamily | null = null;
  const lines = text.slice(0, -1).split('\n');
  lines.forEach((raw, idx) => {
    const line = idx + 1;
    if (raw === '') throw new ExpositionError(`line ${line}: empty line`);
    const enter = (name: string): ParsedFamily => {
      let f = families.get(name);
      if (current && current.name !== name) closed.add(current.name);
      if (closed.has(name)) throw new ExpositionError(`line ${line}: family ${name} is split`);
      if (!f) {
        f = { name, type: 'untyped', help: null, samples: [] };
        families.set(name, f);
      }
      current = f;
      return f;
    };
    if (raw.startsWith('#')) {
      const m = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(raw);
      if (!m) throw new ExpositionError(`line ${line}: only HELP and TYPE comments are allowed`);
      const [, kind, name, rest] = m as unknown as [string, string, string, string];
      if (!NAME.test(name)) throw new ExpositionError(`line ${line}: bad metric name ${name}`);
      const f = enter(name);
      if (kind === 'HELP') {
        if (f.help !== null) throw new ExpositionError(`line ${line}: HELP for ${name} twice`);
        f.help = rest.replace(/\\n/g, '\n').replace(/\\\\/g, '\\');
      } else {
        if (!TYPES.has(rest)) throw new ExpositionError(`line ${line}: bad type ${rest}`);
        if (f.samples.length || (f as { typed?: boolean }).typed)
          throw new ExpositionError(`line ${line}: TYPE for ${name} after its samples or twice`);
        f.type = rest as MetricType;
        (f as { typed?: boolean }).typed = true;
      }
      return;
    }
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: (-?\d+))?$/.exec(raw);
    if (!m) throw new ExpositionError(`line ${line}: not a sample: ${raw}`);
    const [, name, labelText, valueText] = m as unknown as [string, string, string | undefined, string];
    const f = familyOf(name, families) ?? enter(name);
    if (current !== f) throw new ExpositionError(`line ${line}: sample ${name} outside its family`);
    const labels = parseLabels(labelText ?? '', line);
    const key = `${name}${JSON.stringify(Object.entries(labels).sort())}`;
    if (series.has(key)) throw new ExpositionError(`line ${line}: duplicate series ${key}`);
    series.add(key);
    f.samples.push({ name, labels, value: parseValue(valueText, line) });
  });
  return [...families.values()].map(({ name, type, help, samples }) => ({ name, type, help, samples }));
}
