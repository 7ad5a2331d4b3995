/**
 * What the kiosk says aloud for what is on the screen, as phrases with the personal ones marked — the host speaks
 * marked phrases only through a headset (host/speech/privacy-filter.ts). Pure DOM reading, no React.
 *
 * Spoken: the page heading and sub-headings, leads, the form step's legend, the error summary and every alert,
 * status messages and in-page results (`role="status"`, `data-speak`), confirmation panels, dialogs. Never what
 * is typed in a field (only on request, for the focused control, marked personal). Text inside
 * `[data-personal]` is marked personal; `[data-speech-skip]` and `aria-hidden` are left out.
 */
export interface SpeechPart {
  text: string;
  personal?: boolean;
}

/** The elements read aloud, in document order. */
export const SPOKEN_SELECTOR = [
  'main h1',
  'main h2',
  'main legend',
  'main .lead',
  'main [role="alert"]',
  'main [role="status"]',
  'main .error-summary',
  'main .panel__title',
  'main .panel__body',
  'main [data-speak]',
  '[role="alertdialog"] h2',
  '[role="alertdialog"] .lead',
  '[role="dialog"] h2',
  '[role="dialog"] .lead',
].join(', ');

const SENTENCE_END = /[.!?…:;]$/;

function skipped(el: Element): boolean {
  return Boolean(el.closest('[data-speech-skip], [aria-hidden="true"], .speech-bar'));
}

/** The phrases of one element: its text nodes with spaces between them (never "bạn000"), personal ones marked. */
export function elementParts(el: Element): SpeechPart[] {
  const parts: SpeechPart[] = [];
  const doc = el.ownerDocument;
  const walker = doc.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest('script, style, [data-speech-skip], [aria-hidden="true"]')) continue;
    const text = (node.nodeValue ?? '').replace(/\s+/g, ' ').trim();
    if (!text) continue;
    const personal = Boolean(parent.closest('[data-personal]'));
    const last = parts[parts.length - 1];
    if (last && Boolean(last.personal) === personal) last.text += ` ${text}`;
    else parts.push(personal ? { text, personal } : { text });
  }
  // Each element ends a sentence, so the next one is not read as its continuation.
  const last = parts[parts.length - 1];
  if (last && !SENTENCE_END.test(last.text)) parts.push({ text: '.' });
  return parts;
}

/** The elements to read, outer ones only (a panel's body is not read twice inside an alert). */
export function spokenElements(root: ParentNode = document): Element[] {
  const all = [...root.querySelectorAll(SPOKEN_SELECTOR)].filter((el) => !skipped(el));
  return all.filter((el) => !all.some((other) => other !== el && other.contains(el)));
}

/** The whole screen as phrases (deduplicated by text: a heading repeated in a panel is read once). */
export function screenParts(root: ParentNode = document): SpeechPart[] {
  const seen = new Set<string>();
  const parts: SpeechPart[] = [];
  for (const el of spokenElements(root)) {
    const p = elementParts(el);
    const key = p.map((x) => x.text).join(' ');
    if (!key || key === '.' || seen.has(key)) continue;
    seen.add(key);
    parts.push(...p);
  }
  return parts;
}

/** Plain text of phrases, joined with spaces (what a headset would hear). */
export function partsText(parts: readonly SpeechPart[]): string {
  return parts
    .map((p) => p.text.trim())
    .filter(Boolean)
    .join(' ')
    .replace(/\s+([.,!?;:])/g, '$1')
    .normalize('NFC');
}

export interface ControlWords {
  checked: string;
  unchecked: string;
  empty: string;
  nothing: string;
}

function labelOf(el: HTMLElement): string {
  const doc = el.ownerDocument;
  const aria = el.getAttribute('aria-label');
  if (aria) return aria;
  const by = el.getAttribute('aria-labelledby');
  if (by)
    return by
      .split(/\s+/)
      .map((id) => doc.getElementById(id)?.textContent ?? '')
      .join(' ');
  const labels = (el as HTMLInputElement).labels;
  if (labels && labels.length) return [...labels].map((l) => l.textContent ?? '').join(' ');
  if (el.id) {
    const label = doc.querySelector(`label[for="${CSS.escape(el.id)}"]`);
    if (label) return label.textContent ?? '';
  }
  return el.textContent ?? '';
}

/**
 * The focused control read on request: its label, then its value. What the citizen typed is personal (spoken only
 * through a headset); a masked entry (PIN, `data-masked`, password) is never read — only whether it is empty.
 */
export function controlParts(el: Element | null, words: ControlWords): SpeechPart[] {
  if (!el || !(el instanceof HTMLElement) || el === el.ownerDocument.body) return [{ text: words.nothing }];
  const label = labelOf(el).replace(/\s+/g, ' ').trim();
  const parts: SpeechPart[] = label ? [{ text: label }] : [];
  const add = (p: SpeechPart) => parts.push(p);
  if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) {
    add({ text: el.checked ? words.checked : words.unchecked });
  } else if (el instanceof HTMLSelectElement) {
    const option = el.selectedOptions[0];
    add({ text: option?.textContent?.trim() || words.empty });
  } else if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
    const masked = el.type === 'password' || el.hasAttribute('data-masked');
    if (!el.value) add({ text: words.empty });
    else if (!masked) add({ text: el.value, personal: true });
  }
  const last = parts[parts.length - 1];
  if (last && !SENTENCE_END.test(last.text)) parts.push({ text: '.' });
  return parts;
}
