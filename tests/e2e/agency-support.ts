/** Helpers of the agency-service specs (07 vehicle registration, 08 traffic fines): mocks, records, keys. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { KioskProcess } from './fixtures';

/** Where demo mode's agency mocks keep their records and say where they listen (host/agencies/endpoints.ts). */
const mockDir = (k: KioskProcess) => `${path.resolve(k.dataDir)}-mock-agencies`;

export function agencyMockUrl(k: KioskProcess, agency: string): string {
  const urls = JSON.parse(readFileSync(path.join(mockDir(k), 'endpoints.json'), 'utf8')) as Record<
    string,
    string
  >;
  return urls[agency]!;
}

/** The records the mock itself keeps (its JSON file), not the kiosk's answers. */
export function agencyRecords<T>(k: KioskProcess, agency: string): T[] {
  try {
    return JSON.parse(readFileSync(path.join(mockDir(k), `${agency}.json`), 'utf8')) as T[];
  } catch {
    return [];
  }
}

export async function setAgencyFaults(k: KioskProcess, agency: string, faults: object): Promise<void> {
  const res = await fetch(`${agencyMockUrl(k, agency)}/admin/faults`, {
    method: 'POST',
    body: JSON.stringify(faults),
  });
  if (!res.ok) throw new Error(`faults: HTTP ${res.status}`);
}

/** Taps characters on the open on-screen keyboard by their key id (plate and numeric layouts: no shift). */
export async function tapExact(page: Page, text: string): Promise<void> {
  const dock = page.locator('.keyboard-dock').last();
  for (const ch of text) await dock.locator(`[data-key="${ch === ' ' ? 'space' : ch}"]`).click();
}

/** The text of a printed receipt (file-mode printer: `<dataDir>/receipts/<code>.pdf`), as pdftotext reads it. */
export function printedText(k: KioskProcess, code: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(k.dataDir, 'receipts', `${code}.pdf`), '-'])
    .toString('utf8')
    .normalize('NFC')
    .replace(/\s+/g, ' ');
}
