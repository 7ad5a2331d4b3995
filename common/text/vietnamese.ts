/** Vietnamese text helpers shared by every process. */

/** Every text that enters the kiosk (chip, QR, keyboard, catalogue) is normalised to NFC. */
export function nfc(text: string): string {
  return text.normalize('NFC');
}

/**
 * A search key: lower case, diacritics removed, `đ` → `d` (đ does not decompose under NFD),
 * runs of white space folded to one space.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Uppercase ASCII transliteration used on the MRZ (name line of the TD1 card back). */
export function toMrzName(text: string): string {
  return foldForSearch(text)
    .toUpperCase()
    .replace(/[^A-Z ]/g, '')
    .replace(/ /g, '<');
}
