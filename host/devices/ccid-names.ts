/**
 * USB ids → the reader names pcscd gives them. pcsc-lite names a CCID reader after the `ifdFriendlyName` that
 * the CCID driver's Info.plist lists for its USB vendor and product id (then " [interface] (serial) 00 00"),
 * so the driver's own table turns `devices.allowedUsbIds` ("072f:223b") into name prefixes.
 */
import { existsSync, readFileSync } from 'node:fs';

export const CCID_INFO_PLIST = '/usr/lib/pcsc/drivers/ifd-ccid.bundle/Contents/Info.plist';

function stringsOf(plist: string, key: string): string[] {
  const block = new RegExp(`<key>${key}</key>\\s*<array>([\\s\\S]*?)</array>`).exec(plist)?.[1] ?? '';
  return [...block.matchAll(/<string>([^<]*)<\/string>/g)].map((m) => m[1]!.trim());
}

/** `vvvv:pppp` (lower-case hex) → friendly names, from the driver's Info.plist text. */
export function ccidNamesByUsbId(plist: string): Map<string, string[]> {
  const vendors = stringsOf(plist, 'ifdVendorID');
  const products = stringsOf(plist, 'ifdProductID');
  const names = stringsOf(plist, 'ifdFriendlyName');
  const out = new Map<string, string[]>();
  const n = Math.min(vendors.length, products.length, names.length);
  for (let i = 0; i < n; i++) {
    const id =
      `${vendors[i]!.replace(/^0x/i, '').padStart(4, '0')}:${products[i]!.replace(/^0x/i, '').padStart(4, '0')}`.toLowerCase();
    out.set(id, [...(out.get(id) ?? []), names[i]!]);
  }
  return out;
}

/** Reader-name prefixes for the given USB ids (unknown ids give none). */
export function readerNamesForUsbIds(usbIds: readonly string[], plistPath = CCID_INFO_PLIST): string[] {
  if (usbIds.length === 0 || !existsSync(plistPath)) return [];
  const table = ccidNamesByUsbId(readFileSync(plistPath, 'utf8'));
  return usbIds.flatMap((id) => table.get(id.toLowerCase()) ?? []);
}

/** Whether `readerName` is a reader named `friendlyName` by pcscd (exact, or followed by " [", " (" or " 00"). */
export function isNamedAs(readerName: string, friendlyName: string): boolean {
  if (!readerName.startsWith(friendlyName)) return false;
  const rest = readerName.slice(friendlyName.length);
  return rest === '' || rest.startsWith(' [') || rest.startsWith(' (') || /^ \d\d \d\d$/.test(rest);
}
