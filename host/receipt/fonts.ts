import { existsSync } from 'node:fs';
import { ReceiptError } from './errors';

/** Noto Sans covers every Vietnamese precomposed letter (Debian `fonts-noto-core`; scripts/setup installs it). */
export const DEFAULT_FONTS = {
  regular: '/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf',
  bold: '/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf',
} as const;

export interface ReceiptFonts {
  regular: string;
  bold: string;
}

/** Checks the fonts exist; the bold face falls back to the regular one. */
export function resolveFonts(fonts: Partial<ReceiptFonts> = {}): ReceiptFonts {
  const regular = fonts.regular ?? DEFAULT_FONTS.regular;
  if (!existsSync(regular)) {
    throw new ReceiptError(
      'receipt-font-missing',
      `font ${regular} is missing: install the Debian package fonts-noto-core (scripts/setup.sh does) — receipts need full Vietnamese coverage`,
    );
  }
  const bold = fonts.bold ?? DEFAULT_FONTS.bold;
  return { regular, bold: existsSync(bold) ? bold : regular };
}
