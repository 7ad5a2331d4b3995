/**
 * Service search for the touchscreen: diacritic-insensitive (`foldForSearch`), token based, tolerant of
 * one typo (Damerau-Levenshtein ≤ 1) in tokens of 4+ letters and in whole phrases ("tam tu" → "tạm trú"),
 * with colloquial synonyms ("hộ khẩu", "CMND", "sổ đỏ") carried by each service's `keywords`.
 */
import { foldForSearch } from '../common/text/vietnamese';
import { loadCatalogue } from './index';
import type { Category, LocalText, Service } from '../common/catalogue/schema';

export interface SearchHit {
  service: Service;
  score: number;
}

/** Query-side expansions for abbreviations people type (folded → folded). */
const SYNONYMS: Record<string, string> = {
  cmnd: 'chung minh nhan dan',
  cmt: 'chung minh nhan dan',
  cccd: 'can cuoc cong dan',
  gplx: 'giay phep lai xe',
  'bang lai': 'giay phep lai xe',
  bhyt: 'bao hiem y te',
  bhxh: 'bao hiem xa hoi',
  mst: 'ma so thue',
  lltp: 'ly lich tu phap',
  'so do': 'dat dai',
  'so hong': 'dat dai',
  'ho khau': 'thuong tru',
  kt3: 'tam tru',
};

/** Damerau-Levenshtein distance (optimal string alignment), stopping early above `max`. */
export function damerauLevenshtein(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => {
    const row = new Array<number>(cols).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j < cols; j++) d[0]![j] = j;
  for (let i = 1; i < rows; i++) {
    let rowMin = Infinity;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
  }
  return d[rows - 1]![cols - 1]!;
}

export function tokenize(text: string): string[] {
  return foldForSearch(text)
    .split(/[^a-z0-9.]+/)
    .map((t) => t.replace(/^\.+|\.+$/g, ''))
    .filter((t) => t.length > 0);
}

function expand(query: string): string {
  let folded = ` ${tokenize(query).join(' ')} `;
  for (const [from, to] of Object.entries(SYNONYMS))
    if (folded.includes(` ${from} `)) folded = folded.replace(` ${from} `, ` ${from} ${to} `);
  return folded.trim();
}

interface Indexed {
  service: Service;
  tokens: Set<string>;
  /** folded phrases with spaces removed: names, short names, keywords */
  phrases: { squashed: string; words: number }[];
}

let cache: { services: readonly Service[]; index: Indexed[]; idf: Map<string, number> } | null = null;

function buildIndex(services: readonly Service[]): { index: Indexed[]; idf: Map<string, number> } {
  const index = services.map((service): Indexed => {
    const phraseTexts = [
      service.name.vi,
      service.name.en,
      service.shortName.vi,
      service.shortName.en,
      ...service.keywords,
    ];
    const tokens = new Set<string>([
      ...phraseTexts.flatMap(tokenize),
      ...tokenize(service.summary.vi),
      ...tokenize(service.summary.en),
      String(service.number),
      ...(Array.isArray(service.procedureCodes) ? service.procedureCodes.map((c) => c.code) : []),
    ]);
    const phrases = phraseTexts
      .map(tokenize)
      .filter((t) => t.length > 0)
      .map((t) => ({ squashed: t.join(''), words: t.length }));
    return { service, tokens, phrases };
  });
  const df = new Map<string, number>();
  for (const item of index) for (const t of item.tokens) df.set(t, (df.get(t) ?? 0) + 1);
  const idf = new Map<string, number>();
  for (const [t, n] of df) idf.set(t, Math.log(1 + index.length / n));
  return { index, idf };
}

function tokenScore(q: string, item: Indexed, idf: Map<string, number>): number {
  if (item.tokens.has(q)) return idf.get(q) ?? 0;
  let best = 0;
  for (const t of item.tokens) {
    const weight = idf.get(t) ?? 0;
    if (q.length >= 3 && t.startsWith(q)) best = Math.max(best, 0.8 * weight);
    else if (q.length >= 4 && t.length >= 4 && damerauLevenshtein(q, t, 1) <= 1)
      best = Math.max(best, 0.7 * weight);
  }
  return best;
}

function phraseScore(queryTokens: string[], item: Indexed): number {
  let best = 0;
  for (let i = 0; i < queryTokens.length; i++)
    for (let j = i + 1; j <= Math.min(queryTokens.length, i + 8); j++) {
      const window = queryTokens.slice(i, j).join('');
      for (const p of item.phrases) {
        if (p.squashed === window) best = Math.max(best, 2 * p.words);
        else if (
          window.length >= 4 &&
          p.squashed.length >= 4 &&
          damerauLevenshtein(window, p.squashed, 1) <= 1
        )
          best = Math.max(best, 1.5 * p.words);
      }
    }
  return best;
}

/**
 * Services matching a free-text query, best first. Empty query → no hits. A service is kept when it
 * scores at least a third of the best hit, so a precise query returns a short list.
 */
export function searchServices(
  query: string,
  options: { services?: readonly Service[]; limit?: number } = {},
): SearchHit[] {
  const services = options.services ?? loadCatalogue().services;
  if (!cache || cache.services !== services) cache = { services, ...buildIndex(services) };
  const tokens = expand(query).split(' ').filter(Boolean);
  if (tokens.length === 0) return [];
  const hits: SearchHit[] = [];
  for (const item of cache.index) {
    let score = 0;
    for (const q of tokens) score += tokenScore(q, item, cache.idf);
    score += phraseScore(tokens, item);
    if (score > 0) hits.push({ service: item.service, score });
  }
  hits.sort((a, b) => b.score - a.score || a.service.number - b.service.number);
  const top = hits[0]?.score ?? 0;
  return hits.filter((h) => h.score >= top / 3).slice(0, options.limit ?? 10);
}

/** Shown first on the home screen: the services counters see most (editable by a province in data). */
export const MOST_USED: readonly string[] = [
  'temporary-residence',
  'permanent-residence',
  'birth-registration',
  'id-card-renewal',
  'criminal-record-certificate',
  'passport',
  'marriage-registration',
  'death-registration',
];

export const CATEGORY_LABELS: Record<Category, LocalText> = {
  identity: { vi: 'Căn cước, giấy tờ tùy thân', en: 'ID cards' },
  residence: { vi: 'Cư trú (thường trú, tạm trú)', en: 'Residence' },
  'civil-status': { vi: 'Hộ tịch (khai sinh, kết hôn, khai tử)', en: 'Births, marriages and deaths' },
  travel: { vi: 'Hộ chiếu, xuất nhập cảnh', en: 'Passports and travel' },
  transport: { vi: 'Giao thông, xe cộ', en: 'Vehicles and driving' },
  'tax-land': { vi: 'Thuế, đất đai', en: 'Tax and land' },
  'social-insurance': { vi: 'Bảo hiểm, trợ cấp', en: 'Insurance and benefits' },
  utilities: { vi: 'Điện', en: 'Electricity' },
  education: { vi: 'Giáo dục, thi cử', en: 'Education and exams' },
  justice: { vi: 'Tư pháp', en: 'Justice' },
  business: { vi: 'Cơ quan, tổ chức', en: 'Organisations' },
};

export interface HomeScreen {
  mostUsed: Service[];
  categories: { id: Category; label: LocalText; services: Service[] }[];
}

/** Data for the home screen: most-used tiles, then every category that has services, in schema order. */
export function homeScreen(services: readonly Service[] = loadCatalogue().services): HomeScreen {
  const byId = new Map(services.map((s) => [s.id, s]));
  const mostUsed = MOST_USED.map((id) => byId.get(id)).filter((s): s is Service => s !== undefined);
  const categories = (Object.keys(CATEGORY_LABELS) as Category[])
    .map((id) => ({ id, label: CATEGORY_LABELS[id], services: services.filter((s) => s.category === id) }))
    .filter((c) => c.services.length > 0);
  return { mostUsed, categories };
}
