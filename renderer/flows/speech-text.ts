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

/** What a control is, in the words read before its state ("nút", "ô đánh dấu" …). */
export type ControlKind = 'button' | 'link' | 'checkbox' | 'radio' | 'select' | 'text' | 'other';

export interface ControlWords {
  checked: string;
  unchecked: string;
  empty: string;
  nothing: string;
  /** A masked entry (PIN, code): how many characters were typed, never what ("đã nhập 4 ký tự"). */
  typed?: (count: number) => string;
  /** Each kind's name, read after the label (the tactile path; none: the label alone). */
  kinds?: Partial<Record<ControlKind, string>>;
  disabled?: string;
  expanded?: string;
  collapsed?: string;
  required?: string;
  invalid?: string;
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

/** The kind of a focusable element, by its ARIA role first, then its tag. */
export function controlKind(el: HTMLElement): ControlKind {
  const role = el.getAttribute('role');
  if (role === 'button' || role === 'link' || role === 'checkbox' || role === 'radio') return role;
  if (role === 'switch') return 'checkbox';
  if (role === 'textbox' || role === 'combobox' || role === 'searchbox') return 'text';
  if (el instanceof HTMLButtonElement || el.tagName === 'SUMMARY') return 'button';
  if (el instanceof HTMLAnchorElement) return 'link';
  if (el instanceof HTMLSelectElement) return 'select';
  if (el instanceof HTMLTextAreaElement) return 'text';
  if (el instanceof HTMLInputElement) {
    if (el.type === 'checkbox' || el.type === 'radio') return el.type;
    if (['button', 'submit', 'reset', 'image'].includes(el.type)) return 'button';
    return 'text';
  }
  return 'other';
}

/** The text of the elements an element's `aria-describedby` names (hints, a field's error message). */
function descriptionOf(el: HTMLElement): string {
  const by = el.getAttribute('aria-describedby');
  if (!by) return '';
  return by
    .split(/\s+/)
    .map((id) => {
      const d = el.ownerDocument.getElementById(id);
      return d && !d.closest('[data-personal]') ? (d.textContent ?? '') : '';
    })
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The focused control read on request: its label, its kind (when the words name kinds), its state, then its
 * value. What the citizen typed is personal (spoken only through a headset); a masked entry (PIN, `data-masked`,
 * password) is never read — only how many characters it holds. With the tactile path's words, a disabled,
 * required or invalid control says so, and its description (hint, error message) follows.
 */
export function controlParts(el: Element | null, words: ControlWords): SpeechPart[] {
  if (!el || !(el instanceof HTMLElement) || el === el.ownerDocument.body) return [{ text: words.nothing }];
  const label = labelOf(el).replace(/\s+/g, ' ').trim();
  const parts: SpeechPart[] = label ? [{ text: label }] : [];
  const add = (text: string | undefined, personal = false): void => {
    if (text) parts.push(personal ? { text, personal } : { text });
  };
  const kind = controlKind(el);
  add(words.kinds?.[kind]);
  const ariaChecked = el.getAttribute('aria-checked');
  if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) {
    add(el.checked ? words.checked : words.unchecked);
  } else if (ariaChecked !== null) {
    add(ariaChecked === 'true' ? words.checked : words.unchecked);
  } else if (el instanceof HTMLSelectElement) {
    const option = el.selectedOptions[0];
    add(option?.textContent?.trim() || words.empty);
  } else if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
    const masked = el.type === 'password' || el.hasAttribute('data-masked');
    if (!el.value) add(words.empty);
    else if (masked) add(words.typed?.([...el.value].length));
    else add(el.value, true);
  }
  const expanded = el.getAttribute('aria-expanded');
  if (expanded !== null) add(expanded === 'true' ? words.expanded : words.collapsed);
  if ((el as HTMLButtonElement).disabled || el.getAttribute('aria-disabled') === 'true') add(words.disabled);
  if ((el as HTMLInputElement).required || el.getAttribute('aria-required') === 'true') add(words.required);
  if (el.getAttribute('aria-invalid') === 'true') add(words.invalid);
  if (words.kinds) {
    add(descriptionOf(el));
    // Read as a list ("Họ và tên, ô nhập, chưa có nội dung."), not one run-on phrase.
    for (let i = parts.length - 1; i > 0; i--)
      if (!SENTENCE_END.test(parts[i - 1]!.text)) parts.splice(i, 0, { text: ',' });
  }
  const last = parts[parts.length - 1];
  if (last && !SENTENCE_END.test(last.text)) parts.push({ text: '.' });
  return parts;
}
